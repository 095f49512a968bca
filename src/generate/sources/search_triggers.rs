//! The sea-query source of the triggers that keep the search index in step with `messages`, used
//! at build time only (see `search_index`): `enableSearch` makes them, `disableSearch` drops them
//! first. sea-query has no triggers: their text is written here from the schema's identifiers.

use crate::core::schema::{
    Conversations as C, MessageSearch as F, MessageSearchSource as V, MessageSearchState as St,
    Messages as M,
};
use sea_query::Iden;

/// An identifier's name.
pub fn name(iden: impl Iden) -> String {
    iden.to_string()
}

/// `(SELECT indexed_upto FROM message_search_state)`.
pub fn indexed_upto() -> String {
    format!(
        "(SELECT \"{}\" FROM \"{}\")",
        name(St::IndexedUpto),
        name(St::Table)
    )
}

/// `INSERT INTO message_search (...)` of the source's row `rowid`, or (as `delete`) its removal:
/// FTS5 takes an external-content row out when given the values it indexed, which the view still
/// gives before the row changes.
fn from_source(rows: &str, delete: bool) -> String {
    let (fts, source, content, sid) = (
        name(F::Table),
        name(V::Table),
        name(F::Content),
        name(F::Sid),
    );
    let (command_column, command) = match delete {
        true => (format!("\"{fts}\", "), "'delete', "),
        false => (String::new(), ""),
    };
    format!(
        "INSERT INTO \"{fts}\" ({command_column}rowid, \"{content}\", \"{sid}\") SELECT {command}rowid, \"{content}\", \"{sid}\" FROM \"{source}\" WHERE {rows};"
    )
}

/// The triggers: the suffix of each one's name (`message_search_<suffix>`), and its create and
/// drop statements' constants.
const TRIGGERS: [(&str, &str, &str); 8] = [
    (
        "insert",
        "CREATE_SEARCH_INSERT_TRIGGER",
        "DROP_SEARCH_INSERT_TRIGGER",
    ),
    (
        "delete",
        "CREATE_SEARCH_DELETE_TRIGGER",
        "DROP_SEARCH_DELETE_TRIGGER",
    ),
    (
        "unindex",
        "CREATE_SEARCH_UNINDEX_TRIGGER",
        "DROP_SEARCH_UNINDEX_TRIGGER",
    ),
    (
        "reindex",
        "CREATE_SEARCH_REINDEX_TRIGGER",
        "DROP_SEARCH_REINDEX_TRIGGER",
    ),
    (
        "conversation",
        "CREATE_SEARCH_CONVERSATION_TRIGGER",
        "DROP_SEARCH_CONVERSATION_TRIGGER",
    ),
    (
        "leave",
        "CREATE_SEARCH_LEAVE_TRIGGER",
        "DROP_SEARCH_LEAVE_TRIGGER",
    ),
    (
        "join",
        "CREATE_SEARCH_JOIN_TRIGGER",
        "DROP_SEARCH_JOIN_TRIGGER",
    ),
    (
        "backfill",
        "CREATE_SEARCH_BACKFILL_TRIGGER",
        "DROP_SEARCH_BACKFILL_TRIGGER",
    ),
];

/// The triggers, each a `(name, doc, sql)`: a message indexed when written, taken out before it is
/// deleted, taken out and indexed again around an update of its text or its conversation, and a
/// conversation's messages around a move to another session; each only for messages the backfill
/// has passed (it indexes the others as it goes). A conversation's messages are deleted
/// before it is (`ON DELETE CASCADE` would delete them after, when the view no longer gives
/// their session token).
pub fn creates() -> Vec<(&'static str, &'static str, String)> {
    let (messages, content) = (name(M::Table), name(M::Content));
    let conversation = name(M::ConversationId);
    // A conversation moved to another session: its indexed messages' token changes with it.
    let moved = |timing: &str, row: &str, delete: bool| {
        let rows = format!(
            "rowid IN (SELECT rowid FROM \"{messages}\" WHERE \"{conversation}\" = {row}.\"{}\" AND rowid <= {})",
            name(C::Id),
            indexed_upto(),
        );
        format!(
            "CREATE TRIGGER IF NOT EXISTS \"{}_{}\" {timing} UPDATE OF \"{}\" ON \"{}\" BEGIN {} END",
            name(F::Table),
            if delete { "leave" } else { "join" },
            name(C::SessionId),
            name(C::Table),
            from_source(&rows, delete),
        )
    };
    TRIGGERS
        .iter()
        .map(|&(suffix, constant, _)| {
            let on_message = |timing: String, row: &str, delete: bool, doc| {
                let body = from_source(&format!("rowid = {row}.rowid"), delete);
                let sql = format!(
                    "CREATE TRIGGER IF NOT EXISTS \"{}_{suffix}\" {timing} ON \"{messages}\" WHEN {row}.rowid <= {} BEGIN {body} END",
                    name(F::Table),
                    indexed_upto(),
                );
                (constant, doc, sql)
            };
            match suffix {
                "insert" => on_message("AFTER INSERT".into(), "new", false, "`enableSearch`: index a new message."),
                "delete" => on_message("BEFORE DELETE".into(), "old", true, "`enableSearch`: take a message out before it is deleted."),
                "unindex" => on_message(format!("BEFORE UPDATE OF \"{content}\", \"{conversation}\""), "old", true, "`enableSearch`: take a message's old text out before it is updated."),
                "reindex" => on_message(format!("AFTER UPDATE OF \"{content}\", \"{conversation}\""), "new", false, "`enableSearch`: index a message's new text after it is updated."),
                "leave" => (constant, "`enableSearch`: take a conversation's messages out before it moves to another session.", moved("BEFORE", "old", true)),
                "join" => (constant, "`enableSearch`: index a conversation's messages again once it has moved.", moved("AFTER", "new", false)),
                "backfill" => {
                    let upto = name(St::IndexedUpto);
                    (constant, "`enableSearch`: index the messages the backfill's chunk moves past, in the statement that moves it (one statement: atomic however it is sent).", format!(
                    "CREATE TRIGGER IF NOT EXISTS \"{}_{suffix}\" AFTER UPDATE OF \"{upto}\" ON \"{}\" BEGIN {} END",
                    name(F::Table),
                    name(St::Table),
                    from_source(&format!("rowid > old.\"{upto}\" AND rowid <= new.\"{upto}\""), false),
                ))
                }
                _ => (constant, "`enableSearch`: delete a conversation's messages before it, so their triggers still find its session.", format!(
                    "CREATE TRIGGER IF NOT EXISTS \"{}_{suffix}\" BEFORE DELETE ON \"{}\" BEGIN DELETE FROM \"{messages}\" WHERE \"{}\" = old.\"{}\"; END",
                    name(F::Table),
                    name(C::Table),
                    name(M::ConversationId),
                    name(C::Id),
                )),
            }
        })
        .collect()
}

/// `DROP TRIGGER` of each trigger, each a `(name, doc, sql)`.
pub fn drops() -> Vec<(&'static str, &'static str, String)> {
    let fts = name(F::Table);
    TRIGGERS
        .iter()
        .map(|&(suffix, _, constant)| {
            let sql = format!("DROP TRIGGER IF EXISTS \"{fts}_{suffix}\"");
            (constant, "`disableSearch`: drop a trigger.", sql)
        })
        .collect()
}
