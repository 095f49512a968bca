#![cfg(not(target_arch = "wasm32"))]
//! `migrate`, the runtime migrator of a storage chat-d1 migrates itself (a Durable Object's), on
//! real SQLite: it applies exactly what wrangler applies to D1, records it, applies nothing twice,
//! and gives a storage made by an older version only what is new, all or nothing.

mod common;

use chat_d1::core::migrate::migrations::MIGRATIONS;

use chat_d1::core::layer::DataLayer;
use chat_d1::core::migrate::pending;
use chat_d1::core::statement::Statement;
use chat_d1::core::storage::{Rejection, Storage};
use chat_d1::generate::migrations::{migrations, up_sql};
use common::{block_on, Sqlite, SqliteRows};

fn objects(db: &Sqlite) -> String {
    db.text("SELECT group_concat(type || ' ' || name || ' ' || sql, char(10)) FROM (SELECT * FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND name != 'chat_d1_migrations' ORDER BY name)")
}

/// A storage as `migrate` of a package with only 0001 left it, then `sql` run on it.
fn at_0001(sql: &str) -> DataLayer<Sqlite> {
    let layer = DataLayer::new(Sqlite::empty());
    let first = &migrations().unwrap()[0];
    layer.storage().exec(&first.up.join(";\n")).unwrap();
    let recorded = "CREATE TABLE chat_d1_migrations (name text NOT NULL PRIMARY KEY); INSERT INTO chat_d1_migrations VALUES ('0001_initial.sql')";
    layer.storage().exec(&format!("{recorded}; {sql}")).unwrap();
    layer
}

#[test]
fn a_new_storage_gets_every_migration_wrangler_would_apply_and_records_them() {
    let layer = DataLayer::new(Sqlite::empty());
    let applied = block_on(layer.migrate()).expect("migrates");
    let names: Vec<String> = migrations()
        .unwrap()
        .into_iter()
        .map(|m| m.file_name)
        .collect();
    assert_eq!(applied, names);
    let wrangler = Sqlite::empty();
    wrangler.exec(&up_sql()).unwrap();
    assert_eq!(objects(layer.storage()), objects(&wrangler));
    assert_eq!(
        layer
            .storage()
            .text("SELECT group_concat(name) FROM chat_d1_migrations"),
        names.join(",")
    );
    assert_eq!(layer.storage().round_trips.get(), 2);
}

#[test]
fn a_migrated_storage_gets_nothing_and_an_older_one_only_what_is_new() {
    let layer = DataLayer::new(Sqlite::empty());
    block_on(layer.migrate()).unwrap();
    assert!(
        block_on(layer.migrate()).unwrap().is_empty(),
        "nothing twice"
    );
    assert_eq!(
        layer.storage().round_trips.get(),
        3,
        "one round trip when up to date"
    );

    // A storage an older package migrated: 0001 only, with rows.
    let older = at_0001("INSERT INTO client_sessions VALUES ('s', 'a', 'b', NULL)");
    assert_eq!(block_on(older.migrate()).unwrap(), after_0001());
    assert_eq!(older.storage().count("client_sessions"), 1);
    assert_eq!(objects(older.storage()), objects(layer.storage()));
}

#[test]
fn a_migration_that_fails_leaves_nothing_of_itself() {
    // A storage whose messages already have the column 0002 adds, but no record of 0002: its
    // ALTER fails, and neither it nor its record remains.
    let layer = at_0001("ALTER TABLE messages ADD COLUMN metadata text");
    let before = objects(layer.storage());
    block_on(layer.migrate()).expect_err("the duplicate column fails");
    assert_eq!(objects(layer.storage()), before);
    assert_eq!(layer.storage().count("chat_d1_migrations"), 1);
    let (names, statements) = pending(&["0001_initial.sql".to_owned()]);
    assert_eq!(names, after_0001());
    let ddl: usize = MIGRATIONS[1..].iter().map(|m| m.statements.len()).sum();
    assert_eq!(
        statements.len(),
        ddl + names.len(),
        "each one's statements and its record"
    );
}

/// A storage on which another caller finishes migrating between this caller's read of the
/// records and its apply: a Durable Object's `migrate` called twice outside
/// `blockConcurrencyWhile`.
struct Raced {
    db: Sqlite,
    raced: std::cell::Cell<bool>,
}

impl Storage for Raced {
    type Rows = SqliteRows;
    type Cause = rusqlite::Error;
    const MAX_VALUE_BYTES: usize = Sqlite::MAX_VALUE_BYTES;

    async fn all(&self, statement: Statement) -> Result<SqliteRows, Rejection<rusqlite::Error>> {
        self.db.all(statement).await
    }

    async fn batch(
        &self,
        statements: Vec<Statement>,
    ) -> Result<Vec<SqliteRows>, Rejection<rusqlite::Error>> {
        let applying = statements
            .iter()
            .any(|s| s.sql.starts_with("CREATE TABLE \"client"));
        if applying && !self.raced.replace(true) {
            let other = DataLayer::new(Sqlite::empty());
            block_on(other.migrate()).unwrap();
            let records = "SELECT group_concat('INSERT INTO chat_d1_migrations VALUES (''' || name || ''')', ';') FROM chat_d1_migrations";
            let record = other.storage().text(records);
            self.db.exec(&format!("{};{record}", up_sql())).unwrap();
        }
        self.db.batch(statements).await
    }
}

#[test]
fn a_caller_that_loses_the_race_to_migrate_resolves_to_nothing_applied() {
    let raced = DataLayer::new(Raced {
        db: Sqlite::empty(),
        raced: std::cell::Cell::new(false),
    });
    assert!(block_on(raced.migrate())
        .expect("the other caller migrated it")
        .is_empty());
    assert!(raced.storage().raced.get());
    assert_eq!(
        raced.storage().db.count("chat_d1_migrations"),
        MIGRATIONS.len() as i64
    );
    // A failure that is not a lost race still fails: see a_migration_that_fails_leaves_nothing_of_itself.
}

/// The name of every migration after 0001, in order: what a storage at 0001 takes.
fn after_0001() -> Vec<&'static str> {
    MIGRATIONS.iter().skip(1).map(|m| m.name).collect()
}
