//! Every version of the schema, oldest first: the history the migrations are rendered from.
//!
//! The history only grows. A version, once released, is never edited (its migration has run on
//! live databases); a change is a new version written as an edit of the one before, and its
//! migration is whatever `diff` makes of the two. The last version must be what the runtime's
//! column lists (`core::schema`) say; a native test holds them together, and another pins the
//! statements of every released migration, so that renaming an identifier here cannot rewrite
//! one in place.

use crate::core::schema::{index_names, ClientSessions, Conversations, Messages};
use crate::generate::schema_version::{
    name, Check, ColumnSpec, ForeignKeySpec, IndexSpec, KeyOrder, Schema, TableSpec,
};

/// A released version: its migration's file stem (`NNNN_stem.sql`), what it is for, and the
/// schema after it.
pub struct Version {
    /// What the migration does, as its file name says it (`initial`, `message_metadata`).
    pub stem: &'static str,
    /// Why, in a sentence: the migration file's second comment line.
    pub purpose: &'static str,
    /// The schema once the migration has run.
    pub schema: Schema,
}

/// The schema's versions, oldest first. Version `n` (from 1) is migration `000n`.
pub fn versions() -> Vec<Version> {
    let initial = initial();
    let message_metadata = with_message_metadata(initial.clone());
    let message_parts = with_message_parts(message_metadata.clone());
    let message_branches = with_message_branches(message_parts.clone());
    let reply_status = with_reply_status(message_branches.clone());
    vec![
        Version {
            stem: "initial",
            purpose: "Creates the chat-d1 schema.",
            schema: initial,
        },
        Version {
            stem: "message_metadata",
            purpose: "Messages gain metadata: a nullable JSON object (the model, token usage, finish reason).",
            schema: message_metadata,
        },
        Version {
            stem: "message_parts",
            purpose: "Messages gain parts: the AI SDK's UIMessage parts as JSON text (NULL: the content is one text part).",
            schema: message_parts,
        },
        Version {
            stem: "message_branches",
            purpose: "Messages gain a parent (NULL: the message before them), conversations an active leaf (NULL: the newest message): edits and regenerations branch.",
            schema: message_branches,
        },
        Version {
            stem: "reply_status",
            purpose: "Messages gain a status and when they were last written (NULL: a finished message): replies in flight.",
            schema: reply_status,
        },
    ]
}

/// The newest version: the schema a fully migrated database has.
pub fn current() -> Schema {
    versions()
        .pop()
        .map(|version| version.schema)
        .unwrap_or_default()
}

/// 0002: a message may carry metadata (JSON object text: the model, token usage, finish reason).
fn with_message_metadata(mut schema: Schema) -> Schema {
    schema
        .table_mut(&name(Messages::Table))
        .columns
        .push(ColumnSpec::nullable(Messages::Metadata));
    schema
}

/// 0003: `messages.parts`, a nullable JSON array, added in place.
fn with_message_parts(mut schema: Schema) -> Schema {
    schema
        .table_mut(&name(Messages::Table))
        .columns
        .push(ColumnSpec::nullable(Messages::Parts));
    schema
}

/// 0004: `messages.parent_id`, `conversations.active_leaf_id` and the index of a message's
/// children, added in place (no existing row is rewritten: NULL reads as the linear order).
fn with_message_branches(mut schema: Schema) -> Schema {
    use Messages as M;
    schema
        .table_mut(&name(M::Table))
        .columns
        .push(ColumnSpec::nullable(M::ParentId));
    schema
        .table_mut(&name(Conversations::Table))
        .columns
        .push(ColumnSpec::nullable(Conversations::ActiveLeafId));
    schema.indexes.push(index(
        index_names::MESSAGE_PARENT,
        M::Table,
        &[
            (name(M::ConversationId), KeyOrder::Unwritten),
            (name(M::ParentId), KeyOrder::Unwritten),
            (name(M::CreatedAt), KeyOrder::Unwritten),
        ],
    ));
    schema
}

/// 0005: `messages.status` and `messages.updated_at`, added in place (NULL: a message written
/// whole, read as `done`).
fn with_reply_status(mut schema: Schema) -> Schema {
    let messages = &mut schema.table_mut(&name(Messages::Table)).columns;
    messages.push(ColumnSpec::nullable(Messages::Status));
    messages.push(ColumnSpec::nullable(Messages::UpdatedAt));
    schema
}

/// 0001, as released: the old layer's three tables and four indexes, with CHECKs and cascades.
fn initial() -> Schema {
    use ClientSessions as S;
    use Conversations as C;
    use Messages as M;
    let tables = vec![
        TableSpec {
            name: name(S::Table),
            columns: vec![
                id(S::Id),
                not_null(S::CreatedAt),
                not_null(S::LastActivity),
                ColumnSpec::nullable(S::Metadata),
            ],
            foreign_keys: vec![],
            checks: vec![not_after(S::CreatedAt, S::LastActivity)],
        },
        TableSpec {
            name: name(C::Table),
            columns: vec![
                id(C::Id),
                not_null(C::SessionId),
                ColumnSpec::nullable(C::Title),
                not_null(C::CreatedAt),
                not_null(C::UpdatedAt),
            ],
            foreign_keys: vec![cascade(C::SessionId, S::Table, S::Id)],
            checks: vec![not_after(C::CreatedAt, C::UpdatedAt)],
        },
        TableSpec {
            name: name(M::Table),
            columns: vec![
                id(M::Id),
                not_null(M::ConversationId),
                not_null(M::Role),
                not_null(M::Content),
                not_null(M::CreatedAt),
            ],
            foreign_keys: vec![cascade(M::ConversationId, C::Table, C::Id)],
            // Written out, not `MessageRole::ALL`: a released version never follows the code.
            checks: vec![Check::OneOf {
                column: name(M::Role),
                values: vec!["user".to_owned(), "assistant".to_owned()],
            }],
        },
    ];
    let indexes = vec![
        index(
            index_names::SESSION_ACTIVITY,
            S::Table,
            &[(name(S::LastActivity), KeyOrder::Desc)],
        ),
        index(
            index_names::CONVERSATION_SESSION_UPDATED,
            C::Table,
            &[
                (name(C::SessionId), KeyOrder::Unwritten),
                (name(C::UpdatedAt), KeyOrder::Desc),
            ],
        ),
        index(
            index_names::CONVERSATION_UPDATED,
            C::Table,
            &[(name(C::UpdatedAt), KeyOrder::Desc)],
        ),
        index(
            index_names::MESSAGE_CONVERSATION,
            M::Table,
            &[
                (name(M::ConversationId), KeyOrder::Unwritten),
                (name(M::CreatedAt), KeyOrder::Asc),
            ],
        ),
    ];
    Schema { tables, indexes }
}

/// The `TEXT PRIMARY KEY` id, which SQLite lets hold NULL in a rowid table (so not `NOT NULL`).
fn id(iden: impl sea_query::Iden) -> ColumnSpec {
    ColumnSpec {
        primary_key: true,
        ..ColumnSpec::nullable(iden)
    }
}

fn not_null(iden: impl sea_query::Iden) -> ColumnSpec {
    ColumnSpec {
        not_null: true,
        ..ColumnSpec::nullable(iden)
    }
}

fn not_after(earlier: impl sea_query::Iden, later: impl sea_query::Iden) -> Check {
    Check::NotAfter {
        earlier: name(earlier),
        later: name(later),
    }
}

fn cascade(
    column: impl sea_query::Iden,
    table: impl sea_query::Iden,
    references: impl sea_query::Iden,
) -> ForeignKeySpec {
    ForeignKeySpec {
        column: name(column),
        table: name(table),
        references: name(references),
    }
}

fn index(name: &str, table: impl sea_query::Iden, columns: &[(String, KeyOrder)]) -> IndexSpec {
    IndexSpec {
        name: name.to_owned(),
        table: self::name(table),
        columns: columns.to_vec(),
    }
}
