#![cfg(not(target_arch = "wasm32"))]
//! The migration generator's rule: it renders only what SQLite changes in place (a new table, a
//! new nullable column, an index) and refuses, saying why, every change that would need a table
//! rebuilt (the rebuild's DROP TABLE cascades into child rows on D1).

mod common;

use chat_d1::generate::diff::{changes, Change, Refusal};
use chat_d1::generate::history::current;
use chat_d1::generate::schema_version::{
    Check, ColumnSpec, IndexSpec, KeyOrder, Schema, TableSpec,
};

/// The current schema with `edit` applied: a would-be next version.
fn next(edit: impl FnOnce(&mut Schema)) -> Result<Vec<Change>, Refusal> {
    let mut new = current();
    edit(&mut new);
    changes(&current(), &new)
}

fn messages(schema: &mut Schema) -> &mut TableSpec {
    schema.table_mut("messages")
}

fn refused(edit: impl FnOnce(&mut Schema)) -> String {
    let refusal = next(edit).expect_err("the generator refuses");
    let message = refusal.to_string();
    assert!(message.contains("messages"), "names the table: {message}");
    message
}

#[test]
fn a_version_unchanged_needs_no_migration() {
    assert_eq!(next(|_| {}), Ok(vec![]));
}

#[test]
fn changes_that_need_a_table_rebuilt_are_refused_saying_why() {
    let cascades = "cascades into every child row";
    type Edit = Box<dyn FnOnce(&mut Schema)>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "dropped column",
            Box::new(|s| drop(messages(s).columns.remove(3))),
        ),
        (
            "renamed column",
            Box::new(|s| messages(s).columns[3].name = "body".into()),
        ),
        (
            "column made nullable",
            Box::new(|s| messages(s).columns[3].not_null = false),
        ),
        (
            "columns reordered",
            Box::new(|s| messages(s).columns.swap(2, 3)),
        ),
        (
            "CHECK changed",
            Box::new(|s| match &mut messages(s).checks[0] {
                Check::OneOf { values, .. } => values.push("system".into()),
                other => panic!("{other:?}"),
            }),
        ),
        (
            "CHECK added",
            Box::new(|s| {
                messages(s).checks.push(Check::NotAfter {
                    earlier: "created_at".into(),
                    later: "content".into(),
                })
            }),
        ),
        (
            "foreign key dropped",
            Box::new(|s| drop(messages(s).foreign_keys.pop())),
        ),
    ];
    for (case, edit) in cases {
        let message = refused(edit);
        assert!(message.contains(cascades), "{case}: {message}");
    }
    let dropped = refused(|s| s.tables.retain(|t| t.name != "messages"));
    assert!(dropped.contains("ON DELETE CASCADE"), "{dropped}");
}

#[test]
fn a_new_column_sqlite_cannot_add_in_place_is_refused() {
    for (not_null, primary_key) in [(true, false), (false, true)] {
        let message = refused(|s| {
            messages(s).columns.push(ColumnSpec {
                name: "tokens".into(),
                not_null,
                primary_key,
            })
        });
        assert!(
            message.contains("ALTER TABLE ADD COLUMN cannot add"),
            "{message}"
        );
    }
}

#[test]
fn new_tables_nullable_columns_and_indexes_are_rendered_in_place_and_undone() {
    let cards = TableSpec {
        name: "character_cards".into(),
        columns: vec![ColumnSpec {
            name: "id".into(),
            not_null: false,
            primary_key: true,
        }],
        foreign_keys: vec![],
        checks: vec![],
    };
    let index = IndexSpec {
        name: "idx_msg_role".into(),
        table: "messages".into(),
        columns: vec![("role".into(), KeyOrder::Unwritten)],
    };
    let changes = next(|s| {
        s.tables.push(cards.clone());
        messages(s).columns.push(ColumnSpec {
            name: "tokens".into(),
            not_null: false,
            primary_key: false,
        });
        s.indexes.push(index.clone());
        s.indexes.retain(|i| i.name != "idx_conv_updated");
    })
    .expect("all in place");
    let up: Vec<String> = changes.iter().map(Change::up).collect();
    let down: Vec<String> = changes.iter().map(Change::down).collect();
    assert_eq!(
        up,
        [
            "ALTER TABLE \"messages\" ADD COLUMN \"tokens\" text",
            "CREATE TABLE \"character_cards\" ( \"id\" text PRIMARY KEY )",
            "DROP INDEX \"idx_conv_updated\"",
            "CREATE INDEX \"idx_msg_role\" ON \"messages\" (\"role\")",
        ]
    );
    assert_eq!(
        down,
        [
            "ALTER TABLE \"messages\" DROP COLUMN \"tokens\"",
            "DROP TABLE IF EXISTS \"character_cards\"",
            "CREATE INDEX \"idx_conv_updated\" ON \"conversations\" (\"updated_at\" DESC)",
            "DROP INDEX \"idx_msg_role\"",
        ]
    );
    // And SQLite takes them, up then down (in reverse), on a migrated database with rows.
    let db = common::Sqlite::migrated();
    db.exec("INSERT INTO client_sessions VALUES ('s', 'a', 'b', NULL)")
        .unwrap();
    let schema = "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema ORDER BY name)";
    let before = db.text(schema);
    for statement in up.iter().chain(down.iter().rev()) {
        db.exec(statement)
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    assert_eq!(db.text(schema), before);
    assert_eq!(db.count("client_sessions"), 1);
}
