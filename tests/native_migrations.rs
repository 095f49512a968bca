#![cfg(not(target_arch = "wasm32"))]
//! The migrations on real SQLite: applied in order they make exactly the schema the history's last
//! version describes, each down script undoes its step without losing a row of what survives, and
//! the history is the runtime's schema.

mod common;

use chat_d1::core::schema::{Columns, CLIENT_SESSIONS, CONVERSATION_TABLE, MESSAGES};
use chat_d1::core::validate::D1_MAX_STATEMENT_BYTES;
use chat_d1::generate::history::current;
use chat_d1::generate::migrations::{create_current, migrations, Migration};
use common::Sqlite;

/// Everything SQLite knows about a schema, read from `sqlite_schema` and the pragmas, in a form
/// that does not depend on how the DDL was written (`ADD COLUMN` appends its text to the table's
/// `CREATE` statement, so that text differs from a table created whole).
fn shape(db: &Sqlite) -> Vec<String> {
    let mut shape = Vec::new();
    let names = strings(
        db,
        "SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1",
    );
    for entry in names {
        shape.push(entry.clone());
        let (kind, name) = entry.split_once(' ').expect("type and name");
        if kind == "table" {
            let pragma = |what: &str| format!("SELECT * FROM pragma_{what}('{name}')");
            shape.extend(rows(db, &pragma("table_xinfo")));
            shape.extend(rows(db, &pragma("foreign_key_list")));
            let sql = strings(
                db,
                &format!("SELECT sql FROM sqlite_schema WHERE name = '{name}'"),
            );
            shape.extend(checks(&sql[0]).into_iter().map(|c| format!("{name} {c}")));
        } else {
            shape.extend(rows(
                db,
                &format!("SELECT * FROM pragma_index_xinfo('{name}')"),
            ));
            shape.extend(strings(
                db,
                &format!("SELECT sql FROM sqlite_schema WHERE name = '{name}'"),
            ));
        }
    }
    shape
}

/// The `CHECK (...)` clauses of a `CREATE TABLE` statement, sorted.
fn checks(sql: &str) -> Vec<String> {
    let mut found: Vec<String> = sql
        .match_indices("CHECK (")
        .map(|(start, _)| {
            let mut depth = 0;
            let end = sql[start..]
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '(' => 1,
                        ')' => -1,
                        _ => 0,
                    };
                    c == ')' && depth == 0
                })
                .map_or(sql.len(), |(i, _)| start + i + 1);
            sql[start..end].to_owned()
        })
        .collect();
    found.sort();
    found
}

fn strings(db: &Sqlite, sql: &str) -> Vec<String> {
    let mut statement = db.conn.prepare(sql).expect("the query prepares");
    let strings = statement
        .query_map([], |row| row.get(0))
        .expect("the query runs");
    strings.collect::<Result<_, _>>().expect("text")
}

/// Every row of `sql`, each as its values joined by `|`.
fn rows(db: &Sqlite, sql: &str) -> Vec<String> {
    let mut statement = db.conn.prepare(sql).expect("the query prepares");
    let width = statement.column_count();
    let rows = statement.query_map([], |row| {
        let cells: rusqlite::Result<Vec<String>> = (0..width)
            .map(|i| Ok(format!("{:?}", row.get::<_, rusqlite::types::Value>(i)?)))
            .collect();
        Ok(cells?.join("|"))
    });
    rows.expect("the query runs")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn run(db: &Sqlite, statements: &[String]) {
    for statement in statements {
        db.exec(statement)
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}

fn all_migrations() -> Vec<Migration> {
    migrations().expect("the history migrates without rebuilding a table")
}

#[test]
fn the_migrations_applied_in_order_make_the_schema_created_whole() {
    let stepwise = Sqlite::empty();
    for migration in all_migrations() {
        run(&stepwise, &migration.up);
    }
    let whole = Sqlite::empty();
    run(&whole, &create_current());
    let expected = shape(&whole);
    assert_eq!(shape(&stepwise), expected);
    // The comparison sees what matters: every column, key, CHECK and index is in it.
    let text = expected.join("\n");
    for expected in [
        "\"metadata\"",
        "CASCADE",
        "CHECK (\"role\" IN ('user', 'assistant'))",
        "idx_msg_conversation",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
}

/// Test data in every table, `metadata` included where a message has it (`with_metadata`).
fn fill(db: &Sqlite, with_metadata: bool) {
    let metadata = if with_metadata { ", metadata" } else { "" };
    let value = if with_metadata {
        ", '{\"model\":\"m\"}'"
    } else {
        ""
    };
    db.exec(&format!(
        "INSERT INTO client_sessions VALUES ('s', '2025-01-01', '2025-01-02', '{{\"a\":1}}');
         INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('c', 's', 'ünïcode ''title''', '2025-01-01', '2025-01-02');
         INSERT INTO messages (id, conversation_id, role, content, created_at{metadata})
           VALUES ('m1', 'c', 'user', 'hi 👋', '2025-01-01'{value});
         INSERT INTO messages (id, conversation_id, role, content, created_at)
           VALUES ('m2', 'c', 'assistant', 'hello', '2025-01-02');"
    ))
    .expect("the rows go in");
}

/// Every row of every table, over the columns every version has (the first version's).
fn surviving_rows(db: &Sqlite) -> Vec<String> {
    let mut all = Vec::new();
    for (table, columns) in [
        ("client_sessions", "id, created_at, last_activity, metadata"),
        (
            "conversations",
            "id, session_id, title, created_at, updated_at",
        ),
        ("messages", "id, conversation_id, role, content, created_at"),
    ] {
        all.extend(rows(
            db,
            &format!("SELECT {columns} FROM {table} ORDER BY rowid"),
        ));
    }
    all
}

#[test]
fn each_step_down_and_up_again_keeps_every_row_of_the_surviving_columns() {
    let migrations = all_migrations();
    let db = Sqlite::migrated();
    fill(&db, true);
    let before = surviving_rows(&db);
    let migrated_shape = shape(&db);
    // Down every step but the first (whose down drops the tables, data and all, by design), newest
    // first, then up again.
    for migration in migrations.iter().skip(1).rev() {
        run(&db, &migration.down);
        assert_eq!(
            surviving_rows(&db),
            before,
            "after {} down",
            migration.file_name
        );
    }
    let first_shape = {
        let fresh = Sqlite::empty();
        run(&fresh, &migrations[0].up);
        shape(&fresh)
    };
    assert_eq!(shape(&db), first_shape, "down to 0001 leaves 0001's schema");
    for migration in migrations.iter().skip(1) {
        run(&db, &migration.up);
        assert_eq!(
            surviving_rows(&db),
            before,
            "after {} up",
            migration.file_name
        );
    }
    assert_eq!(shape(&db), migrated_shape);
    // The first step down removes everything up created.
    run(
        &db,
        &migrations
            .iter()
            .rev()
            .flat_map(|m| m.down.clone())
            .collect::<Vec<_>>(),
    );
    assert!(strings(&db, "SELECT name FROM sqlite_schema").is_empty());
}

#[test]
fn a_database_at_0001_with_rows_takes_the_later_migrations() {
    let migrations = all_migrations();
    let db = Sqlite::empty();
    run(&db, &migrations[0].up);
    fill(&db, false);
    let before = surviving_rows(&db);
    for migration in &migrations[1..] {
        run(&db, &migration.up);
    }
    assert_eq!(surviving_rows(&db), before);
    assert_eq!(rows(&db, "SELECT metadata FROM messages"), ["Null", "Null"]);
}

fn columns<C: sea_query::Iden + Copy>(columns: Columns<C>) -> Vec<(String, bool, bool)> {
    let flags = columns.0.iter().map(|c| (c.not_null, c.primary_key));
    columns
        .names()
        .map(str::to_owned)
        .zip(flags)
        .map(|(n, (a, b))| (n, a, b))
        .collect()
}

#[test]
fn the_newest_version_is_the_schema_the_runtime_reads_and_writes() {
    let current = current();
    let table = |name: &str| {
        let table = current.table(name).expect("the table");
        let flags = |c: &chat_d1::generate::schema_version::ColumnSpec| {
            (c.name.clone(), c.not_null, c.primary_key)
        };
        table.columns.iter().map(flags).collect::<Vec<_>>()
    };
    assert_eq!(table("client_sessions"), columns(CLIENT_SESSIONS));
    assert_eq!(table("conversations"), columns(CONVERSATION_TABLE));
    assert_eq!(table("messages"), columns(MESSAGES));
    assert_eq!(current.tables.len(), 3);
}

#[test]
fn every_migration_statement_fits_d1_and_none_rebuilds_or_drops_a_table() {
    for migration in all_migrations() {
        for statement in migration.up.iter().chain(&migration.down) {
            assert!(statement.len() <= D1_MAX_STATEMENT_BYTES, "{statement}");
        }
        for statement in &migration.up {
            for forbidden in ["DROP TABLE", "RENAME", "INSERT", "DELETE FROM"] {
                assert!(
                    !statement.contains(forbidden),
                    "{}: {statement}",
                    migration.file_name
                );
            }
        }
    }
}

/// FNV-1a, 64 bits: a fingerprint of a migration's statements (not its comments).
fn fingerprint(statements: &[String]) -> u64 {
    statements
        .join(";\n")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
}

/// Every released migration's statements, pinned. A release appends its own line; a line never
/// changes: live databases ran these statements, and wrangler never runs a file twice, so a
/// rewritten migration would leave them on the old schema while the code expects the new one.
const RELEASED: &[(&str, u64)] = &[
    ("0001_initial.sql", 14225894895774274012),
    ("0002_message_metadata.sql", 16264741185872573930),
    ("0003_message_parts.sql", 5057693632403600709),
    ("0004_message_branches.sql", 11200960892477197417),
    ("0005_reply_status.sql", 6762449650883738613),
];

#[test]
fn no_released_migration_is_ever_rewritten() {
    let migrations = all_migrations();
    let rendered: Vec<(String, u64)> = migrations
        .iter()
        .map(|m| (m.file_name.clone(), fingerprint(&m.up)))
        .collect();
    for (i, (name, pinned)) in RELEASED.iter().enumerate() {
        assert_eq!(
            rendered.get(i),
            Some(&(name.to_string(), *pinned)),
            "released migration {name} changed: add a new version instead"
        );
    }
    assert_eq!(
        rendered.len(),
        RELEASED.len(),
        "pin the new migration in RELEASED: {rendered:?}"
    );
}
