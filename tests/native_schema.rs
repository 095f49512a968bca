#![cfg(not(target_arch = "wasm32"))]
//! The schema as SQLite sees it: migrations, constraints, cascades and query plans.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::dropin::conversations::{self, LIST_CONVERSATIONS};
use chat_d1::core::dropin::messages::CREATE_MESSAGE;
use chat_d1::core::error::{Error, ErrorCode};
use chat_d1::core::layer::DataLayer;
use chat_d1::core::value::SqlValue;
use chat_d1::core::violation::Violation;
use common::args::{metadata, text};
use common::decode::Decoded;
use common::Sqlite;

fn schema_of(db: &Sqlite) -> Vec<(String, String, Option<String>)> {
    let mut statement = db
        .conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn up_creates_three_tables_and_five_indexes() {
    let db = Sqlite::migrated();
    let names: Vec<_> = schema_of(&db)
        .into_iter()
        .map(|(kind, name, _)| format!("{kind} {name}"))
        .collect();
    assert_eq!(
        names,
        [
            "index idx_conv_session_updated",
            "index idx_conv_updated",
            "index idx_msg_conversation",
            "index idx_msg_parent",
            "index idx_session_activity",
            "table client_sessions",
            "table conversations",
            "table messages",
        ]
    );
}

fn rejects(db: &Sqlite, sql: &str) -> String {
    let message = db
        .exec(sql)
        .expect_err("the constraint rejects the row")
        .to_string();
    assert!(
        Violation::from_sqlite_message(&message).is_some(),
        "{message}"
    );
    message
}

#[test]
fn each_check_constraint_rejects_a_bad_row_as_a_constraint_error() {
    let db = Sqlite::migrated();
    let session = rejects(
        &db,
        "INSERT INTO client_sessions VALUES ('s', '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z', NULL)"
    );
    assert!(session.contains("CHECK constraint failed"), "{session}");
    db.exec("INSERT INTO client_sessions VALUES ('s', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', NULL)").unwrap();
    let conversation = rejects(
        &db,
        "INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('c', 's', NULL, '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z')"
    );
    assert!(
        conversation.contains("CHECK constraint failed"),
        "{conversation}"
    );
    db.exec("INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES ('c', 's', NULL, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").unwrap();
    let role = rejects(
        &db,
        "INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('m', 'c', 'system', 'x', '2025-01-01T00:00:00.000Z')",
    );
    assert!(role.contains("CHECK constraint failed"), "{role}");
    let not_null = rejects(
        &db,
        "INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('m', 'c', 'user', NULL, '2025-01-01T00:00:00.000Z')",
    );
    assert!(
        not_null.contains("NOT NULL constraint failed"),
        "{not_null}"
    );
}

#[test]
fn d1_worded_failures_are_classified_like_sqlites() {
    let cases = [
        ("D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)", ErrorCode::ConstraintError),
        ("D1_ERROR: CHECK constraint failed: n > 0: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_CHECK)", ErrorCode::ConstraintError),
        ("D1_ERROR: UNIQUE constraint failed: p.id: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_PRIMARYKEY)", ErrorCode::ConstraintError),
        ("D1_ERROR: no such table: messages: SQLITE_ERROR", ErrorCode::InsertError),
        ("D1_TYPE_ERROR: Type 'undefined' not supported for value 'undefined'", ErrorCode::InsertError),
    ];
    let failure = |message: &str| Error::Storage {
        violation: Violation::from_sqlite_message(message),
        message: message.to_owned(),
    };
    for (message, code) in cases {
        assert_eq!(failure(message).code(CREATE_MESSAGE), code, "{message}");
    }
    assert_eq!(
        failure("D1_ERROR: timeout").code(LIST_CONVERSATIONS),
        ErrorCode::QueryError
    );
}

#[test]
fn listing_conversations_uses_its_index_without_a_scan_or_a_sort() {
    let db = Sqlite::migrated();
    let plan = db.plan(&conversations::select_conversations(
        SqlValue::Text("s".into()),
        SqlValue::Integer(10),
    ));
    assert_eq!(
        plan,
        "SEARCH conversations USING INDEX idx_conv_session_updated (session_id=?)"
    );
}

#[test]
fn reading_a_conversation_and_its_messages_uses_indexes_without_a_scan_or_a_sort() {
    let db = Sqlite::migrated();
    let [conversation, messages] =
        conversations::select_conversation_with_messages(SqlValue::Text("c".into()));
    assert_eq!(
        db.plan(&conversation),
        "SEARCH conversations USING INDEX sqlite_autoindex_conversations_1 (id=?)"
    );
    assert_eq!(
        db.plan(&messages),
        "SEARCH messages USING INDEX idx_msg_conversation (conversation_id=?)"
    );
}

/// The old TypeScript layer's schema: the same tables and indexes, none of the CHECKs.
const OLD_LAYER_SCHEMA: &str = r#"
CREATE TABLE client_sessions (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, last_activity TEXT NOT NULL, metadata TEXT);
CREATE TABLE conversations (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES client_sessions(id) ON DELETE CASCADE, title TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, role TEXT NOT NULL, content TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX idx_session_activity ON client_sessions (last_activity DESC);
CREATE INDEX idx_conv_session_updated ON conversations (session_id, updated_at DESC);
CREATE INDEX idx_conv_updated ON conversations (updated_at DESC);
CREATE INDEX idx_msg_conversation ON messages (conversation_id, created_at ASC);
"#;

#[test]
fn a_database_made_by_the_old_layer_works_unchanged() {
    let db = Sqlite::empty();
    db.exec(OLD_LAYER_SCHEMA).unwrap();
    let layer = DataLayer::new(db);
    let t0 = common::T0;
    common::block_on(layer.get_or_create_session(&text("s"), metadata(Some("{}")), t0))
        .unwrap()
        .decoded();
    common::block_on(layer.create_conversation(&text("c"), &text("s"), &text("t"), t0)).unwrap();
    common::block_on(layer.create_message(
        &text("m"),
        &text("c"),
        &text("user"),
        &text("hi"),
        t0 + 1,
    ))
    .unwrap();
    let listed = common::block_on(layer.list_conversations(&text("s"), &Arg::Undefined))
        .unwrap()
        .decoded();
    assert_eq!(listed[0].updated_at, "2025-11-14T10:30:00.124Z");
    let found = common::block_on(layer.get_conversation_with_messages(&text("c")))
        .unwrap()
        .decoded()
        .unwrap();
    assert_eq!(found.messages.len(), 1);
    // Without the CHECK, the old layer stored any role. The drop-in read hands such a row back as
    // stored, as the old layer did (a Worker's 200 stays a 200); only the Rust model, whose role is
    // an enum, cannot hold it.
    layer
        .storage()
        .exec("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('bad', 'c', 'system', 'x', '2030-01-01T00:00:00.000Z')")
        .unwrap();
    let found = common::block_on(layer.get_conversation_with_messages(&text("c")))
        .unwrap()
        .expect("the conversation exists");
    assert_eq!(found.messages.into_inner().len(), 2);
}

#[test]
fn a_database_without_the_migrations_is_told_to_apply_them() {
    let layer = DataLayer::new(Sqlite::empty());
    let scope = chat_d1::core::chat::Scope::new(&text("s")).expect("a session id");
    let turn = common::args::turn("c", "m", true, None);
    let rejection = common::block_on(layer.start_turn(&scope, turn, common::T0))
        .err()
        .expect("no tables");
    let message = rejection.error.to_string();
    assert!(
        message.starts_with("no such table: client_sessions"),
        "{message}"
    );
    assert!(message.ends_with("(the database lacks chat-d1's schema: apply its migrations (`wrangler d1 migrations apply <DATABASE>`; on a Durable Object, `migrate(ctx.storage)`))"), "{message}");
    let listed = common::block_on(layer.list_conversations(&text("s"), &Arg::Undefined));
    assert_eq!(
        listed
            .expect_err("no tables")
            .error
            .code(LIST_CONVERSATIONS),
        ErrorCode::QueryError
    );
}
