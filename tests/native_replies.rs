#![cfg(not(target_arch = "wasm32"))]
//! Replies in flight on real SQLite: the reply reserved in the turn's batch, checkpoints, the
//! finish, a finished reply never written again, `interrupted` past `staleAfterMs`, never stuck
//! `streaming`; `saveMessages` finishing a reserved reply; ownership.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::saving::MessageList;
use chat_d1::core::chat::{Scope, FINISH_REPLY, START_TURN, UPDATE_REPLY};
use chat_d1::core::error::ErrorCode;
use chat_d1::core::layer::DataLayer;
use common::args::{parts_message, reply_body, text, turn};
use common::tree::{ids, page};
use common::{block_on, data_layer, Sqlite, T0};

fn scope() -> Scope {
    Scope::new(&text("s")).expect("a valid session id")
}

/// `startTurn` of the user message `u` into `c` (created when `new`), reserving the reply `r`.
fn reserve(layer: &DataLayer<Sqlite>, u: &str, r: &str, new: bool, at: i64) {
    let mut args = turn("c", u, new, None);
    args.reply = Arg::PlainObject;
    args.reply_id = text(r);
    let turn = block_on(layer.start_turn(&scope(), args, at)).expect("reserved");
    let history: Vec<String> = (turn.history.into_inner().iter())
        .map(|row| common::row_text(row, "id"))
        .collect();
    assert_eq!(
        history.last().map(String::as_str),
        Some(u),
        "history ends with the user message"
    );
    let reply = turn.reply.expect("the reply").into_inner();
    assert_eq!(common::row_text(&reply[0], "status"), "streaming");
    assert_eq!(common::row_text(&reply[0], "parts"), "[]");
    assert_eq!(common::row_text(&reply[0], "parent_id"), u);
}

/// The status of `id` as the chat API reads it at `at`.
fn status(layer: &DataLayer<Sqlite>, id: &str, at: i64) -> String {
    let leaf = text(id);
    let options = chat_d1::core::chat::pages::PageOptions {
        limit: &Arg::Number(1.0),
        before: &Arg::Undefined,
        leaf_id: &leaf,
    };
    let found = block_on(layer.get_conversation(&scope(), &text("c"), options, at));
    let rows = found
        .expect("read")
        .expect("found")
        .messages
        .rows
        .into_inner();
    common::row_text(&rows[0], "status")
}

#[test]
fn a_reserved_reply_is_checkpointed_then_finished_once() {
    let layer = data_layer();
    reserve(&layer, "u1", "r1", true, T0);
    assert_eq!(layer.storage().round_trips.get(), 1);
    // The reply is the active leaf: the next page ends with it.
    assert_eq!(ids(&page(&layer, &scope(), 10, None, None).0), ["u1", "r1"]);
    let ids_of = (text("c"), text("r1"));
    block_on(layer.update_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("Hel", None),
        T0 + 10,
    ))
    .expect("checkpoint");
    let stored = layer
        .storage()
        .rows("SELECT content, status, updated_at FROM messages WHERE id = 'r1'");
    assert_eq!(stored[0][..2], ["Hel", "streaming"]);
    assert_eq!(stored[0][2], "2025-11-14T10:30:00.133Z");
    let finished = block_on(layer.finish_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("Hello", Some("done")),
        T0 + 20,
    ));
    let finished = finished.expect("finished").into_inner();
    assert_eq!(common::row_text(&finished[0], "status"), "done");
    assert_eq!(common::row_text(&finished[0], "content"), "Hello");
    // Finished: neither a checkpoint nor a finish changes it again.
    let late = block_on(layer.update_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("x", None),
        T0 + 30,
    ));
    let error = late.expect_err("refused").error;
    assert_eq!(error.code(UPDATE_REPLY), ErrorCode::ConstraintError);
    assert_eq!(
        error.to_string(),
        "reply \"r1\" is done, not streaming: a finished reply is never changed"
    );
    let again = block_on(layer.finish_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("y", Some("stopped")),
        T0 + 30,
    ));
    assert_eq!(
        again.expect_err("refused").error.code(FINISH_REPLY),
        ErrorCode::ConstraintError
    );
    assert_eq!(
        layer
            .storage()
            .rows("SELECT content FROM messages WHERE id = 'r1'"),
        [["Hello"]]
    );
}

#[test]
fn a_reply_left_streaming_reads_interrupted_past_stale_after_never_streaming() {
    let layer = data_layer().with_stale_after(1000);
    reserve(&layer, "u1", "r1", true, T0);
    assert_eq!(status(&layer, "r1", T0 + 999), "streaming");
    assert_eq!(status(&layer, "r1", T0 + 1001), "interrupted");
    let ids_of = (text("c"), text("r1"));
    // A checkpoint makes it fresh again; a late finish still ends it.
    block_on(layer.update_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("Hel", None),
        T0 + 1500,
    ))
    .unwrap();
    assert_eq!(status(&layer, "r1", T0 + 2000), "streaming");
    block_on(layer.finish_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("Hel", Some("error")),
        T0 + 9000,
    ))
    .unwrap();
    assert_eq!(status(&layer, "r1", T0 + 99_000), "error");
    assert_eq!(status(&layer, "u1", T0 + 99_000), "done");
}

#[test]
fn save_messages_finishes_a_reserved_reply_and_may_update_it_later() {
    let layer = data_layer();
    reserve(&layer, "u1", "r1", true, T0);
    let list = vec![parts_message("r1", "assistant", &[("text", "all of it")])];
    let saved =
        block_on(layer.save_messages(&scope(), &text("c"), MessageList::Messages(list), T0 + 5));
    assert_eq!(saved.expect("saved").updated, 1);
    assert_eq!(status(&layer, "r1", T0 + 5), "done");
    // Saving it again unchanged writes nothing; a tool result arriving later still updates it.
    let list = vec![parts_message("r1", "assistant", &[("text", "all of it")])];
    let saved =
        block_on(layer.save_messages(&scope(), &text("c"), MessageList::Messages(list), T0 + 6));
    assert_eq!(saved.expect("saved").unchanged, 1);
    let list = vec![parts_message(
        "r1",
        "assistant",
        &[("text", "all of it, and more")],
    )];
    let saved =
        block_on(layer.save_messages(&scope(), &text("c"), MessageList::Messages(list), T0 + 7));
    assert_eq!(saved.expect("saved").updated, 1);
    assert_eq!(status(&layer, "r1", T0 + 7), "done");
}

#[test]
fn another_sessions_reply_or_a_plain_message_is_not_written() {
    let layer = data_layer();
    reserve(&layer, "u1", "r1", true, T0);
    let stranger = Scope::new(&text("other")).expect("a valid session id");
    let ids_of = (text("c"), text("r1"));
    let foreign = block_on(layer.update_reply(
        &stranger,
        (&ids_of.0, &ids_of.1),
        reply_body("x", None),
        T0 + 1,
    ));
    assert_eq!(
        foreign.expect_err("refused").error.code(UPDATE_REPLY),
        ErrorCode::NotFound
    );
    // The user message was written whole: it is no reply in flight.
    let user = (text("c"), text("u1"));
    let plain = block_on(layer.finish_reply(
        &scope(),
        (&user.0, &user.1),
        reply_body("x", Some("done")),
        T0 + 1,
    ));
    assert_eq!(
        plain.expect_err("refused").error.code(FINISH_REPLY),
        ErrorCode::ConstraintError
    );
    let bad = block_on(layer.finish_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("x", Some("streaming")),
        T0 + 1,
    ));
    assert_eq!(
        bad.expect_err("refused").error.code(FINISH_REPLY),
        ErrorCode::ValidationError
    );
    // A reply id that is taken: the whole turn is refused.
    let mut args = turn("c", "u2", false, None);
    args.reply = Arg::PlainObject;
    args.reply_id = text("u1");
    let taken = block_on(layer.start_turn(&scope(), args, T0 + 2))
        .err()
        .expect("refused");
    assert_eq!(taken.error.code(START_TURN), ErrorCode::ConstraintError);
    assert_eq!(layer.storage().count("messages"), 2);
    assert_eq!(
        layer
            .storage()
            .rows("SELECT content, status FROM messages WHERE id = 'r1'"),
        [["", "streaming"]]
    );
}

#[test]
fn a_fork_copies_a_reply_still_streaming_as_stopped() {
    let layer = data_layer();
    reserve(&layer, "u1", "r1", true, T0);
    let ids_of = (text("c"), text("r1"));
    block_on(layer.update_reply(
        &scope(),
        (&ids_of.0, &ids_of.1),
        reply_body("Hel", None),
        T0 + 1,
    ))
    .expect("checkpoint");
    let fork = chat_d1::core::chat::branches::ForkArgs {
        options: Arg::PlainObject,
        conversation_id: text("f"),
        title: Arg::Undefined,
    };
    block_on(layer.fork_conversation(&scope(), &text("c"), &text("r1"), fork, T0 + 2))
        .expect("forked");
    let copied = layer
        .storage()
        .rows("SELECT content, status, updated_at FROM messages WHERE conversation_id = 'f' ORDER BY rowid");
    assert_eq!(copied[1], ["Hel", "stopped", "NULL"]);
    assert_eq!(copied[0][1], "NULL");
    // The source goes on streaming.
    assert_eq!(status(&layer, "r1", T0 + 3), "streaming");
}
