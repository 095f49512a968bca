#![cfg(not(target_arch = "wasm32"))]
//! Branches on real SQLite: edits and regenerations keep what they replace, the arrows' siblings,
//! `selectBranch`, `leafId`, `deleteMessagesAfter` over every branch, `forkConversation`,
//! ownership, and conversations written before branching reading exactly as before.

mod common;

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::branches::{ForkArgs, FORK_CONVERSATION, SELECT_BRANCH};
use chat_d1::core::chat::saving::MessageList;
use chat_d1::core::chat::{Scope, ADD_MESSAGE, GET_CONVERSATION, START_TURN};
use chat_d1::core::error::ErrorCode;
use chat_d1::core::layer::DataLayer;
use common::args::{parts_message, text, turn};
use common::tree::{branch, ids, page, parent_arg, reply_under, user_turn, Node};
use common::{block_on, data_layer, T0};

fn scope(session: &str) -> Scope {
    Scope::new(&text(session)).expect("a valid session id")
}

/// A node: `siblings` its index and count, `neighbours` the ids of the siblings around it.
fn node(
    id: &str,
    parent: Option<&str>,
    siblings: (i64, i64),
    neighbours: (Option<&str>, Option<&str>),
) -> Node {
    Node {
        id: id.into(),
        parent: parent.map(str::to_owned),
        siblings,
        neighbours: (
            neighbours.0.map(str::to_owned),
            neighbours.1.map(str::to_owned),
        ),
    }
}

/// u1, a1, u2, a2 in `c`, and a2b regenerated under u2 (the active leaf).
fn two_turns_and_a_regenerate(layer: &DataLayer<common::Sqlite>, s: &Scope) {
    user_turn(layer, s, ("u1", None), true, T0);
    reply_under(layer, s, ("a1", None), T0 + 1);
    user_turn(layer, s, ("u2", None), false, T0 + 2);
    reply_under(layer, s, ("a2", None), T0 + 3);
    reply_under(layer, s, ("a2b", Some(Some("u2"))), T0 + 4);
}

/// No siblings: nothing around.
const ALONE: (Option<&str>, Option<&str>) = (None, None);

#[test]
fn edits_and_regenerations_keep_what_they_replace() {
    let layer = data_layer();
    let s = scope("s");
    user_turn(&layer, &s, ("u1", None), true, T0);
    reply_under(&layer, &s, ("a1", None), T0 + 1);
    user_turn(&layer, &s, ("u2", None), false, T0 + 2);
    reply_under(&layer, &s, ("a2", None), T0 + 3);
    // Regenerate: a new reply under u2.
    let regenerated = reply_under(&layer, &s, ("a2b", Some(Some("u2"))), T0 + 4);
    assert_eq!(
        regenerated,
        node("a2b", Some("u2"), (1, 2), (Some("a2"), None))
    );
    assert_eq!(
        branch(&layer, &s, 50, None),
        [
            node("u1", None, (0, 1), ALONE),
            node("a1", Some("u1"), (0, 1), ALONE),
            node("u2", Some("a1"), (0, 1), ALONE),
            node("a2b", Some("u2"), (1, 2), (Some("a2"), None)),
        ]
    );
    // Edit and resend u2: a new user message under a1; the history is its branch.
    let history = user_turn(&layer, &s, ("u2b", Some(Some("a1"))), false, T0 + 5);
    assert_eq!(ids(&history), ["u1", "a1", "u2b"]);
    assert_eq!(history[2].siblings, (1, 2));
    // The old branch is still there, readable without moving the active one.
    let old = branch(&layer, &s, 50, Some("a2"));
    assert_eq!(ids(&old), ["u1", "a1", "u2", "a2"]);
    assert_eq!(old[3].siblings, (0, 2));
    assert_eq!(ids(&branch(&layer, &s, 50, None)), ["u1", "a1", "u2b"]);
    // The arrows: selecting u2 shows its newest leaf, a2b.
    let selected = block_on(layer.select_branch(&s, &text("c"), &text("u2"))).unwrap();
    drop(selected);
    assert_eq!(
        ids(&branch(&layer, &s, 50, None)),
        ["u1", "a1", "u2", "a2b"]
    );
    // The next turn goes on from the active leaf.
    let next = user_turn(&layer, &s, ("u3", None), false, T0 + 6);
    assert_eq!(ids(&next), ["u1", "a1", "u2", "a2b", "u3"]);
    // Editing the first message: a new root.
    let root = user_turn(&layer, &s, ("u1b", Some(None)), false, T0 + 7);
    assert_eq!(root, [node("u1b", None, (1, 2), (Some("u1"), None))]);
    assert_eq!(layer.storage().count("messages"), 8);
}

#[test]
fn concurrent_replies_under_one_user_message_are_siblings() {
    let layer = data_layer();
    let s = scope("s");
    user_turn(&layer, &s, ("u", None), true, T0);
    for (i, id) in ["r0", "r1", "r2"].into_iter().enumerate() {
        // Same millisecond: the order is insertion order.
        let stored = reply_under(&layer, &s, (id, Some(Some("u"))), T0);
        assert_eq!(stored.siblings, (i as i64, i as i64 + 1));
    }
    for (i, id) in ["r0", "r1", "r2"].into_iter().enumerate() {
        let read = branch(&layer, &s, 50, Some(id));
        let around = (
            [None, Some("r0"), Some("r1")][i],
            [Some("r1"), Some("r2"), None][i],
        );
        assert_eq!(read[1], node(id, Some("u"), (i as i64, 3), around));
    }
}

#[test]
fn a_parent_or_leaf_not_in_the_conversation_is_not_found_and_nothing_is_written() {
    let layer = data_layer();
    let s = scope("s");
    user_turn(&layer, &s, ("u", None), true, T0);
    let mut elsewhere = turn("d", "x", true, None);
    elsewhere.parent_id = Arg::Undefined;
    block_on(layer.start_turn(&s, elsewhere, T0)).unwrap();
    block_on(layer.start_turn(&scope("other"), turn("e", "y", true, None), T0)).unwrap();
    let before = layer.storage().count("messages");
    for parent in ["x", "y", "missing"] {
        // A message of another conversation, of another session, or none at all.
        let mut args = turn("c", "new", false, None);
        args.parent_id = parent_arg(Some(Some(parent)));
        let rejection = block_on(layer.start_turn(&s, args, T0 + 1))
            .err()
            .expect("refused");
        assert_eq!(rejection.error.code(START_TURN), ErrorCode::NotFound);
        assert_eq!(
            rejection.error.to_string(),
            format!("message \"{parent}\" not found")
        );
        let reply = common::args::reply("new", "r", None);
        let named = text(parent);
        let rejection =
            block_on(layer.add_message(&s, &text("c"), (reply, &named), T0 + 1)).unwrap_err();
        assert_eq!(rejection.error.code(ADD_MESSAGE), ErrorCode::NotFound);
        let options_leaf = text(parent);
        let options = chat_d1::core::chat::pages::PageOptions {
            limit: &Arg::Undefined,
            before: &Arg::Undefined,
            leaf_id: &options_leaf,
        };
        let rejection = block_on(layer.get_conversation(&s, &text("c"), options, T0))
            .err()
            .expect("refused");
        assert_eq!(rejection.error.code(GET_CONVERSATION), ErrorCode::NotFound);
        let rejection = block_on(layer.select_branch(&s, &text("c"), &text(parent))).unwrap_err();
        assert_eq!(rejection.error.code(SELECT_BRANCH), ErrorCode::NotFound);
        let fork = ForkArgs {
            options: Arg::PlainObject,
            conversation_id: text("fork"),
            title: Arg::Undefined,
        };
        let rejection = block_on(layer.fork_conversation(&s, &text("c"), &text(parent), fork, T0))
            .err()
            .expect("refused");
        assert_eq!(rejection.error.code(FORK_CONVERSATION), ErrorCode::NotFound);
    }
    // A new conversation with a parent: the parent cannot be in it, and the conversation is not
    // created either.
    let mut args = turn("fresh", "new", true, None);
    args.parent_id = text("u");
    block_on(layer.start_turn(&s, args, T0 + 1))
        .err()
        .expect("refused");
    assert_eq!(layer.storage().count("messages"), before);
    assert_eq!(layer.storage().count("conversations"), 3);
    let leaves = "SELECT count(*) FROM conversations WHERE active_leaf_id IS NOT NULL";
    assert_eq!(layer.storage().rows(leaves), [["0"]]);
}

#[test]
fn delete_messages_after_deletes_every_branch_below_and_leaves_the_rest() {
    let layer = data_layer();
    let s = scope("s");
    two_turns_and_a_regenerate(&layer, &s);
    user_turn(&layer, &s, ("u2b", Some(Some("a1"))), false, T0 + 5);
    user_turn(&layer, &s, ("u1b", Some(None)), false, T0 + 6);
    // A message not in the conversation: NOT_FOUND, and the active branch stays where it was.
    block_on(layer.select_branch(&s, &text("c"), &text("u2"))).unwrap();
    let leaf = "SELECT active_leaf_id FROM conversations";
    assert_eq!(layer.storage().rows(leaf), [["a2b"]]);
    let missing = block_on(layer.delete_messages_after(&s, &text("c"), &text("missing")));
    assert_eq!(
        missing.expect_err("refused").error.to_string(),
        "message \"missing\" not found"
    );
    assert_eq!(layer.storage().rows(leaf), [["a2b"]]);
    let deleted = block_on(layer.delete_messages_after(&s, &text("c"), &text("u2"))).unwrap();
    assert_eq!(deleted, 2);
    // u2 is the active leaf, though u2b and u1b are newer.
    assert_eq!(ids(&branch(&layer, &s, 50, None)), ["u1", "a1", "u2"]);
    let deleted = block_on(layer.delete_messages_after(&s, &text("c"), &text("u1"))).unwrap();
    assert_eq!(deleted, 3);
    assert_eq!(ids(&branch(&layer, &s, 50, Some("u1b"))), ["u1b"]);
    assert_eq!(ids(&branch(&layer, &s, 50, None)), ["u1"]);
    assert_eq!(layer.storage().count("messages"), 2);
}

#[test]
fn a_fork_copies_the_path_with_fresh_ids_in_one_round_trip() {
    let layer = data_layer();
    let s = scope("s");
    two_turns_and_a_regenerate(&layer, &s);
    let trips = layer.storage().round_trips.get();
    let fork = ForkArgs {
        options: Arg::PlainObject,
        conversation_id: text("f"),
        title: text("Forked"),
    };
    let forked = block_on(layer.fork_conversation(&s, &text("c"), &text("a2"), fork, T0 + 9));
    let forked = forked.unwrap();
    assert_eq!(layer.storage().round_trips.get(), trips + 1);
    assert_eq!(forked.messages, 4);
    let copied = layer.storage().rows(
        "SELECT id, role, content, created_at, parent_id FROM messages WHERE conversation_id = 'f' ORDER BY rowid",
    );
    let original = layer.storage().rows(
        "SELECT id, role, content, created_at, parent_id FROM messages WHERE id IN ('u1', 'a1', 'u2', 'a2') ORDER BY rowid",
    );
    for (copy, original) in copied.iter().zip(&original) {
        assert_eq!(copy[1..4], original[1..4], "role, content, created_at kept");
        assert_ne!(copy[0], original[0]);
        assert_eq!(copy[0].len(), 36, "a UUID: {}", copy[0]);
        assert_eq!(copy[4], "NULL", "a linear copy");
    }
    assert_eq!(copied.len(), 4);
    // The same new id again: refused, nothing written.
    let again = ForkArgs {
        options: Arg::PlainObject,
        conversation_id: text("f"),
        title: Arg::Undefined,
    };
    let rejection = block_on(layer.fork_conversation(&s, &text("c"), &text("a1"), again, T0))
        .err()
        .expect("refused");
    assert_eq!(
        rejection.error.code(FORK_CONVERSATION),
        ErrorCode::ConstraintError
    );
    assert_eq!(layer.storage().count("messages"), 9);
}

#[test]
fn save_messages_reads_its_list_as_a_path() {
    let layer = data_layer();
    let s = scope("s");
    user_turn(&layer, &s, ("u1", None), true, T0);
    reply_under(&layer, &s, ("a1", None), T0 + 1);
    // The AI SDK's regenerate: the list ends with a new reply after the same user message.
    let list = vec![
        parts_message("u1", "user", &[("text", "content of u1")]),
        parts_message("a1b", "assistant", &[("text", "again")]),
    ];
    let saved = block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list), T0 + 2));
    assert_eq!(saved.unwrap().inserted, 1);
    let active = branch(&layer, &s, 50, None);
    assert_eq!(
        active[1],
        node("a1b", Some("u1"), (1, 2), (Some("a1"), None))
    );
    // Saved again unchanged: nothing written, the branch stays.
    let list = vec![parts_message("a1b", "assistant", &[("text", "again")])];
    let saved = block_on(layer.save_messages(&s, &text("c"), MessageList::Messages(list), T0 + 3));
    assert_eq!(saved.unwrap().unchanged, 1);
    assert_eq!(branch(&layer, &s, 50, None), active);
    let (first, _) = page(&layer, &s, 1, None, None);
    assert_eq!(ids(&first), ["a1b"]);
}
