//! Migrating a storage chat-d1 runs itself: a Durable Object's SQLite, which no wrangler command
//! reaches. The same generated migrations wrangler applies to D1 (`migrations/`), recorded by name
//! in a table of their own, each applied with its record in one transaction: a storage is migrated
//! once, whatever number of callers try, and one made by an older package version takes only what
//! is new.

// Generated from the schema's history, one statement per line, so rustfmt leaves it as written.
#[rustfmt::skip]
pub mod migrations;

use crate::core::error::{ErrorCode, Method};
use crate::core::layer::{DataLayer, Outcome};
use crate::core::migrate::migrations::MIGRATIONS;
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::Storage;
use crate::core::value::ResultSet;

/// `migrate(ctx.storage)`.
pub const MIGRATE: Method = Method {
    name: "migrate",
    message_prefix: "Failed to migrate: ",
    default_code: ErrorCode::QueryError,
};

/// The statements of every migration not in `applied`, each followed by its record, in order.
pub fn pending(applied: &[String]) -> (Vec<&'static str>, Vec<Statement>) {
    let mut names = Vec::new();
    let mut statements = Vec::new();
    for migration in MIGRATIONS {
        if applied.iter().any(|name| name == migration.name) {
            continue;
        }
        names.push(migration.name);
        statements.extend(migration.statements.iter().map(|sql| Statement {
            sql,
            params: vec![],
        }));
        statements.push(sql::record_migration(text(migration.name)));
    }
    (names, statements)
}

impl<S: Storage> DataLayer<S> {
    /// Applies every migration the storage has not recorded, in one transaction; resolves to the
    /// names applied (none when it was up to date). Two round trips: what is recorded (creating
    /// the record table when there is none), then what is missing. When applying fails because
    /// another caller migrated the storage in between (its tables or records are there now), the
    /// records are read again: nothing pending then means the storage is migrated, and this call
    /// resolves to none instead of failing.
    pub async fn migrate(&self) -> Outcome<Vec<&'static str>, S> {
        let (names, statements) = pending(&self.applied_migrations().await?);
        if statements.is_empty() {
            return Ok(names);
        }
        match self.storage().batch(statements).await {
            Ok(_) => Ok(names),
            Err(failure) => match self.applied_migrations().await {
                Ok(applied) if pending(&applied).0.is_empty() => Ok(Vec::new()),
                _ => Err(failure),
            },
        }
    }

    /// The names the storage records as applied, creating the record table when there is none.
    async fn applied_migrations(&self) -> Outcome<Vec<String>, S> {
        let bookkeeping = vec![
            Statement {
                sql: sql::CREATE_MIGRATIONS_TABLE,
                params: vec![],
            },
            Statement {
                sql: sql::APPLIED_MIGRATIONS,
                params: vec![],
            },
        ];
        let recorded = self.storage().batch(bookkeeping).await?;
        let Some(rows) = recorded.get(1) else {
            return Ok(Vec::new());
        };
        let names = (0..rows.len()).map(|i| rows.text_at(i, "name").map(Option::unwrap_or_default));
        Ok(names.collect::<Result<_, _>>()?)
    }
}
