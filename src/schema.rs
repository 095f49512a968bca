//! The database schema: the single source of truth for every table, column, constraint and index.
//!
//! Every other module names tables and columns only through the identifiers here, and the wrangler
//! migration files are generated from [`create_statements`] and [`drop_statements`], so the schema
//! can never drift from the queries that use it.
//!
//! Databases created by the old TypeScript layer have the same tables, columns and index names but
//! none of the three CHECK constraints; nothing in this crate depends on the CHECKs being present.

use crate::model::MessageRole;
use sea_query::{
    ColumnDef, Expr, ExprTrait, ForeignKey, ForeignKeyAction, Iden, Index, IndexCreateStatement,
    IndexOrder, SqliteQueryBuilder, Table, TableCreateStatement,
};

/// The `client_sessions` table: one row per anonymous browser session.
#[derive(Iden, Clone, Copy, Debug)]
pub enum ClientSessions {
    /// The table name itself.
    Table,
    /// `TEXT PRIMARY KEY`: the session id the client sends.
    Id,
    /// `TEXT NOT NULL`: when the session was first seen.
    CreatedAt,
    /// `TEXT NOT NULL`: when the session was last seen; never earlier than `created_at`.
    LastActivity,
    /// `TEXT`: a JSON object, or NULL when none was given.
    Metadata,
}

/// The `conversations` table: a session's chat threads.
#[derive(Iden, Clone, Copy, Debug)]
pub enum Conversations {
    /// The table name itself.
    Table,
    /// `TEXT PRIMARY KEY`.
    Id,
    /// `TEXT NOT NULL`, references `client_sessions(id)` with ON DELETE CASCADE.
    SessionId,
    /// `TEXT`: NULL when the conversation has no title.
    Title,
    /// `TEXT NOT NULL`.
    CreatedAt,
    /// `TEXT NOT NULL`: touched by every new message; never earlier than `created_at`.
    UpdatedAt,
}

/// The `messages` table: the turns of a conversation.
#[derive(Iden, Clone, Copy, Debug)]
pub enum Messages {
    /// The table name itself.
    Table,
    /// `TEXT PRIMARY KEY`.
    Id,
    /// `TEXT NOT NULL`, references `conversations(id)` with ON DELETE CASCADE.
    ConversationId,
    /// `TEXT NOT NULL`: `user` or `assistant`.
    Role,
    /// `TEXT NOT NULL`.
    Content,
    /// `TEXT NOT NULL`.
    CreatedAt,
}

/// SQLite's implicit row id. Every table here is a rowid table (`TEXT PRIMARY KEY` does not make
/// it `WITHOUT ROWID`), and a new row's rowid is larger than any before it, so it records insertion
/// order. Indexes carry the rowid as their last key, so ordering by it after an indexed column
/// costs no sort.
#[derive(Iden, Clone, Copy, Debug)]
#[iden = "rowid"]
pub struct RowId;

/// The columns of `client_sessions`, in table order.
pub const CLIENT_SESSION_COLUMNS: [ClientSessions; 4] = [
    ClientSessions::Id,
    ClientSessions::CreatedAt,
    ClientSessions::LastActivity,
    ClientSessions::Metadata,
];

/// The columns of `conversations`, in table order.
pub const CONVERSATION_COLUMNS: [Conversations; 5] = [
    Conversations::Id,
    Conversations::SessionId,
    Conversations::Title,
    Conversations::CreatedAt,
    Conversations::UpdatedAt,
];

/// The columns of `messages`, in table order.
pub const MESSAGE_COLUMNS: [Messages; 5] = [
    Messages::Id,
    Messages::ConversationId,
    Messages::Role,
    Messages::Content,
    Messages::CreatedAt,
];

/// The names of the four indexes, as the old layer named them (old databases keep working).
pub mod index_names {
    /// `client_sessions (last_activity DESC)`.
    pub const SESSION_ACTIVITY: &str = "idx_session_activity";
    /// `conversations (session_id, updated_at DESC)`: serves `listConversations`.
    pub const CONVERSATION_SESSION_UPDATED: &str = "idx_conv_session_updated";
    /// `conversations (updated_at DESC)`.
    pub const CONVERSATION_UPDATED: &str = "idx_conv_updated";
    /// `messages (conversation_id, created_at ASC)`: serves `getConversationWithMessages`.
    pub const MESSAGE_CONVERSATION: &str = "idx_msg_conversation";
}

fn text(column: impl Iden + 'static) -> ColumnDef {
    ColumnDef::new(column).text().to_owned()
}

fn client_sessions_table() -> TableCreateStatement {
    use ClientSessions as S;
    Table::create()
        .table(S::Table)
        .col(text(S::Id).primary_key())
        .col(text(S::CreatedAt).not_null())
        .col(text(S::LastActivity).not_null())
        .col(text(S::Metadata))
        .check(Expr::col(S::CreatedAt).lte(Expr::col(S::LastActivity)))
        .to_owned()
}

fn conversations_table() -> TableCreateStatement {
    use Conversations as C;
    Table::create()
        .table(C::Table)
        .col(text(C::Id).primary_key())
        .col(text(C::SessionId).not_null())
        .col(text(C::Title))
        .col(text(C::CreatedAt).not_null())
        .col(text(C::UpdatedAt).not_null())
        .foreign_key(
            ForeignKey::create()
                .from(C::Table, C::SessionId)
                .to(ClientSessions::Table, ClientSessions::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .check(Expr::col(C::CreatedAt).lte(Expr::col(C::UpdatedAt)))
        .to_owned()
}

fn messages_table() -> TableCreateStatement {
    use Messages as M;
    Table::create()
        .table(M::Table)
        .col(text(M::Id).primary_key())
        .col(text(M::ConversationId).not_null())
        .col(text(M::Role).not_null())
        .col(text(M::Content).not_null())
        .col(text(M::CreatedAt).not_null())
        .foreign_key(
            ForeignKey::create()
                .from(M::Table, M::ConversationId)
                .to(Conversations::Table, Conversations::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .check(Expr::col(M::Role).is_in(MessageRole::ALL.map(MessageRole::as_str)))
        .to_owned()
}

fn indexes() -> [IndexCreateStatement; 4] {
    [
        Index::create()
            .name(index_names::SESSION_ACTIVITY)
            .table(ClientSessions::Table)
            .col((ClientSessions::LastActivity, IndexOrder::Desc))
            .to_owned(),
        Index::create()
            .name(index_names::CONVERSATION_SESSION_UPDATED)
            .table(Conversations::Table)
            .col(Conversations::SessionId)
            .col((Conversations::UpdatedAt, IndexOrder::Desc))
            .to_owned(),
        Index::create()
            .name(index_names::CONVERSATION_UPDATED)
            .table(Conversations::Table)
            .col((Conversations::UpdatedAt, IndexOrder::Desc))
            .to_owned(),
        Index::create()
            .name(index_names::MESSAGE_CONVERSATION)
            .table(Messages::Table)
            .col(Messages::ConversationId)
            .col((Messages::CreatedAt, IndexOrder::Asc))
            .to_owned(),
    ]
}

/// The DDL that creates the whole schema, parents before children, as SQLite statements.
pub fn create_statements() -> Vec<String> {
    let tables = [
        client_sessions_table(),
        conversations_table(),
        messages_table(),
    ];
    let tables = tables.iter().map(|t| t.to_string(SqliteQueryBuilder));
    let indexes = indexes().map(|i| i.to_string(SqliteQueryBuilder));
    tables.chain(indexes).collect()
}

/// The DDL that removes the whole schema again, children before parents, so that no foreign key
/// is ever left pointing at a dropped table. Dropping a table drops its indexes with it.
pub fn drop_statements() -> Vec<String> {
    vec![
        drop_table(Messages::Table),
        drop_table(Conversations::Table),
        drop_table(ClientSessions::Table),
    ]
}

fn drop_table(table: impl Iden + 'static) -> String {
    Table::drop()
        .table(table)
        .if_exists()
        .to_string(SqliteQueryBuilder)
}
