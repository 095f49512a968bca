//! The database schema: tables and columns as identifiers, each table's columns spelled once (in
//! [`Columns`]), and the index names. Every other module names tables and columns only through
//! these; the wrangler migrations (`generate::migrations`, which adds the keys, CHECKs and indexes)
//! and every statement's column list are derived from them, so neither can drift from the other.
//!
//! Databases created by the old TypeScript layer have the same tables, columns and index names but
//! none of the three CHECK constraints; nothing in this crate depends on the CHECKs being present.

use sea_query::Iden;

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
    /// `TEXT`: the message the chat API reads the conversation's branch up from (migration
    /// 0004), or NULL for its newest message (every conversation before branching, and after any
    /// new message: a new message is always the newest, see `generate::sources::turns`).
    ActiveLeafId,
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
    /// `TEXT`: a JSON object the app recorded with the message (migration 0002), or NULL.
    Metadata,
    /// `TEXT`: the message's parts, the AI SDK's `UIMessage.parts` as `JSON.stringify` wrote them
    /// (migration 0003), or NULL for a message stored as text alone (read as one text part).
    Parts,
    /// `TEXT`: the message this one answers or follows (migration 0004): a message id of the same
    /// conversation, `''` for a first message, or NULL for "the message before it in the
    /// conversation's order (created_at, then rowid)", which is how every message written before
    /// branching, or by the drop-in methods, reads as the linear conversation it was.
    ParentId,
    /// `TEXT`: a reply's state (migration 0005): `streaming` from its reservation until it is
    /// finished, then `done`, `stopped` or `error`; NULL (read as `done`) for every message not
    /// written through a reservation.
    Status,
    /// `TEXT`: when a reserved reply was last written (its reservation or checkpoint), NULL for
    /// other messages: a reply `streaming` for longer than the client's `staleAfterMs` reads as
    /// `interrupted` (migration 0005).
    UpdatedAt,
}

/// The search index `enableSearch` makes (not a migration: `wrangler d1 export` refuses a
/// database holding a virtual table, so a database without search keeps its plain backups): an
/// FTS5 table over each message's `content`, reading its text from [`MessageSearchSource`], kept
/// in step by triggers on `messages`.
#[derive(Iden, Clone, Copy, Debug)]
pub enum MessageSearch {
    /// The FTS5 table, `message_search`; also the name of its hidden command column.
    Table,
    /// The message's text: what `content` holds (the text of its text parts).
    Content,
    /// Its conversation's session, as one token (see `SESSION_TOKEN_CHARS`): a query names it so
    /// that FTS5 reads only the session's postings, not every session's.
    Sid,
}

/// The view the index reads its rows from (FTS5 "external content"): `rowid`, `content` and `sid`
/// of every message whose conversation exists.
#[derive(Iden, Clone, Copy, Debug)]
pub enum MessageSearchSource {
    /// The view, `message_search_source`.
    Table,
}

/// The backfill's progress: one row.
#[derive(Iden, Clone, Copy, Debug)]
pub enum MessageSearchState {
    /// The table, `message_search_state`.
    Table,
    /// `INTEGER`: every message whose rowid is at most this is indexed and kept in step by the
    /// triggers; those after it await the backfill (`SEARCH_INDEXED_ALL` once it is done).
    IndexedUpto,
    /// `INTEGER`: how many messages the backfill has read.
    Indexed,
}

/// `indexed_upto` once the backfill is done: 2^53 - 1, the largest rowid a JS number holds exactly.
pub const SEARCH_INDEXED_ALL: i64 = 9_007_199_254_740_991;

/// The most characters of text one backfill chunk indexes (it takes at least one message): long
/// messages make shorter chunks, so no chunk nears D1's 30 s a statement.
pub const SEARCH_CHUNK_CHARACTERS: u32 = 8_000_000;

/// How many characters of a session id its token is made from (hex of their UTF-8): a UUID whole.
/// Longer ids sharing these characters share a token; SQL still checks the session itself.
pub const SESSION_TOKEN_CHARS: u32 = 64;

/// SQLite's implicit row id. Every table here is a rowid table (`TEXT PRIMARY KEY` does not make
/// it `WITHOUT ROWID`), and a new row's rowid is larger than any before it, so it records insertion
/// order. Indexes carry the rowid as their last key, so ordering by it after an indexed column
/// costs no sort.
#[derive(Iden, Clone, Copy, Debug)]
#[iden = "rowid"]
pub struct RowId;

/// A column: every one here is `TEXT`. `not_null` for `NOT NULL`; the `PRIMARY KEY` is the
/// `id`, which SQLite lets hold NULL in a rowid table, so it is not `not_null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column<C> {
    /// The column's identifier.
    pub iden: C,
    /// `NOT NULL`.
    pub not_null: bool,
    /// `PRIMARY KEY`.
    pub primary_key: bool,
}

impl<C> Column<C> {
    const fn id(iden: C) -> Self {
        Column {
            iden,
            not_null: false,
            primary_key: true,
        }
    }

    const fn not_null(iden: C) -> Self {
        Column {
            iden,
            not_null: true,
            primary_key: false,
        }
    }

    const fn nullable(iden: C) -> Self {
        Column {
            iden,
            not_null: false,
            primary_key: false,
        }
    }
}

/// A table's columns in table order: the one place a column is spelled. The migrations' DDL, every
/// statement's column list and the rows' storage checks are derived from these.
#[derive(Debug, Clone, Copy)]
pub struct Columns<C: 'static>(pub &'static [Column<C>]);

impl<C: Iden + Copy + 'static> Columns<C> {
    /// The identifiers, in table order: what a SELECT, INSERT or RETURNING lists.
    pub fn idens(self) -> impl Iterator<Item = C> {
        self.0.iter().map(|column| column.iden)
    }

    /// The names as JS sees them (the keys of the objects returned), in table order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        self.0.iter().map(|column| column.iden.unquoted())
    }
}

/// The columns of `client_sessions`.
pub const CLIENT_SESSIONS: Columns<ClientSessions> = Columns(&[
    Column::id(ClientSessions::Id),
    Column::not_null(ClientSessions::CreatedAt),
    Column::not_null(ClientSessions::LastActivity),
    Column::nullable(ClientSessions::Metadata),
]);

/// The columns of `conversations`, in table order.
pub const CONVERSATION_TABLE: Columns<Conversations> = Columns(&[
    Column::id(Conversations::Id),
    Column::not_null(Conversations::SessionId),
    Column::nullable(Conversations::Title),
    Column::not_null(Conversations::CreatedAt),
    Column::not_null(Conversations::UpdatedAt),
    Column::nullable(Conversations::ActiveLeafId),
]);

/// The columns of `conversations` every method reads and returns: the contract's keys (the active
/// leaf is the chat API's bookkeeping, not part of a conversation object), the table's columns
/// before migration 0004, so the drop-in methods work on a database that has not run it.
pub const CONVERSATIONS: Columns<Conversations> = Columns(CONVERSATION_TABLE.0.split_at(5).0);

/// The columns of `messages`: what the chat API reads and writes.
pub const MESSAGES: Columns<Messages> = Columns(&[
    Column::id(Messages::Id),
    Column::not_null(Messages::ConversationId),
    Column::not_null(Messages::Role),
    Column::not_null(Messages::Content),
    Column::not_null(Messages::CreatedAt),
    Column::nullable(Messages::Metadata),
    Column::nullable(Messages::Parts),
    Column::nullable(Messages::ParentId),
    Column::nullable(Messages::Status),
    Column::nullable(Messages::UpdatedAt),
]);

/// The columns of `messages` a chat API message hands back: all but `updated_at`, the bookkeeping
/// that reads a stalled reply as `interrupted` (its `status` is the one the walk computes).
pub const CHAT_MESSAGE: Columns<Messages> = Columns(MESSAGES.0.split_at(MESSAGES.0.len() - 1).0);

/// The columns of `messages` the drop-in methods read and write: the contract's keys, the table's
/// columns before migration 0002 added `metadata`. They never name a later column, so they work on
/// a database that has not run 0002 yet.
pub const MESSAGE_CONTRACT: Columns<Messages> = Columns(MESSAGES.0.split_at(5).0);

/// The names of the indexes: the old layer's four, as it named them (old databases keep
/// working), and those later migrations add.
pub mod index_names {
    /// `client_sessions (last_activity DESC)`.
    pub const SESSION_ACTIVITY: &str = "idx_session_activity";
    /// `conversations (session_id, updated_at DESC)`: serves `listConversations`.
    pub const CONVERSATION_SESSION_UPDATED: &str = "idx_conv_session_updated";
    /// `conversations (updated_at DESC)`.
    pub const CONVERSATION_UPDATED: &str = "idx_conv_updated";
    /// `messages (conversation_id, created_at ASC)`: serves `getConversationWithMessages`.
    pub const MESSAGE_CONVERSATION: &str = "idx_msg_conversation";
    /// `messages (conversation_id, parent_id, created_at)` (migration 0004): a message's children,
    /// oldest first, for sibling counts and the walk down a branch.
    pub const MESSAGE_PARENT: &str = "idx_msg_parent";
}
