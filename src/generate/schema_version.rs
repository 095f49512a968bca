//! One version of the schema as plain data: its tables (columns, foreign keys, CHECKs) and indexes,
//! and how each renders as SQLite DDL through sea-query.
//!
//! Versions are values so that two of them can be compared: a migration is rendered from the
//! difference between consecutive versions (`diff`), never written by hand. The versions
//! themselves are in `history`.

use sea_query::{
    Alias, ColumnDef, Expr, ExprTrait, ForeignKey, ForeignKeyAction, Iden, Index,
    IndexCreateStatement, IndexOrder, SqliteQueryBuilder, Table, TableCreateStatement,
};

/// A whole schema: tables in creation order (parents first), then indexes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schema {
    /// The tables, parents before the children that reference them.
    pub tables: Vec<TableSpec>,
    /// The indexes, in creation order.
    pub indexes: Vec<IndexSpec>,
}

/// A table: its columns in table order, its foreign keys and its CHECK constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// The table's name.
    pub name: String,
    /// The columns, in table order. Every one is `TEXT`.
    pub columns: Vec<ColumnSpec>,
    /// Table-level foreign keys.
    pub foreign_keys: Vec<ForeignKeySpec>,
    /// Table-level CHECK constraints.
    pub checks: Vec<Check>,
}

/// A `TEXT` column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    /// The column's name.
    pub name: String,
    /// `NOT NULL`.
    pub not_null: bool,
    /// `PRIMARY KEY`.
    pub primary_key: bool,
}

/// `FOREIGN KEY (column) REFERENCES table (references) ON DELETE CASCADE`: the only kind this
/// schema has (a session's conversations and a conversation's messages go with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKeySpec {
    /// The referencing column of this table.
    pub column: String,
    /// The parent table.
    pub table: String,
    /// The parent's referenced column.
    pub references: String,
}

/// A CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// `earlier <= later`, for two instants of one row.
    NotAfter {
        /// The column that may not be later.
        earlier: String,
        /// The column that may not be earlier.
        later: String,
    },
    /// `column IN (values...)`.
    OneOf {
        /// The checked column.
        column: String,
        /// The values it may hold.
        values: Vec<String>,
    },
}

/// An index over one table's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSpec {
    /// The index's name.
    pub name: String,
    /// The indexed table.
    pub table: String,
    /// The key columns, in key order.
    pub columns: Vec<(String, KeyOrder)>,
}

/// How an index key column is ordered, as written in its DDL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOrder {
    /// No order written (ascending).
    Unwritten,
    /// `ASC`.
    Asc,
    /// `DESC`.
    Desc,
}

/// The name an identifier of `core::schema` stands for.
pub fn name(iden: impl Iden) -> String {
    iden.unquoted().to_owned()
}

impl ColumnSpec {
    /// A column that may hold NULL and is no key: the only kind a later version may add.
    pub fn nullable(iden: impl Iden) -> Self {
        ColumnSpec {
            name: name(iden),
            not_null: false,
            primary_key: false,
        }
    }

    /// `ColumnDef` for sea-query.
    fn definition(&self) -> ColumnDef {
        let mut definition = ColumnDef::new(Alias::new(&self.name)).text().to_owned();
        if self.primary_key {
            definition.primary_key();
        }
        if self.not_null {
            definition.not_null();
        }
        definition
    }
}

impl Schema {
    /// The table called `name`, if the schema has one.
    pub fn table(&self, name: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|table| table.name == name)
    }

    /// The table called `name`, to change it while writing the next version. Panics when there
    /// is none: versions are written by hand in `history`, and a misspelled table is a bug there.
    pub fn table_mut(&mut self, name: &str) -> &mut TableSpec {
        self.tables
            .iter_mut()
            .find(|table| table.name == name)
            .unwrap_or_else(|| panic!("the schema has no table {name}"))
    }
}

impl TableSpec {
    /// `CREATE TABLE ...` with every column, foreign key and CHECK.
    pub fn create(&self) -> String {
        let mut create: TableCreateStatement =
            Table::create().table(Alias::new(&self.name)).to_owned();
        for column in &self.columns {
            create.col(column.definition());
        }
        for key in &self.foreign_keys {
            create.foreign_key(
                ForeignKey::create()
                    .from(Alias::new(&self.name), Alias::new(&key.column))
                    .to(Alias::new(&key.table), Alias::new(&key.references))
                    .on_delete(ForeignKeyAction::Cascade),
            );
        }
        for check in &self.checks {
            create.check(check.expression());
        }
        create.to_string(SqliteQueryBuilder)
    }

    /// `DROP TABLE IF EXISTS ...`.
    pub fn drop(&self) -> String {
        Table::drop()
            .table(Alias::new(&self.name))
            .if_exists()
            .to_string(SqliteQueryBuilder)
    }

    /// `ALTER TABLE ... ADD COLUMN ...`.
    pub fn add_column(&self, column: &ColumnSpec) -> String {
        Table::alter()
            .table(Alias::new(&self.name))
            .add_column(column.definition())
            .to_string(SqliteQueryBuilder)
    }

    /// `ALTER TABLE ... DROP COLUMN ...`: SQLite rewrites the rows in place, no table is rebuilt.
    pub fn drop_column(&self, column: &ColumnSpec) -> String {
        Table::alter()
            .table(Alias::new(&self.name))
            .drop_column(Alias::new(&column.name))
            .to_string(SqliteQueryBuilder)
    }
}

impl Check {
    fn expression(&self) -> Expr {
        match self {
            Check::NotAfter { earlier, later } => {
                Expr::col(Alias::new(earlier)).lte(Expr::col(Alias::new(later)))
            }
            Check::OneOf { column, values } => {
                Expr::col(Alias::new(column)).is_in(values.iter().map(String::as_str))
            }
        }
    }
}

impl IndexSpec {
    /// `CREATE INDEX ...`.
    pub fn create(&self) -> String {
        let mut create: IndexCreateStatement = Index::create()
            .name(&self.name)
            .table(Alias::new(&self.table))
            .to_owned();
        for (column, order) in &self.columns {
            let column = Alias::new(column);
            match order {
                KeyOrder::Unwritten => create.col(column),
                KeyOrder::Asc => create.col((column, IndexOrder::Asc)),
                KeyOrder::Desc => create.col((column, IndexOrder::Desc)),
            };
        }
        create.to_string(SqliteQueryBuilder)
    }

    /// `DROP INDEX ...`.
    pub fn drop(&self) -> String {
        Index::drop().name(&self.name).to_string(SqliteQueryBuilder)
    }
}
