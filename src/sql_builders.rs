//! Every SQL statement the data layer sends, built with sea-query for SQLite from the schema.
//!
//! These builders are the source of truth for the SQL. They run at build time:
//! `cargo run --example generate` renders their text into `src/sql.rs`, which the runtime binds
//! parameters to, so the wasm carries no query builder (about 20 KB gzipped less). A test fails
//! when `src/sql.rs` is stale, and a property test checks that the runtime statements equal these,
//! SQL and parameters alike, for arbitrary values.
//!
//! Each method is designed for one D1 round trip: a single statement, or a batch, which D1 runs
//! as one transaction. Every user value is a bound parameter; none is ever part of the SQL text.

use sea_query::{
    Alias, Expr, ExprTrait, Func, Iden, InsertStatement, OnConflict, Order, Query,
    QueryStatementBuilder, SqliteQueryBuilder,
};

use crate::error::Error;
use crate::model::{Conversation, Message};
use crate::schema::{
    ClientSessions, Conversations, Messages, RowId, CLIENT_SESSION_COLUMNS, CONVERSATION_COLUMNS,
    MESSAGE_COLUMNS,
};
use crate::value::SqlValue;

/// A statement as sea-query builds it: owned SQL text and its parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltStatement {
    /// The SQL text, with `?` placeholders.
    pub sql: String,
    /// The values for the placeholders, in order.
    pub params: Vec<SqlValue>,
}

impl BuiltStatement {
    fn build(query: &impl QueryStatementBuilder) -> Result<Self, Error> {
        let (sql, values) = query.build_any(&SqliteQueryBuilder);
        let params = values
            .into_iter()
            .map(SqlValue::from_sea_query)
            .collect::<Result<_, _>>()?;
        Ok(BuiltStatement { sql, params })
    }
}

/// `SQLITE's` scalar two-argument `MAX(a, b)`; sea-query's `Func::max` is the aggregate.
fn greater_of(a: Expr, b: Expr) -> Expr {
    Func::cust("MAX").arg(a).arg(b).into()
}

/// The session upsert: one statement, race-free when two first requests for one id arrive
/// together (the second becomes an update instead of failing on the primary key).
///
/// A new id is inserted with `created_at = last_activity = now`. An existing one keeps its
/// `created_at` and metadata; `last_activity` moves to `now` but never backwards, so a Worker
/// whose clock lags another's cannot break `created_at <= last_activity`. RETURNING hands back
/// the row as stored, whichever way it went.
pub fn get_or_create_session(
    id: &str,
    now: &str,
    metadata_json: Option<&str>,
) -> Result<BuiltStatement, Error> {
    use ClientSessions as S;
    let touch = OnConflict::column(S::Id)
        .value(
            S::LastActivity,
            greater_of(
                Expr::col((S::Table, S::LastActivity)),
                Expr::col((Alias::new("excluded"), S::LastActivity)),
            ),
        )
        .to_owned();
    let mut insert = insert_into(S::Table, CLIENT_SESSION_COLUMNS);
    insert
        .values([
            id.into(),
            now.into(),
            now.into(),
            metadata_json.map(str::to_owned).into(),
        ])
        .map_err(|_| Error::UnsupportedParameter)?
        .on_conflict(touch)
        .returning(Query::returning().columns(CLIENT_SESSION_COLUMNS));
    BuiltStatement::build(&insert)
}

/// Moves an existing session's `last_activity` forward (never backwards) and returns the row;
/// inserts nothing. `getOrCreateSession` sends it instead of the upsert when the metadata cannot be
/// serialized: the old layer serialized it only to insert, so a known session still answered.
pub fn touch_session(id: &str, now: &str) -> Result<BuiltStatement, Error> {
    use ClientSessions as S;
    let touch = Query::update()
        .table(S::Table)
        .value(
            S::LastActivity,
            greater_of(Expr::col(S::LastActivity), Expr::val(now)),
        )
        .and_where(Expr::col(S::Id).eq(id))
        .returning(Query::returning().columns(CLIENT_SESSION_COLUMNS))
        .to_owned();
    BuiltStatement::build(&touch)
}

/// Inserts a conversation. The caller already knows every column, so nothing is returned.
pub fn create_conversation(conversation: &Conversation) -> Result<BuiltStatement, Error> {
    let mut insert = insert_into(Conversations::Table, CONVERSATION_COLUMNS);
    insert
        .values([
            conversation.id.as_str().into(),
            conversation.session_id.as_str().into(),
            conversation.title.clone().into(),
            conversation.created_at.as_str().into(),
            conversation.updated_at.as_str().into(),
        ])
        .map_err(|_| Error::UnsupportedParameter)?;
    BuiltStatement::build(&insert)
}

/// Inserts a message and touches its conversation's `updated_at`, as one batch (one transaction):
/// both happen or neither does. A missing conversation fails the insert's foreign key and so
/// rolls back the whole batch.
///
/// `updated_at` takes the message's `created_at` but never moves backwards, so concurrent writers
/// with slightly different clocks leave it at the newest message's time.
pub fn create_message(message: &Message) -> Result<[BuiltStatement; 2], Error> {
    let mut insert = insert_into(Messages::Table, MESSAGE_COLUMNS);
    insert
        .values([
            message.id.as_str().into(),
            message.conversation_id.as_str().into(),
            message.role.as_str().into(),
            message.content.as_str().into(),
            message.created_at.as_str().into(),
        ])
        .map_err(|_| Error::UnsupportedParameter)?;
    let touch = Query::update()
        .table(Conversations::Table)
        .value(
            Conversations::UpdatedAt,
            greater_of(
                Expr::col(Conversations::UpdatedAt),
                Expr::val(message.created_at.as_str()),
            ),
        )
        .and_where(Expr::col(Conversations::Id).eq(message.conversation_id.as_str()))
        .to_owned();
    Ok([
        BuiltStatement::build(&insert)?,
        BuiltStatement::build(&touch)?,
    ])
}

/// A session's conversations, most recently updated first, at most `limit`. Served by
/// `idx_conv_session_updated` in index order: no scan, no sort.
pub fn list_conversations(session_id: &str, limit: u32) -> Result<BuiltStatement, Error> {
    let select = Query::select()
        .columns(CONVERSATION_COLUMNS)
        .from(Conversations::Table)
        .and_where(Expr::col(Conversations::SessionId).eq(session_id))
        .order_by(Conversations::UpdatedAt, Order::Desc)
        .limit(limit.into())
        .to_owned();
    BuiltStatement::build(&select)
}

/// A conversation and its messages, as a batch of two reads (one round trip, one consistent
/// snapshot). Messages come oldest first; rows written in the same millisecond keep insertion
/// order through the rowid, which `idx_msg_conversation` already carries, so no sort is needed.
pub fn get_conversation_with_messages(conversation_id: &str) -> Result<[BuiltStatement; 2], Error> {
    let conversation = Query::select()
        .columns(CONVERSATION_COLUMNS)
        .from(Conversations::Table)
        .and_where(Expr::col(Conversations::Id).eq(conversation_id))
        .to_owned();
    let messages = Query::select()
        .columns(MESSAGE_COLUMNS)
        .from(Messages::Table)
        .and_where(Expr::col(Messages::ConversationId).eq(conversation_id))
        .order_by(Messages::CreatedAt, Order::Asc)
        .order_by(RowId, Order::Asc)
        .to_owned();
    Ok([
        BuiltStatement::build(&conversation)?,
        BuiltStatement::build(&messages)?,
    ])
}

fn insert_into<C: Iden + 'static>(
    table: impl Iden + 'static,
    columns: impl IntoIterator<Item = C>,
) -> InsertStatement {
    Query::insert()
        .into_table(table)
        .columns(columns)
        .to_owned()
}

/// The path of the generated SQL constants, relative to the crate root.
pub const SQL_MODULE_PATH: &str = "src/sql.rs";

/// Every statement the runtime sends: its constant's name, what it does, and its SQL text as
/// sea-query renders it. The text does not depend on the values, so placeholders stand in.
pub fn rendered_statements() -> Result<Vec<(&'static str, &'static str, String)>, Error> {
    let conversation = Conversation {
        id: "id".into(),
        session_id: "session".into(),
        title: None,
        created_at: "now".into(),
        updated_at: "now".into(),
    };
    let message = Message {
        id: "id".into(),
        conversation_id: "conversation".into(),
        role: crate::model::MessageRole::User,
        content: "content".into(),
        created_at: "now".into(),
    };
    let [insert_message, touch_conversation] = create_message(&message)?;
    let [conversation_by_id, messages_of_conversation] = get_conversation_with_messages("id")?;
    Ok(vec![
        (
            "GET_OR_CREATE_SESSION",
            "`getOrCreateSession`: upsert the session and return it as stored. Parameters: id, now, now, metadata.",
            get_or_create_session("id", "now", None)?.sql,
        ),
        (
            "TOUCH_SESSION",
            "`getOrCreateSession` when the metadata cannot be serialized: touch a known session only. Parameters: now, id.",
            touch_session("id", "now")?.sql,
        ),
        (
            "CREATE_CONVERSATION",
            "`createConversation`: insert the conversation. Parameters: id, session_id, title, created_at, updated_at.",
            create_conversation(&conversation)?.sql,
        ),
        (
            "INSERT_MESSAGE",
            "`createMessage`, first of its batch: insert the message. Parameters: id, conversation_id, role, content, created_at.",
            insert_message.sql,
        ),
        (
            "TOUCH_CONVERSATION",
            "`createMessage`, second of its batch: move `updated_at` forward. Parameters: created_at, conversation_id.",
            touch_conversation.sql,
        ),
        (
            "LIST_CONVERSATIONS",
            "`listConversations`. Parameters: session_id, limit.",
            list_conversations("session", 10)?.sql,
        ),
        (
            "CONVERSATION_BY_ID",
            "`getConversationWithMessages`, first of its batch: the conversation. Parameter: id.",
            conversation_by_id.sql,
        ),
        (
            "MESSAGES_OF_CONVERSATION",
            "`getConversationWithMessages`, second of its batch: its messages in order. Parameter: conversation_id.",
            messages_of_conversation.sql,
        ),
    ])
}

/// The text of `src/sql.rs`: one documented constant per statement.
pub fn sql_module() -> Result<String, Error> {
    let mut module = String::from(
        "//! The SQL text of every statement, rendered by sea-query from `src/sql_builders.rs`.\n\
         //! Generated by `cargo run --example generate`: do not edit. A test fails when it is stale.\n",
    );
    for (name, doc, sql) in rendered_statements()? {
        module.push_str(&format!(
            "\n/// {doc}\npub const {name}: &str =\n    {sql:?};\n"
        ));
    }
    Ok(module)
}
