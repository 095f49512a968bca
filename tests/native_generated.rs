#![cfg(not(target_arch = "wasm32"))]
//! What is generated at build time: the committed files equal what the sources render, the
//! statements the runtime sends equal what the sea-query sources build (SQL and parameters, for
//! arbitrary values), no user value ever reaches SQL text, and every statement is within D1's limits.

mod common;

use chat_d1::core::chat::Scope;
use chat_d1::core::cursor::Position;
use chat_d1::core::model::{Conversation, Message, MessageRole};
use chat_d1::core::statement::Statement;
use chat_d1::core::value::SqlValue;
use chat_d1::core::{conversations, editing, messages, pages, retention, sessions, turns};
use chat_d1::generate::migrations::{DOWN_DIR, UP_DIR};
use chat_d1::generate::sql::{rendered_statements, Built, SQL_MODULE_PATH};
use common::args::{param, scalar_conversation, scalar_message};
use proptest::prelude::*;

#[test]
fn every_committed_generated_file_is_what_its_source_renders() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = chat_d1::generate::files();
    assert!(files.iter().any(|(path, _)| *path == SQL_MODULE_PATH));
    for (path, rendered) in &files {
        let committed =
            std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"));
        assert!(
            committed == *rendered,
            "{path} is stale: run `cargo run --example generate` and commit the result"
        );
    }
    // A migration file the history no longer renders would still be applied by wrangler.
    for dir in [UP_DIR, DOWN_DIR] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the folder") {
            let path = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(
                files.iter().any(|(generated, _)| *generated == path),
                "{path} is not rendered from the history: remove it"
            );
        }
    }
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
fn runtime_statements(value: &str, metadata: Option<&str>) -> Vec<Statement> {
    let (conversation, message) = models_with(value);
    let mut all = vec![
        sessions::upsert_session(param(value), &format!("{value}|now"), metadata),
        sessions::touch_session(param(value), &format!("{value}|now")),
        conversations::insert_conversation(&scalar_conversation(&conversation)),
        conversations::select_conversations(param(value), SqlValue::Integer(7)),
    ];
    all.extend(messages::insert_message(&scalar_message(&message)));
    all.extend(conversations::select_conversation_with_messages(param(
        value,
    )));
    let scope = Scope {
        session_id: format!("{value}|session"),
    };
    let (id, at) = (&message.conversation_id, &message.created_at);
    all.push(turns::insert_owned_message(&scope, &message, metadata));
    all.push(turns::touch_owned_conversation(&scope, id, at));
    all.push(turns::recent_messages(&scope, id, 7));
    let (title, message_id) = (format!("{value}|title"), &message.id);
    all.push(editing::rename_owned_conversation(&scope, id, Some(&title)));
    all.push(editing::delete_owned_conversation(&scope, id));
    all.push(editing::owned_message(&scope, id, message_id));
    all.push(editing::delete_owned_messages_after(&scope, id, message_id));
    all.push(retention::count_user_messages_since(&scope, at));
    all.push(retention::count_session_messages(&scope));
    all.push(retention::delete_session_conversations(&scope));
    all.push(retention::delete_session(&scope));
    all.push(retention::purge_sessions(at, 7));
    all.push(pages::conversations_page(&scope, None, 7));
    let after = Position {
        instant: at.to_string(),
        id: id.to_string(),
    };
    all.push(pages::conversations_page(&scope, Some(&after), 7));
    all.push(pages::conversation_of_session(&scope, id));
    let before = Position {
        instant: at.to_string(),
        id: message_id.to_string(),
    };
    all.push(pages::messages_before(&scope, id, &before, 7));
    all
}

/// The same statements as the capabilities' sea-query sources build them.
fn built_statements(value: &str, metadata: Option<&str>) -> Vec<Built> {
    let (conversation, message) = models_with(value);
    let now = format!("{value}|now");
    let mut all = vec![
        sessions::source::get_or_create_session(param(value), &now, metadata),
        sessions::source::touch_session(param(value), &now),
        conversations::source::create_conversation(&scalar_conversation(&conversation)),
        conversations::source::list_conversations(param(value), 7),
    ];
    all.extend(messages::source::create_message(&scalar_message(&message)));
    all.extend(conversations::source::get_conversation_with_messages(
        param(value),
    ));
    let scope = Scope {
        session_id: format!("{value}|session"),
    };
    let (id, at) = (&message.conversation_id, &message.created_at);
    all.push(turns::source::insert_owned_message(
        &scope, &message, metadata,
    ));
    all.push(turns::source::touch_owned_conversation(&scope, id, at));
    all.push(turns::source::recent_messages(&scope, id, 7));
    let (title, message_id) = (format!("{value}|title"), &message.id);
    all.push(editing::source::rename_conversation(
        &scope,
        id,
        Some(&title),
    ));
    all.push(editing::source::delete_conversation(&scope, id));
    all.push(editing::source::owned_message(&scope, id, message_id));
    all.push(editing::source::delete_messages_after(
        &scope, id, message_id,
    ));
    all.push(retention::source::count_user_messages_since(
        &scope, "user", at,
    ));
    all.push(retention::source::count_session_messages(&scope));
    all.push(retention::source::delete_session_conversations(&scope));
    all.push(retention::source::delete_session(&scope));
    all.push(retention::source::purge_inactive_sessions(at, 7));
    all.push(pages::source::conversations_page(&scope, None, 7));
    let after = Position {
        instant: at.to_string(),
        id: id.to_string(),
    };
    all.push(pages::source::conversations_page(&scope, Some(&after), 7));
    all.push(pages::source::conversation_of_session(&scope, id));
    let before = Position {
        instant: at.to_string(),
        id: message_id.to_string(),
    };
    all.push(pages::source::messages_before(&scope, id, &before, 7));
    all
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
    use chat_d1::core::validate::{D1_MAX_BOUND_PARAMETERS, D1_MAX_STATEMENT_BYTES};
    let statements = rendered_statements();
    // Every constant of the committed module is one of these.
    let module = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SQL_MODULE_PATH),
    )
    .expect("the SQL module");
    assert_eq!(statements.len(), module.matches("pub const ").count());
    for chat_d1::generate::sql::Rendered { name, sql, .. } in statements {
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
