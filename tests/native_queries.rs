#![cfg(not(target_arch = "wasm32"))]
//! The SQL each method sends, pinned as text so any change is a visible diff; the guarantee that
//! the runtime statements are exactly what sea-query builds; and that user values travel only as
//! bound parameters.

mod common;

use chat_d1::arg::Arg;
use chat_d1::arg::Scalar;
use chat_d1::model::{Conversation, Message, MessageRole};
use chat_d1::queries;
use chat_d1::sql_builders::{self, sql_module, BuiltStatement, SQL_MODULE_PATH};
use chat_d1::value::SqlValue;
use common::{block_on, data_layer, metadata, text as arg, Decoded, T0};
use proptest::prelude::*;

fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_owned())
}

fn scalar(s: &str) -> Scalar {
    Scalar::Text(s.to_owned())
}

/// A conversation as a drop-in write binds it: the caller's values as given.
fn scalar_conversation(c: &Conversation) -> Conversation<Scalar> {
    Conversation {
        id: scalar(&c.id),
        session_id: scalar(&c.session_id),
        title: c.title.as_deref().map(scalar),
        created_at: c.created_at.clone(),
        updated_at: c.updated_at.clone(),
    }
}

/// A message as a drop-in write binds it.
fn scalar_message(m: &Message) -> Message<Scalar> {
    Message {
        id: scalar(&m.id),
        conversation_id: scalar(&m.conversation_id),
        role: m.role,
        content: scalar(&m.content),
        created_at: m.created_at.clone(),
    }
}

#[test]
fn get_or_create_session_is_one_upsert_with_returning() {
    let statement = queries::get_or_create_session(text("s1"), "NOW", Some("{}"));
    assert_eq!(
        statement.sql,
        r#"INSERT INTO "client_sessions" ("id", "created_at", "last_activity", "metadata") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "last_activity" = MAX("client_sessions"."last_activity", "excluded"."last_activity") RETURNING "id", "created_at", "last_activity", "metadata""#
    );
    assert_eq!(
        statement.params,
        [text("s1"), text("NOW"), text("NOW"), text("{}")]
    );
    let without = queries::get_or_create_session(text("s1"), "NOW", None);
    assert_eq!(without.params[3], SqlValue::Null);
}

fn conversation(title: Option<&str>) -> Conversation {
    Conversation {
        id: "c1".into(),
        session_id: "s1".into(),
        title: title.map(str::to_owned),
        created_at: "NOW".into(),
        updated_at: "NOW".into(),
    }
}

#[test]
fn create_conversation_is_one_insert() {
    let statement = queries::create_conversation(&scalar_conversation(&conversation(None)));
    assert_eq!(
        statement.sql,
        r#"INSERT INTO "conversations" ("id", "session_id", "title", "created_at", "updated_at") VALUES (?, ?, ?, ?, ?)"#
    );
    assert_eq!(
        statement.params,
        [
            text("c1"),
            text("s1"),
            SqlValue::Null,
            text("NOW"),
            text("NOW")
        ]
    );
}

fn message(content: &str) -> Message {
    Message {
        id: "m1".into(),
        conversation_id: "c1".into(),
        role: MessageRole::User,
        content: content.into(),
        created_at: "NOW".into(),
    }
}

#[test]
fn create_message_is_an_insert_and_a_touch_in_one_batch() {
    let [insert, touch] = queries::create_message(&scalar_message(&message("hi")));
    assert_eq!(
        insert.sql,
        r#"INSERT INTO "messages" ("id", "conversation_id", "role", "content", "created_at") VALUES (?, ?, ?, ?, ?)"#
    );
    assert_eq!(
        insert.params,
        [
            text("m1"),
            text("c1"),
            text("user"),
            text("hi"),
            text("NOW")
        ]
    );
    assert_eq!(
        touch.sql,
        r#"UPDATE "conversations" SET "updated_at" = MAX("updated_at", ?) WHERE "id" = ?"#
    );
    assert_eq!(touch.params, [text("NOW"), text("c1")]);
}

#[test]
fn list_conversations_is_one_indexed_select() {
    let statement = queries::list_conversations(text("s1"), SqlValue::Integer(10));
    assert_eq!(
        statement.sql,
        r#"SELECT "id", "session_id", "title", "created_at", "updated_at" FROM "conversations" WHERE "session_id" = ? ORDER BY "updated_at" DESC LIMIT ?"#
    );
    assert_eq!(statement.params, [text("s1"), SqlValue::Integer(10)]);
}

#[test]
fn get_conversation_with_messages_is_two_selects_in_one_batch() {
    let [conversation, messages] = queries::get_conversation_with_messages(text("c1"));
    assert_eq!(
        conversation.sql,
        r#"SELECT "id", "session_id", "title", "created_at", "updated_at" FROM "conversations" WHERE "id" = ?"#
    );
    assert_eq!(
        messages.sql,
        r#"SELECT "id", "conversation_id", "role", "content", "created_at" FROM "messages" WHERE "conversation_id" = ? ORDER BY "created_at" ASC, "rowid" ASC"#
    );
    assert_eq!(conversation.params, [text("c1")]);
    assert_eq!(messages.params, [text("c1")]);
}

const HOSTILE: [&str; 6] = [
    "it's \"quoted\"",
    "x'); DROP TABLE messages; --",
    "-- comment\n/* block */",
    "nul\0inside",
    "emoji 👋🏽 and 漢字 and \u{200d}",
    "",
];

#[test]
fn hostile_strings_round_trip_exactly_through_every_column() {
    let layer = data_layer();
    for (i, value) in HOSTILE.iter().enumerate() {
        let session = format!("{value}-s{i}");
        let conversation = format!("{value}-c{i}");
        let title = format!("{value}-t");
        let json = serde_like_json_object(value);
        let stored =
            block_on(layer.get_or_create_session(&arg(&session), metadata(Some(&json)), T0))
                .unwrap()
                .decoded();
        assert_eq!(
            (stored.id.as_str(), stored.metadata_json.as_deref()),
            (session.as_str(), Some(json.as_str()))
        );
        block_on(layer.create_conversation(&arg(&conversation), &arg(&session), &arg(&title), T0))
            .unwrap();
        block_on(layer.create_message(
            &arg(format!("{value}-m")),
            &arg(&conversation),
            &arg("user"),
            &arg(value),
            T0,
        ))
        .unwrap();
        let found = block_on(layer.get_conversation_with_messages(&arg(&conversation)))
            .unwrap()
            .decoded()
            .unwrap();
        assert_eq!(found.conversation.title.as_deref(), Some(title.as_str()));
        assert_eq!(found.messages[0].content, *value);
        assert_eq!(found.messages[0].id, format!("{value}-m"));
        let listed = block_on(layer.list_conversations(&arg(&session), &Arg::Undefined))
            .unwrap()
            .decoded();
        assert_eq!(listed[0].id, conversation);
    }
    assert_eq!(layer.database().count("messages"), HOSTILE.len() as i64);
}

/// A JSON object holding `value`, escaped as JSON.stringify would.
fn serde_like_json_object(value: &str) -> String {
    let escaped: String = value
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            '\n' => "\\n".to_owned(),
            c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!(r#"{{"v":"{escaped}"}}"#)
}

#[test]
fn a_megabyte_of_text_round_trips_exactly() {
    let layer = data_layer();
    block_on(layer.get_or_create_session(&arg("s"), metadata(None), T0))
        .unwrap()
        .decoded();
    block_on(layer.create_conversation(&arg("c"), &arg("s"), &Arg::Undefined, T0)).unwrap();
    let content: String = "ab\0c👋'\"--".chars().cycle().take(1 << 20).collect();
    block_on(layer.create_message(&arg("m"), &arg("c"), &arg("assistant"), &arg(&content), T0))
        .unwrap();
    let found = block_on(layer.get_conversation_with_messages(&arg("c")))
        .unwrap()
        .decoded()
        .unwrap();
    assert_eq!(found.messages[0].content.len(), content.len());
    assert!(found.messages[0].content == content);
}

/// The message and conversation used by the property tests: `value` in every user position, made
/// distinct per position so that parameters bound in the wrong order cannot compare equal.
fn models_with(value: &str) -> (Conversation, Message) {
    let at = |position: &str| format!("{value}|{position}");
    let conversation = Conversation {
        id: at("conversation.id"),
        session_id: at("conversation.session_id"),
        title: Some(at("conversation.title")),
        created_at: at("conversation.created_at"),
        updated_at: at("conversation.updated_at"),
    };
    let message = Message {
        id: at("message.id"),
        conversation_id: at("message.conversation_id"),
        role: MessageRole::Assistant,
        content: at("message.content"),
        created_at: at("message.created_at"),
    };
    (conversation, message)
}

/// Every statement of every method as the runtime sends it, with `value` everywhere it can go.
fn runtime_statements(value: &str, metadata: Option<&str>) -> Vec<queries::Statement> {
    let (conversation, message) = models_with(value);
    let mut all = vec![
        queries::get_or_create_session(text(value), &format!("{value}|now"), metadata),
        queries::touch_session(text(value), &format!("{value}|now")),
        queries::create_conversation(&scalar_conversation(&conversation)),
        queries::list_conversations(text(value), SqlValue::Integer(7)),
    ];
    all.extend(queries::create_message(&scalar_message(&message)));
    all.extend(queries::get_conversation_with_messages(text(value)));
    all
}

/// The same statements as sea-query builds them.
fn built_statements(value: &str, metadata: Option<&str>) -> Vec<BuiltStatement> {
    let (conversation, message) = models_with(value);
    let mut all = vec![
        sql_builders::get_or_create_session(value, &format!("{value}|now"), metadata).unwrap(),
        sql_builders::touch_session(value, &format!("{value}|now")).unwrap(),
        sql_builders::create_conversation(&conversation).unwrap(),
        sql_builders::list_conversations(value, 7).unwrap(),
    ];
    all.extend(sql_builders::create_message(&message).unwrap());
    all.extend(sql_builders::get_conversation_with_messages(value).unwrap());
    all
}

#[test]
fn the_committed_sql_module_is_what_sea_query_renders() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SQL_MODULE_PATH);
    let committed = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        committed,
        sql_module().unwrap(),
        "{SQL_MODULE_PATH} is stale: run `cargo run --example generate` and commit the result"
    );
}

proptest! {
    #[test]
    fn runtime_statements_equal_what_sea_query_builds(value in ".*", metadata in proptest::option::of(".*")) {
        let runtime = runtime_statements(&value, metadata.as_deref());
        let built = built_statements(&value, metadata.as_deref());
        prop_assert_eq!(runtime.len(), built.len());
        for (runtime, built) in runtime.iter().zip(built) {
            prop_assert_eq!(runtime.sql, built.sql.as_str());
            prop_assert_eq!(&runtime.params, &built.params);
        }
    }

    #[test]
    fn no_user_value_ever_appears_in_sql_text(value in "[^\\x00]{1,40}|.*(\"|'|--|;).*") {
        // Values that are themselves fragments of the fixed SQL (say `"id"`) are trivially "found";
        // a value counts only when the SQL built with it differs from the SQL built without it.
        let baseline: Vec<String> = built_statements("placeholder-value", Some("{}")).into_iter().map(|s| s.sql).collect();
        for (statement, fixed_sql) in built_statements(&value, Some(&value)).into_iter().zip(baseline) {
            prop_assert_eq!(&statement.sql, &fixed_sql);
            let holds_value = |p: &SqlValue| matches!(p, SqlValue::Text(t) if t.starts_with(value.as_str()));
            prop_assert!(statement.params.iter().any(holds_value));
        }
    }
}

#[test]
fn every_statement_is_within_d1s_statement_and_parameter_limits() {
    use chat_d1::validate::{D1_MAX_BOUND_PARAMETERS, D1_MAX_STATEMENT_BYTES};
    let statements = sql_builders::rendered_statements().unwrap();
    assert_eq!(statements.len(), 8);
    for (name, _, sql) in statements {
        assert!(
            sql.len() <= D1_MAX_STATEMENT_BYTES,
            "{name} is {} bytes",
            sql.len()
        );
        let parameters = sql.matches('?').count();
        assert!(
            parameters <= D1_MAX_BOUND_PARAMETERS,
            "{name} binds {parameters}"
        );
    }
}
