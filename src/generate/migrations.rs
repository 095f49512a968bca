//! The wrangler D1 migration files, rendered from the schema's history: migration `000n` is the
//! difference between versions `n - 1` and `n` (version 0 being the empty database), and its down
//! script undoes it.
//!
//! `cargo run --example generate` writes them; a test fails when the committed files differ from
//! what this module renders, so the schema and the migrations cannot drift apart.

use crate::generate::diff::{changes, Change, Refusal};
use crate::generate::history::{versions, Version};
use crate::generate::schema_version::Schema;

/// The folder wrangler applies, in file-name order: the package's `migrations_dir`.
pub const UP_DIR: &str = "migrations";

/// The down scripts' folder. It lives outside `migrations/` because wrangler treats every `.sql`
/// file there as an up migration and would apply it.
pub const DOWN_DIR: &str = "migrations-down";

const HEADER: &str =
    "-- Generated from src/generate/history.rs by `cargo run --example generate`. Do not edit.\n";

/// One rendered migration.
#[derive(Debug, Clone)]
pub struct Migration {
    /// The file name wrangler records once it is applied: `NNNN_stem.sql`.
    pub file_name: String,
    /// What it is for, in a sentence.
    pub purpose: &'static str,
    /// Its statements, in order.
    pub up: Vec<String>,
    /// The statements that undo it, in order.
    pub down: Vec<String>,
}

impl Migration {
    /// The up migration's text, as `migrations/` holds it.
    pub fn up_sql(&self) -> String {
        render(self.purpose, &self.up)
    }

    /// The down script's text, as `migrations-down/` holds it.
    pub fn down_sql(&self) -> String {
        let purpose = format!(
            "Reverts {}. Not run by wrangler; apply by hand with `wrangler d1 execute --file`.",
            self.file_name
        );
        render(&purpose, &self.down)
    }

    /// The down script's file name: `NNNN_stem.down.sql`.
    pub fn down_file_name(&self) -> String {
        self.file_name.replace(".sql", ".down.sql")
    }
}

/// Every migration, in order: each version's difference from the one before.
pub fn migrations() -> Result<Vec<Migration>, Refusal> {
    let mut before = Schema::default();
    let mut all = Vec::new();
    for (number, version) in (1..).zip(versions()) {
        all.push(migration(number, &version, &before)?);
        before = version.schema;
    }
    Ok(all)
}

/// Migration `number`, from the schema `before` to `version`'s.
pub fn migration(number: usize, version: &Version, before: &Schema) -> Result<Migration, Refusal> {
    let changes = changes(before, &version.schema)?;
    let up = changes.iter().map(Change::up).collect();
    let down = changes
        .iter()
        .rev()
        .filter_map(|change| undo(change, &changes))
        .collect();
    Ok(Migration {
        file_name: format!("{number:04}_{}.sql", version.stem),
        purpose: version.purpose,
        up,
        down,
    })
}

/// The statement undoing `change`, unless undoing another change of the same migration already
/// does: dropping a table drops its indexes with it.
fn undo(change: &Change, all: &[Change]) -> Option<String> {
    if let Change::CreateIndex(index) = change {
        let table_created_here = all
            .iter()
            .any(|c| matches!(c, Change::CreateTable(t) if t.name == index.table));
        if table_created_here {
            return None;
        }
    }
    Some(change.down())
}

/// The whole current schema created at once, as a database would be had it been made in one step:
/// what the native tests compare a database migrated step by step with.
pub fn create_current() -> Vec<String> {
    let current = crate::generate::history::current();
    let tables = current.tables.iter().map(|table| table.create());
    tables
        .chain(current.indexes.iter().map(|index| index.create()))
        .collect()
}

/// The generated module holding every migration's statements for the runtime (`migrate`, for a
/// Durable Object's storage), relative to the crate root.
pub const RUNTIME_MODULE_PATH: &str = "src/core/migrate/migrations.rs";

/// Every migration's up file and down file, and the runtime's module of them: path relative to
/// the crate root, and text.
pub fn files() -> Vec<(String, String)> {
    let migrations = released();
    let mut files: Vec<(String, String)> = migrations
        .iter()
        .flat_map(|m| {
            [
                (format!("{UP_DIR}/{}", m.file_name), m.up_sql()),
                (format!("{DOWN_DIR}/{}", m.down_file_name()), m.down_sql()),
            ]
        })
        .collect();
    files.push((RUNTIME_MODULE_PATH.to_owned(), runtime_module(&migrations)));
    files
}

/// `src/core/migrate/migrations.rs`: the up migrations' statements as constants, one per line.
fn runtime_module(migrations: &[Migration]) -> String {
    let mut module = String::from(
        "//! Every migration's statements, for the storages chat-d1 migrates itself (`migrate`).\n\
         //! Generated from src/generate/history.rs by `cargo run --example generate`: do not edit.\n\n\
         /// One migration, as `migrations/` holds it.\n\
         #[derive(Debug)]\n\
         pub struct Migration {\n\
         \x20   /// Its file name, which is also its record.\n\
         \x20   pub name: &'static str,\n\
         \x20   /// Its statements, in order.\n\
         \x20   pub statements: &'static [&'static str],\n\
         }\n\n\
         /// The migrations, in order: what `migrations/` holds.\n\
         pub const MIGRATIONS: &[Migration] = &[\n",
    );
    for migration in migrations {
        module.push_str(&format!(
            "    Migration {{\n        name: {:?},\n        statements: &[\n",
            migration.file_name
        ));
        for statement in &migration.up {
            module.push_str(&format!("            {statement:?},\n"));
        }
        module.push_str("        ],\n    },\n");
    }
    module.push_str("];\n");
    module
}

/// Every up migration's text, in order: what wrangler applies to a new database.
pub fn up_sql() -> String {
    released().iter().map(Migration::up_sql).collect()
}

/// [`migrations`], for the generated files: a history the generator refuses is a bug in
/// `history.rs`, reported loudly at build time (this code never ships).
fn released() -> Vec<Migration> {
    migrations().unwrap_or_else(|refusal| panic!("the history: {refusal}"))
}

fn render(purpose: &str, statements: &[String]) -> String {
    let mut sql = format!("{HEADER}-- {purpose}\n\n");
    for statement in statements {
        sql.push_str(statement);
        sql.push_str(";\n");
    }
    sql
}
