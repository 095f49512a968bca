//! The sea-query source of `saveMessages`' SQL: what the AI SDK's `onFinish({ messages })` hands
//! over, stored in one batch that writes only what changed and never reaches across ownership.

use sea_query::{Alias, CaseStatement, Expr, ExprTrait, Func, OnConflict, Query};

use crate::core::chat::Scope;
use crate::core::schema::{Conversations as C, Messages as M};
use crate::generate::sources::editing::owned;
use crate::generate::sources::turns::owned_insert;
use crate::generate::sql::{greater_of, param, Built, Rendered};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let scope = Scope {
        session_id: param("session_id"),
    };
    vec![
        Rendered::new(
            "EXISTING_MESSAGES",
            "`saveMessages`: which of the listed ids (a JSON array) are stored in this conversation of the session.",
            existing_messages(&scope),
        ),
        Rendered::new(
            "SAVE_MESSAGE",
            "`saveMessages`: insert a message into a conversation of the session, or update its parts and metadata where they changed; an id of another conversation fails the write.",
            save_message(&scope),
        ),
        Rendered::new(
            "TOUCH_SAVED_CONVERSATION",
            "`saveMessages`, last of its batch: when a message was inserted, move `updated_at` to `now` and make the newest message the active leaf.",
            touch_saved_conversation(&scope),
        ),
    ]
}

/// `SELECT id FROM messages WHERE id IN (SELECT value FROM json_each(?)) AND conversation_id = ?
/// AND EXISTS (owned)`: a primary-key seek per listed id, the list one bound JSON array; nothing of
/// another session's is read.
pub fn existing_messages(scope: &Scope) -> Built {
    let select = Query::select()
        .column(M::Id)
        .from(M::Table)
        .and_where(Expr::col(M::Id).in_subquery(listed_ids()))
        .and_where(Expr::col(M::ConversationId).eq(param("conversation_id")))
        .and_where(owned(scope, &param("conversation_id")))
        .to_owned();
    Built::from(&select)
}

/// `SELECT value FROM json_each(:ids)`: the listed ids, bound as one JSON array.
fn listed_ids() -> sea_query::SelectStatement {
    Query::select()
        .column(Alias::new("value"))
        .from_function(
            Func::cust("json_each").arg(param("ids")),
            Alias::new("listed"),
        )
        .to_owned()
}

/// The owned insert of `startTurn` and `addMessage`, made an upsert: a stored id of the same
/// conversation has its content, metadata and parts replaced only where they differ (the update's
/// WHERE), so saving an unchanged list writes no row; a reply still `streaming` becomes `done`. A stored id of another conversation would
/// set `conversation_id` to NULL, which its NOT NULL constraint refuses: the batch fails whole,
/// so an upsert never moves or reads across ownership. Returns the ids written.
pub fn save_message(scope: &Scope) -> Built {
    let stored = |column: M| Expr::col((M::Table, column));
    let given = |column: M| Expr::col((Alias::new("excluded"), column));
    let same_conversation = CaseStatement::new().case(
        stored(M::ConversationId).eq(given(M::ConversationId)),
        stored(M::ConversationId),
    );
    // A message stored as text alone reads back as one text part: listed back so, it is unchanged.
    let stored_parts = Expr::cust(
        "COALESCE(\"messages\".\"parts\", json_array(json_object('type', 'text', 'text', \"messages\".\"content\")))",
    );
    let streaming = || stored(M::Status).eq("streaming");
    let changed = stored(M::ConversationId)
        .is_not(given(M::ConversationId))
        .or(stored(M::Content).is_not(given(M::Content)))
        .or(stored(M::Metadata).is_not(given(M::Metadata)))
        .or(stored_parts.is_not(given(M::Parts)))
        .or(streaming());
    // A reserved reply still `streaming` is saved as `done` (the AI SDK route finishes its turn
    // so); any other keeps its status.
    let status = CaseStatement::new()
        .case(streaming(), Expr::val("done"))
        .finally(stored(M::Status));
    let upsert = OnConflict::column(M::Id)
        .value(M::ConversationId, same_conversation)
        .value(M::Content, given(M::Content))
        .value(M::Metadata, given(M::Metadata))
        .value(M::Parts, given(M::Parts))
        .value(M::Status, status)
        .action_and_where(changed)
        .to_owned();
    let insert = owned_insert(scope)
        .on_conflict(upsert)
        .returning(Query::returning().column(M::Id))
        .to_owned();
    Built::from(&insert)
}

/// Moves a conversation of the session's `updated_at` forward to `now` and makes its newest
/// message the active leaf when a listed message is stamped at or after `now`: one this save
/// inserted (a new message is stamped no earlier than `now` and than every other: see
/// `turns::owned_insert`), or, as the statement cannot tell them apart, one written in the same
/// millisecond (or by a Worker whose clock runs ahead). A save that inserted nothing and lists no
/// such message writes no row.
pub fn touch_saved_conversation(scope: &Scope) -> Built {
    let inserted = Query::select()
        .expr(Expr::cust("1"))
        .from(M::Table)
        .and_where(Expr::col(M::ConversationId).eq(param("conversation_id")))
        .and_where(Expr::col(M::CreatedAt).gte(param("now")))
        .and_where(Expr::col(M::Id).in_subquery(listed_ids()))
        .to_owned();
    let touch = Query::update()
        .table(C::Table)
        .value(
            C::UpdatedAt,
            greater_of(Expr::col(C::UpdatedAt), param("now").into()),
        )
        .value(C::ActiveLeafId, Expr::null())
        .and_where(Expr::col(C::Id).eq(param("conversation_id")))
        .and_where(Expr::col(C::SessionId).eq(scope.session_id.as_str()))
        .and_where(
            Expr::col(C::UpdatedAt)
                .lt(param("now"))
                .or(Expr::col(C::ActiveLeafId).is_not_null()),
        )
        .and_where(Expr::exists(inserted))
        .to_owned();
    Built::from(&touch)
}
