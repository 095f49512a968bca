//! Every migration's statements, for the storages chat-d1 migrates itself (`migrate`).
//! Generated from src/generate/history.rs by `cargo run --example generate`: do not edit.

/// One migration, as `migrations/` holds it.
#[derive(Debug)]
pub struct Migration {
    /// Its file name, which is also its record.
    pub name: &'static str,
    /// Its statements, in order.
    pub statements: &'static [&'static str],
}

/// The migrations, in order: what `migrations/` holds.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_initial.sql",
        statements: &[
            "CREATE TABLE \"client_sessions\" ( \"id\" text PRIMARY KEY, \"created_at\" text NOT NULL, \"last_activity\" text NOT NULL, \"metadata\" text, CHECK (\"created_at\" <= \"last_activity\") )",
            "CREATE TABLE \"conversations\" ( \"id\" text PRIMARY KEY, \"session_id\" text NOT NULL, \"title\" text, \"created_at\" text NOT NULL, \"updated_at\" text NOT NULL, FOREIGN KEY (\"session_id\") REFERENCES \"client_sessions\" (\"id\") ON DELETE CASCADE, CHECK (\"created_at\" <= \"updated_at\") )",
            "CREATE TABLE \"messages\" ( \"id\" text PRIMARY KEY, \"conversation_id\" text NOT NULL, \"role\" text NOT NULL, \"content\" text NOT NULL, \"created_at\" text NOT NULL, FOREIGN KEY (\"conversation_id\") REFERENCES \"conversations\" (\"id\") ON DELETE CASCADE, CHECK (\"role\" IN ('user', 'assistant')) )",
            "CREATE INDEX \"idx_session_activity\" ON \"client_sessions\" (\"last_activity\" DESC)",
            "CREATE INDEX \"idx_conv_session_updated\" ON \"conversations\" (\"session_id\", \"updated_at\" DESC)",
            "CREATE INDEX \"idx_conv_updated\" ON \"conversations\" (\"updated_at\" DESC)",
            "CREATE INDEX \"idx_msg_conversation\" ON \"messages\" (\"conversation_id\", \"created_at\" ASC)",
        ],
    },
    Migration {
        name: "0002_message_metadata.sql",
        statements: &[
            "ALTER TABLE \"messages\" ADD COLUMN \"metadata\" text",
        ],
    },
    Migration {
        name: "0003_message_parts.sql",
        statements: &[
            "ALTER TABLE \"messages\" ADD COLUMN \"parts\" text",
        ],
    },
    Migration {
        name: "0004_message_branches.sql",
        statements: &[
            "ALTER TABLE \"conversations\" ADD COLUMN \"active_leaf_id\" text",
            "ALTER TABLE \"messages\" ADD COLUMN \"parent_id\" text",
            "CREATE INDEX \"idx_msg_parent\" ON \"messages\" (\"conversation_id\", \"parent_id\", \"created_at\")",
        ],
    },
    Migration {
        name: "0005_reply_status.sql",
        statements: &[
            "ALTER TABLE \"messages\" ADD COLUMN \"status\" text",
            "ALTER TABLE \"messages\" ADD COLUMN \"updated_at\" text",
        ],
    },
];
