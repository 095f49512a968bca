//! The difference between two versions of the schema, as the DDL that makes one the other, or a
//! refusal.
//!
//! Only changes SQLite makes in place are rendered: a new table, a new nullable column
//! (`ALTER TABLE ... ADD COLUMN`), a new or removed index. Anything else (a dropped, renamed,
//! retyped or reordered column, a new NOT NULL column, a changed CHECK or foreign key, a dropped
//! table) SQLite can only do by rebuilding the table: create a copy, copy the rows, drop the old
//! table, rename the copy. D1 runs with foreign keys on, so dropping the old table fires
//! `ON DELETE CASCADE` and deletes every child row: the way ORM migration tools have lost users'
//! messages on D1. The generator refuses such a change instead of rendering it.

use thiserror::Error;

use crate::generate::schema_version::{ColumnSpec, IndexSpec, Schema, TableSpec};

/// Why two versions cannot be migrated between without rebuilding a table.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    /// A table of the old version is gone.
    #[error("table {table} is dropped: its rows would be deleted, and with foreign keys on (as D1 runs) every row referencing them through ON DELETE CASCADE; chat-d1's migrations never drop a table")]
    DroppedTable {
        /// The table.
        table: String,
    },
    /// A column of the old version is gone, renamed, retyped or moved.
    #[error("column {table}.{column} is changed, dropped or moved: SQLite can do that only by rebuilding {table} (create a copy, copy the rows, drop the old table, rename), and dropping the old table with foreign keys on cascades into every child row; add a new nullable column instead")]
    ChangedColumn {
        /// The table.
        table: String,
        /// The old version's column.
        column: String,
    },
    /// A new column SQLite's `ADD COLUMN` cannot add to a table that has rows.
    #[error("new column {table}.{column} is NOT NULL or a PRIMARY KEY: ALTER TABLE ADD COLUMN cannot add one (existing rows have no value for it), and anything else rebuilds the table; add it nullable")]
    UnaddableColumn {
        /// The table.
        table: String,
        /// The new column.
        column: String,
    },
    /// A CHECK or foreign key of an existing table changed.
    #[error("the CHECK constraints or foreign keys of {table} change: SQLite can change them only by rebuilding {table}, which with foreign keys on cascades into every child row")]
    ChangedConstraints {
        /// The table.
        table: String,
    },
}

/// One step of a migration, and the step that undoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `CREATE TABLE`; undone by dropping it.
    CreateTable(TableSpec),
    /// `ALTER TABLE ... ADD COLUMN` of a nullable column; undone by `DROP COLUMN`.
    AddColumn(TableSpec, ColumnSpec),
    /// `CREATE INDEX`; undone by `DROP INDEX`.
    CreateIndex(IndexSpec),
    /// `DROP INDEX` (an index carries no data of its own); undone by creating it again.
    DropIndex(IndexSpec),
}

impl Change {
    /// The statement that makes this change.
    pub fn up(&self) -> String {
        match self {
            Change::CreateTable(table) => table.create(),
            Change::AddColumn(table, column) => table.add_column(column),
            Change::CreateIndex(index) => index.create(),
            Change::DropIndex(index) => index.drop(),
        }
    }

    /// The statement that undoes it.
    pub fn down(&self) -> String {
        match self {
            Change::CreateTable(table) => table.drop(),
            Change::AddColumn(table, column) => table.drop_column(column),
            Change::CreateIndex(index) => index.drop(),
            Change::DropIndex(index) => index.create(),
        }
    }
}

/// The changes that make `old` into `new`, in the order to apply them: table by table in `new`'s
/// order (parents first), each new table created or each kept table's new columns added; then
/// removed indexes dropped and new ones created. A refusal when any difference needs a table
/// rebuilt.
pub fn changes(old: &Schema, new: &Schema) -> Result<Vec<Change>, Refusal> {
    let mut changes = Vec::new();
    if let Some(dropped) = old.tables.iter().find(|t| new.table(&t.name).is_none()) {
        return Err(Refusal::DroppedTable {
            table: dropped.name.clone(),
        });
    }
    for table in &new.tables {
        match old.table(&table.name) {
            None => changes.push(Change::CreateTable(table.clone())),
            Some(before) => changes.extend(added_columns(before, table)?),
        }
    }
    for index in old.indexes.iter().filter(|i| !new.indexes.contains(i)) {
        changes.push(Change::DropIndex(index.clone()));
    }
    for index in new.indexes.iter().filter(|i| !old.indexes.contains(i)) {
        changes.push(Change::CreateIndex(index.clone()));
    }
    Ok(changes)
}

/// The columns `after` adds to `before`, which must otherwise be the same table.
fn added_columns(before: &TableSpec, after: &TableSpec) -> Result<Vec<Change>, Refusal> {
    let kept = after.columns.iter().zip(&before.columns);
    if let Some((_, old)) = kept.clone().find(|(new, old)| new != old) {
        return Err(changed_column(before, old));
    }
    if let Some(old) = before.columns.get(after.columns.len()) {
        return Err(changed_column(before, old));
    }
    if before.checks != after.checks || before.foreign_keys != after.foreign_keys {
        return Err(Refusal::ChangedConstraints {
            table: before.name.clone(),
        });
    }
    let added = &after.columns[before.columns.len()..];
    added
        .iter()
        .map(|column| {
            if column.not_null || column.primary_key {
                return Err(Refusal::UnaddableColumn {
                    table: after.name.clone(),
                    column: column.name.clone(),
                });
            }
            Ok(Change::AddColumn(before.clone(), column.clone()))
        })
        .collect()
}

fn changed_column(table: &TableSpec, column: &ColumnSpec) -> Refusal {
    Refusal::ChangedColumn {
        table: table.name.clone(),
        column: column.name.clone(),
    }
}
