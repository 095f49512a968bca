//! How a result row becomes a model: checked against the schema's rules, then decoded.
//!
//! The boundary only checks (one call per result, nothing copied) and hands D1's row objects on,
//! as the old layer handed on whatever the table held; native code and tests decode into the Rust
//! models. The check is the tables' storage rules (see [`Expect`]). Decoding applies the same check
//! first, then needs values the models can hold: a role the old layer's tables let in (they had
//! lost the CHECK), a NULL id or a BLOB is returned by the drop-in reads but does not decode.

use std::marker::PhantomData;

use sea_query::Iden;

use crate::error::Error;
use crate::model::{ClientSession, Conversation, Message, MessageRole};
use crate::schema::{ClientSessions, Conversations, Messages};
use crate::validate::quote;
use crate::value::{ResultSet, Row, SqlKind};

/// What a result column may hold: the table's storage rules. Every column is `TEXT`, whose affinity
/// stores any number as text, so a cell is text, or a BLOB (the old layer bound byte arrays as
/// BLOBs, which affinity keeps), or NULL where the column allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// `TEXT NOT NULL`.
    NotNull,
    /// `TEXT`, nullable (a `TEXT PRIMARY KEY` included: SQLite lets it hold NULL).
    Nullable,
}

impl Expect {
    fn describe(self) -> &'static str {
        match self {
            Expect::NotNull => "text",
            Expect::Nullable => "text or null",
        }
    }
}

/// A model decoded from a result row of its table.
pub trait FromRow: Sized {
    /// The table's column identifiers.
    type Column: Iden + 'static;

    /// Every column the row must have, and what each must hold.
    const COLUMNS: &'static [(Self::Column, Expect)];

    /// Decodes a row, copying its values out.
    fn from_row(row: &impl Row) -> Result<Self, Error>;

    /// Checks `row` against the table's storage rules, copying nothing: what lets the boundary
    /// hand D1's row objects straight back to JS.
    fn check_row(row: &impl Row) -> Result<(), Error> {
        for (column, expect) in Self::COLUMNS {
            let column = column.unquoted();
            check_kind(column, *expect, row.kind(column)?)?;
        }
        Ok(())
    }

    /// Checks every row of a result, like [`check_row`](FromRow::check_row) but asking the
    /// result once per rule instead of once per cell.
    fn check_rows(rows: &impl ResultSet) -> Result<(), Error> {
        let columns: Vec<&str> = Self::COLUMNS.iter().map(|(c, _)| c.unquoted()).collect();
        let expected = Self::COLUMNS.iter().map(|(_, expect)| *expect);
        let kinds = rows.kinds(&columns)?;
        for ((column, expect), kind) in columns.iter().zip(expected).cycle().zip(kinds) {
            check_kind(column, expect, kind)?;
        }
        Ok(())
    }
}

/// Whether a cell of `kind` may stand in a column that expects `expect`.
fn check_kind(column: &str, expect: Expect, kind: SqlKind) -> Result<(), Error> {
    match (expect, kind) {
        (Expect::NotNull, SqlKind::Text | SqlKind::Blob)
        | (Expect::Nullable, SqlKind::Text | SqlKind::Blob | SqlKind::Null) => Ok(()),
        (expect, found) => Err(Error::UnexpectedColumnType {
            column: column.to_owned(),
            expected: expect.describe(),
            found: found.describe(),
        }),
    }
}

/// A role column's value as the model's role. A role other than user/assistant can only come from
/// a database without the CHECK constraint (the old layer's).
fn parse_role(column: &str, text: &str) -> Result<MessageRole, Error> {
    MessageRole::parse(text).ok_or_else(|| Error::UnexpectedColumnValue {
        column: column.to_owned(),
        value: quote(text),
    })
}

/// A result whose rows are checked to decode as `M`. The boundary hands the rows on as they are
/// (nothing copied); native code and tests [`decode`](Checked::decode) them.
#[derive(Debug)]
pub struct Checked<M, S> {
    rows: S,
    model: PhantomData<fn() -> M>,
}

impl<M, S> Checked<M, S> {
    /// The result itself.
    pub fn into_inner(self) -> S {
        self.rows
    }
}

impl<M: FromRow, S: ResultSet> Checked<M, S> {
    /// Checks every row of `rows` against `M`'s columns.
    pub fn check(rows: S) -> Result<Self, Error> {
        M::check_rows(&rows)?;
        Ok(Checked {
            rows,
            model: PhantomData,
        })
    }

    /// The models the rows hold.
    pub fn decode(self) -> Result<Vec<M>, Error> {
        self.rows.into_rows().iter().map(M::from_row).collect()
    }
}

impl FromRow for ClientSession {
    type Column = ClientSessions;
    const COLUMNS: &'static [(ClientSessions, Expect)] = &[
        (ClientSessions::Id, Expect::Nullable),
        (ClientSessions::CreatedAt, Expect::NotNull),
        (ClientSessions::LastActivity, Expect::NotNull),
        (ClientSessions::Metadata, Expect::Nullable),
    ];

    fn from_row(row: &impl Row) -> Result<Self, Error> {
        Self::check_row(row)?;
        Ok(ClientSession {
            id: row.text(ClientSessions::Id.unquoted())?,
            created_at: row.text(ClientSessions::CreatedAt.unquoted())?,
            last_activity: row.text(ClientSessions::LastActivity.unquoted())?,
            metadata_json: row.optional_text(ClientSessions::Metadata.unquoted())?,
        })
    }
}

impl FromRow for Conversation {
    type Column = Conversations;
    const COLUMNS: &'static [(Conversations, Expect)] = &[
        (Conversations::Id, Expect::Nullable),
        (Conversations::SessionId, Expect::NotNull),
        (Conversations::Title, Expect::Nullable),
        (Conversations::CreatedAt, Expect::NotNull),
        (Conversations::UpdatedAt, Expect::NotNull),
    ];

    fn from_row(row: &impl Row) -> Result<Self, Error> {
        Self::check_row(row)?;
        Ok(Conversation {
            id: row.text(Conversations::Id.unquoted())?,
            session_id: row.text(Conversations::SessionId.unquoted())?,
            title: row.optional_text(Conversations::Title.unquoted())?,
            created_at: row.text(Conversations::CreatedAt.unquoted())?,
            updated_at: row.text(Conversations::UpdatedAt.unquoted())?,
        })
    }
}

impl FromRow for Message {
    type Column = Messages;
    const COLUMNS: &'static [(Messages, Expect)] = &[
        (Messages::Id, Expect::Nullable),
        (Messages::ConversationId, Expect::NotNull),
        (Messages::Role, Expect::NotNull),
        (Messages::Content, Expect::NotNull),
        (Messages::CreatedAt, Expect::NotNull),
    ];

    fn from_row(row: &impl Row) -> Result<Self, Error> {
        Self::check_row(row)?;
        Ok(Message {
            id: row.text(Messages::Id.unquoted())?,
            conversation_id: row.text(Messages::ConversationId.unquoted())?,
            role: parse_role(
                Messages::Role.unquoted(),
                &row.text(Messages::Role.unquoted())?,
            )?,
            content: row.text(Messages::Content.unquoted())?,
            created_at: row.text(Messages::CreatedAt.unquoted())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::SqlValue;
    use std::collections::HashMap;

    struct MapRow(HashMap<&'static str, SqlValue>);

    impl Row for MapRow {
        fn get(&self, column: &str) -> Result<SqlValue, Error> {
            self.0
                .get(column)
                .cloned()
                .ok_or_else(|| Error::MalformedResult(format!("no column {column}")))
        }
    }

    fn message_row() -> HashMap<&'static str, SqlValue> {
        let text = |s: &str| SqlValue::Text(s.to_owned());
        HashMap::from([
            ("id", text("m")),
            ("conversation_id", text("c")),
            ("role", text("user")),
            ("content", text("hi")),
            ("created_at", text("2025-01-01T00:00:00.000Z")),
        ])
    }

    /// Checking and decoding must accept and reject the same rows, with the same error.
    fn agree(row: MapRow) -> Result<(), Error> {
        let checked = Message::check_row(&row);
        let decoded = Message::from_row(&row).map(drop);
        assert_eq!(checked, decoded);
        checked
    }

    #[test]
    fn a_valid_row_checks_and_decodes() {
        assert_eq!(agree(MapRow(message_row())), Ok(()));
    }

    #[test]
    fn check_and_decode_reject_the_same_rows() {
        let cases: [(&str, SqlValue, &str); 3] = [
            (
                "content",
                SqlValue::Null,
                "column content holds null where text was expected",
            ),
            (
                "id",
                SqlValue::Integer(1),
                "column id holds a number where text or null was expected",
            ),
            (
                "created_at",
                SqlValue::Real(1.5),
                "column created_at holds a number where text was expected",
            ),
        ];
        for (column, value, message) in cases {
            let mut row = message_row();
            row.insert(column, value);
            assert_eq!(agree(MapRow(row)).unwrap_err().to_string(), message);
        }
        let mut missing = message_row();
        missing.remove("content");
        assert!(agree(MapRow(missing)).is_err());
    }

    #[test]
    fn rows_the_old_layer_let_in_pass_the_check_but_do_not_decode() {
        for (column, value) in [
            ("role", SqlValue::Text("system".into())),
            ("id", SqlValue::Null),
        ] {
            let mut row = message_row();
            row.insert(column, value);
            assert_eq!(Message::check_row(&MapRow(row.clone())), Ok(()));
            assert!(Message::from_row(&MapRow(row)).is_err());
        }
    }

    #[test]
    fn checking_a_whole_result_reports_what_checking_its_rows_reports() {
        let bad_cells: [(&str, SqlValue); 3] = [
            ("content", SqlValue::Null),
            ("created_at", SqlValue::Integer(7)),
            ("conversation_id", SqlValue::Null),
        ];
        for (column, value) in bad_cells {
            let mut bad = message_row();
            bad.insert(column, value);
            let per_row = Message::check_row(&MapRow(bad.clone())).unwrap_err();
            let rows = vec![MapRow(message_row()), MapRow(bad), MapRow(message_row())];
            assert_eq!(Message::check_rows(&rows), Err(per_row));
        }
        let good = vec![MapRow(message_row()), MapRow(message_row())];
        assert_eq!(Message::check_rows(&good), Ok(()));
        assert_eq!(Message::check_rows(&Vec::<MapRow>::new()), Ok(()));
    }

    #[test]
    fn a_nullable_title_accepts_null_but_not_a_number() {
        let text = |s: &str| SqlValue::Text(s.to_owned());
        let mut row = HashMap::from([
            ("id", text("c")),
            ("session_id", text("s")),
            ("title", SqlValue::Null),
            ("created_at", text("t")),
            ("updated_at", text("t")),
        ]);
        assert_eq!(Conversation::check_row(&MapRow(row.clone())), Ok(()));
        row.insert("title", SqlValue::Integer(3));
        assert!(Conversation::check_row(&MapRow(row)).is_err());
    }
}
