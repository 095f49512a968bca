#![cfg(not(target_arch = "wasm32"))]
//! What is generated at build time: the committed files equal what the sources render; every
//! statement the runtime sends is one the sources wrote, bound through its generated binder (one
//! parameter per placeholder, user values never in SQL text), whatever the values; every statement
//! is within D1's limits.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::branches::ForkArgs;
use chat_d1::core::chat::pages::PageOptions;
use chat_d1::core::chat::parts::PartsArgs;
use chat_d1::core::chat::replies::ReplyArgs;
use chat_d1::core::chat::saving::MessageList;
use chat_d1::core::chat::search::SearchOptions;
use chat_d1::core::chat::Scope;
use chat_d1::core::statement::Statement;
use chat_d1::core::value::SqlValue;
use chat_d1::generate::migrations::{DOWN_DIR, UP_DIR};
use chat_d1::generate::render::SQL_MODULE_PATH;
use chat_d1::generate::sources::statements;
use chat_d1::generate::sql::Rendered;
use common::args::{metadata, parts_message, reply, text, turn};
use common::{block_on, data_layer, T0};
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

#[test]
fn each_binder_takes_every_named_parameter_once_and_binds_one_value_per_placeholder() {
    let rendered = statements();
    assert!(rendered.len() >= 28);
    for statement in &rendered {
        assert_eq!(
            statement.sql.matches('?').count(),
            statement.params.len(),
            "{}",
            statement.name
        );
        let arguments = statement.arguments();
        for name in &statement.params {
            assert!(
                arguments.contains(&name.as_str()),
                "{}: {name}",
                statement.name
            );
        }
    }
    // A name bound twice is one argument, cloned into each place the SQL takes it.
    let recent = rendered
        .iter()
        .find(|s| s.name == "COUNT_CONVERSATION_MESSAGES")
        .expect("COUNT_CONVERSATION_MESSAGES");
    assert_eq!(recent.params, ["new_id", "new_id", "session_id"]);
    assert_eq!(recent.arguments(), ["new_id", "session_id"]);
}

/// What a run of every method of both APIs, with `value` in every user position, sent: each
/// statement as the storage received it.
fn sent_by_every_method(value: &str) -> Vec<Statement> {
    let layer = data_layer();
    let v = |suffix: &str| format!("{value}|{suffix}");
    let scope = Scope {
        session_id: v("session"),
    };
    let (id, conversation, message) = (text(v("id")), v("conversation"), v("message"));
    let json = metadata(Some("{}"));
    let _ = block_on(layer.get_or_create_session(&id, json, T0));
    let _ = block_on(layer.create_conversation(&text(&conversation), &id, &text(v("title")), T0));
    let _ = block_on(layer.create_message(
        &text(&message),
        &text(&conversation),
        &text("user"),
        &text(v("content")),
        T0,
    ));
    let _ = block_on(layer.list_conversations(&id, &Arg::Number(7.0)));
    let _ = block_on(layer.get_conversation_with_messages(&text(&conversation)));
    let chat = v("chat");
    let _ = block_on(layer.enable_search(&Arg::Undefined));
    let _ = block_on(layer.start_turn(&scope, turn(&chat, &v("m1"), true, Some(7.0)), T0));
    let _ = block_on(layer.add_message(
        &scope,
        &text(&chat),
        (reply(&v("r1"), &v("reply"), Some("{}")), &Arg::Undefined),
        T0,
    ));
    let _ = block_on(layer.start_turn(&scope, turn(&chat, &v("m2"), false, None), T0 + 1));
    let _ = block_on(layer.start_turn(&scope, turn(&v("other"), &v("m3"), true, None), T0 + 2));
    let list = vec![
        parts_message(&v("m1"), "user", &[("text", "edited")]),
        parts_message(
            &v("s1"),
            "assistant",
            &[("reasoning", "hm"), ("text", &v("said"))],
        ),
    ];
    let _ =
        block_on(layer.save_messages(&scope, &text(&chat), MessageList::Messages(list), T0 + 3));
    let search = SearchOptions {
        limit: &Arg::Undefined,
        cursor: &Arg::Undefined,
    };
    let _ = block_on(layer.search_messages(&scope, &text(v("said")), search, T0));
    let _ = block_on(layer.rename_conversation(&scope, &text(&chat), &text(v("renamed"))));
    let page = block_on(layer.list_conversation_page(&scope, &Arg::Number(1.0), &Arg::Undefined));
    let after = page
        .ok()
        .and_then(|page| page.next_cursor)
        .map_or(Arg::Undefined, text);
    let _ = block_on(layer.list_conversation_page(&scope, &Arg::Number(1.0), &after));
    let options = |before, leaf_id| PageOptions {
        limit: &Arg::Number(1.0),
        before,
        leaf_id,
    };
    let page = block_on(layer.get_conversation(
        &scope,
        &text(&chat),
        options(&Arg::Undefined, &Arg::Undefined),
        T0,
    ));
    let before = page
        .ok()
        .flatten()
        .and_then(|page| page.messages.next_cursor)
        .map_or(Arg::Undefined, text);
    let _ = block_on(layer.get_conversation(
        &scope,
        &text(&chat),
        options(&before, &Arg::Undefined),
        T0,
    ));
    let leaf = text(v("m1"));
    let _ =
        block_on(layer.get_conversation(&scope, &text(&chat), options(&Arg::Undefined, &leaf), T0));
    let _ = block_on(layer.select_branch(&scope, &text(&chat), &leaf));
    let mut reserving = turn(&chat, &v("m4"), false, None);
    reserving.reply = Arg::PlainObject;
    reserving.reply_id = text(v("r4"));
    let _ = block_on(layer.start_turn(&scope, reserving, T0 + 4));
    let body = |status: Arg| ReplyArgs {
        reply: Arg::PlainObject,
        content: text(v("so far")),
        parts: PartsArgs::absent(),
        metadata: metadata(None),
        status,
    };
    let reply = (text(&chat), text(v("r4")));
    let _ =
        block_on(layer.update_reply(&scope, (&reply.0, &reply.1), body(Arg::Undefined), T0 + 4));
    let _ = block_on(layer.finish_reply(&scope, (&reply.0, &reply.1), body(text("done")), T0 + 4));
    let fork = ForkArgs {
        options: Arg::PlainObject,
        conversation_id: text(v("fork")),
        title: Arg::Undefined,
    };
    let _ = block_on(layer.fork_conversation(&scope, &text(&chat), &leaf, fork, T0 + 4));
    let _ = block_on(layer.count_messages_since(&scope, &text("2000-01-01T00:00:00.000Z")));
    let _ = block_on(layer.delete_messages_after(&scope, &text(&chat), &text(v("m1"))));
    let _ = block_on(layer.delete_conversation(&scope, &text(&chat)));
    let _ = block_on(layer.erase(&scope));
    let _ =
        block_on(layer.purge_inactive_sessions(&text("2100-01-01T00:00:00.000Z"), &Arg::Undefined));
    let _ = block_on(layer.disable_search());
    layer.storage().sent.take()
}

/// The rendered statement whose SQL `statement` sends.
fn source_of<'a>(statements: &'a [Rendered], statement: &Statement) -> Option<&'a Rendered> {
    statements
        .iter()
        .find(|rendered| rendered.sql == statement.sql)
}

#[test]
fn the_methods_send_every_statement_the_sources_wrote() {
    let rendered = statements();
    let sent = sent_by_every_method("plain");
    let mut unsent: Vec<&str> = rendered.iter().map(|s| s.name).collect();
    for statement in &sent {
        let source = source_of(&rendered, statement).expect("a generated statement");
        unsent.retain(|name| *name != source.name);
    }
    // Sent by other paths: `migrate` (native_migrate.rs) and the drop-in session's non-string ids
    // (native_sessions.rs).
    unsent.sort();
    assert_eq!(
        unsent,
        [
            "APPLIED_MIGRATIONS",
            "CREATE_MIGRATIONS_TABLE",
            "RECORD_MIGRATION",
            "SESSION_EXISTS",
            "TOUCH_SESSION"
        ]
    );
}

proptest! {
    #[test]
    fn user_values_are_only_ever_parameters_of_a_generated_statement(value in ".*") {
        let rendered = statements();
        let sent = sent_by_every_method(&value);
        prop_assert!(sent.len() > 20);
        let mut holding_value = 0;
        for statement in &sent {
            let source = source_of(&rendered, statement);
            prop_assert!(source.is_some(), "not a generated statement: {}", statement.sql);
            prop_assert_eq!(statement.params.len(), source.unwrap().params.len());
            let holds = |p: &SqlValue| matches!(p, SqlValue::Text(t) if t.starts_with(&format!("{value}|")));
            holding_value += usize::from(statement.params.iter().any(holds));
        }
        prop_assert!(holding_value > 15, "only {holding_value} statements bound the value");
    }
}

#[test]
fn every_statement_is_within_d1s_statement_and_parameter_limits() {
    use chat_d1::core::validate::{D1_MAX_BOUND_PARAMETERS, D1_MAX_STATEMENT_BYTES};
    let rendered = statements();
    // Every constant of the committed module is one of these.
    let module = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SQL_MODULE_PATH),
    )
    .expect("the SQL module");
    assert_eq!(rendered.len(), module.matches("pub const ").count());
    for Rendered { name, sql, .. } in rendered {
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
