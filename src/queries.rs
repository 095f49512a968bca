//! Every SQL statement the data layer sends, built with sea-query for SQLite.
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

/// One SQL statement with its bound parameters, ready for `db.prepare(sql).bind(...params)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The SQL text, with `?` placeholders.
    pub sql: String,
    /// The values for the placeholders, in order.
    pub params: Vec<SqlValue>,
}

impl Statement {
    fn build(query: &impl QueryStatementBuilder) -> Result<Self, Error> {
        let (sql, values) = query.build_any(&SqliteQueryBuilder);
        let params = values
            .into_iter()
            .map(SqlValue::from_sea_query)
            .collect::<Result<_, _>>()?;
        Ok(Statement { sql, params })
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
) -> Result<Statement, Error> {
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
    Statement::build(&insert)
}

/// Inserts a conversation. The caller already knows every column, so nothing is returned.
pub fn create_conversation(conversation: &Conversation) -> Result<Statement, Error> {
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
    Statement::build(&insert)
}

/// Inserts a message and touches its conversation's `updated_at`, as one batch (one transaction):
/// both happen or neither does. A missing conversation fails the insert's foreign key and so
/// rolls back the whole batch.
///
/// `updated_at` takes the message's `created_at` but never moves backwards, so concurrent writers
/// with slightly different clocks leave it at the newest message's time.
pub fn create_message(message: &Message) -> Result<[Statement; 2], Error> {
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
    Ok([Statement::build(&insert)?, Statement::build(&touch)?])
}

/// A session's conversations, most recently updated first, at most `limit`. Served by
/// `idx_conv_session_updated` in index order: no scan, no sort.
pub fn list_conversations(session_id: &str, limit: u32) -> Result<Statement, Error> {
    let select = Query::select()
        .columns(CONVERSATION_COLUMNS)
        .from(Conversations::Table)
        .and_where(Expr::col(Conversations::SessionId).eq(session_id))
        .order_by(Conversations::UpdatedAt, Order::Desc)
        .limit(limit.into())
        .to_owned();
    Statement::build(&select)
}

/// A conversation and its messages, as a batch of two reads (one round trip, one consistent
/// snapshot). Messages come oldest first; rows written in the same millisecond keep insertion
/// order through the rowid, which `idx_msg_conversation` already carries, so no sort is needed.
pub fn get_conversation_with_messages(conversation_id: &str) -> Result<[Statement; 2], Error> {
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
        Statement::build(&conversation)?,
        Statement::build(&messages)?,
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
