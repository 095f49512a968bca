//! Branches as the native tests drive and read them: messages written under a parent, and the
//! chat API's rows read back as nodes (id, the parent the walk found, siblings).

use chat_d1::core::arg::Arg;
use chat_d1::core::chat::pages::PageOptions;
use chat_d1::core::chat::Scope;
use chat_d1::core::layer::DataLayer;
use chat_d1::core::model::ChatMessage;
use chat_d1::core::rows::Checked;
use chat_d1::core::value::{Row, SqlValue};

use super::args::{reply, text, turn};
use super::{block_on, Sqlite, SqliteRows};

/// A message as a branch read hands it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Its id.
    pub id: String,
    /// Its parent's id as the walk found it, `None` at a root.
    pub parent: Option<String>,
    /// Its `(index, count)` among its parent's children.
    pub siblings: (i64, i64),
    /// The ids of the siblings just before and after it.
    pub neighbours: (Option<String>, Option<String>),
}

/// The nodes of a chat API read, in the order returned.
pub fn nodes(rows: Checked<ChatMessage, SqliteRows>) -> Vec<Node> {
    let number = |row: &super::SqliteRow, column: &str| match row.get(column) {
        Ok(SqlValue::Integer(n)) => n,
        other => panic!("{column} holds {other:?}"),
    };
    let text = |row: &super::SqliteRow, column: &str| match row.get(column) {
        Ok(SqlValue::Text(text)) => Some(text),
        Ok(SqlValue::Null) => None,
        other => panic!("{column} holds {other:?}"),
    };
    (rows.into_inner().iter())
        .map(|row| Node {
            id: text(row, "id").expect("an id"),
            parent: text(row, "parent_id"),
            siblings: (number(row, "sibling_index"), number(row, "sibling_count")),
            neighbours: (text(row, "sibling_previous"), text(row, "sibling_next")),
        })
        .collect()
}

/// The ids of `nodes`.
pub fn ids(nodes: &[Node]) -> Vec<String> {
    nodes.iter().map(|node| node.id.clone()).collect()
}

/// A parent argument: `None` leaves it out (the active leaf), `Some(None)` is `null` (a new root).
pub fn parent_arg(parent: Option<Option<&str>>) -> Arg {
    match parent {
        None => Arg::Undefined,
        Some(None) => Arg::Null,
        Some(Some(id)) => text(id),
    }
}

/// `startTurn` into the conversation `c` (created when `new`) with the user message `id` under
/// `parent`; the history's nodes.
pub fn user_turn(
    layer: &DataLayer<Sqlite>,
    scope: &Scope,
    (id, parent): (&str, Option<Option<&str>>),
    new: bool,
    at: i64,
) -> Vec<Node> {
    let mut args = turn("c", id, new, Some(1000.0));
    args.parent_id = parent_arg(parent);
    let turn = block_on(layer.start_turn(scope, args, at)).expect("the turn is stored");
    nodes(turn.history)
}

/// `addMessage` of the assistant reply `id` under `parent` into `c`; its node.
pub fn reply_under(
    layer: &DataLayer<Sqlite>,
    scope: &Scope,
    (id, parent): (&str, Option<Option<&str>>),
    at: i64,
) -> Node {
    let args = reply(id, &format!("reply {id}"), None);
    let parent = parent_arg(parent);
    let stored =
        block_on(layer.add_message(scope, &text("c"), (args, &parent), at)).expect("stored");
    nodes(stored).remove(0)
}

/// A page of `c` along the active branch (or the one ending at `leaf`), from the cursor `before`:
/// its nodes, oldest first, and the next cursor.
pub fn page(
    layer: &DataLayer<Sqlite>,
    scope: &Scope,
    limit: u32,
    before: Option<&str>,
    leaf: Option<&str>,
) -> (Vec<Node>, Option<String>) {
    let (limit, before, leaf) = (
        Arg::Number(limit.into()),
        before.map_or(Arg::Undefined, text),
        leaf.map_or(Arg::Undefined, text),
    );
    let options = PageOptions {
        limit: &limit,
        before: &before,
        leaf_id: &leaf,
    };
    let found = block_on(layer.get_conversation(scope, &text("c"), options, super::T0))
        .expect("the page is read")
        .expect("the conversation exists");
    (nodes(found.messages.rows), found.messages.next_cursor)
}

/// Every message of `c`'s branch ending at `leaf` (the active one when `None`), oldest first, read
/// page by page `limit` at a time.
pub fn branch(
    layer: &DataLayer<Sqlite>,
    scope: &Scope,
    limit: u32,
    leaf: Option<&str>,
) -> Vec<Node> {
    let (mut all, mut cursor) = page(layer, scope, limit, None, leaf);
    while let Some(before) = cursor {
        let (mut older, next) = page(layer, scope, limit, Some(&before), None);
        older.append(&mut all);
        all = older;
        cursor = next;
    }
    all
}
