//! Result rows checked against the tables' storage rules, without copying them.
//!
//! The boundary checks a whole result in one call and hands the engine's own row objects on, as
//! the old layer handed on whatever its tables held (a role an old database let in, a NULL id or a
//! BLOB included). Decoding rows into the Rust models is for native tests only
//! (tests/common/decode.rs).

use std::marker::PhantomData;

use sea_query::Iden;

use crate::core::error::Error;
use crate::core::model::{ChatMessage, ClientSession, Conversation, Message};
use crate::core::schema::{
    Columns, CHAT_MESSAGE, CLIENT_SESSIONS, CONVERSATIONS, MESSAGE_CONTRACT,
};
use crate::core::value::{ResultSet, Row, SqlKind};

/// A model whose rows come from one table.
pub trait FromTable {
    /// The table's column identifiers.
    type Column: Iden + Copy + 'static;

    /// The table's columns, as the schema spells them.
    const COLUMNS: Columns<Self::Column>;

    /// Checks one row against the table's storage rules.
    fn check_row(row: &impl Row) -> Result<(), Error> {
        for column in Self::COLUMNS.0 {
            let name = column.iden.unquoted();
            check_kind(name, column.not_null, row.kind(name)?)?;
        }
        Ok(())
    }

    /// Checks every row of a result, like [`check_row`](FromTable::check_row) but asking the
    /// result once for the kinds of all its cells instead of once per cell.
    fn check_rows(rows: &impl ResultSet) -> Result<(), Error> {
        let names: Vec<&str> = Self::COLUMNS.names().collect();
        let not_null: Vec<bool> = Self::COLUMNS.0.iter().map(|c| c.not_null).collect();
        check_result(rows, &names, &not_null)
    }
}

/// Checks the kinds of every cell of `names` in `rows`; one body for every table (a generic one
/// per model would be copied into the wasm three times over).
pub(crate) fn check_result(
    rows: &impl ResultSet,
    names: &[&str],
    not_null: &[bool],
) -> Result<(), Error> {
    let kinds = rows.kinds(names)?;
    let columns = names.iter().zip(not_null).cycle();
    for ((name, not_null), kind) in columns.zip(kinds) {
        check_kind(name, *not_null, kind)?;
    }
    Ok(())
}

/// Whether a cell of `kind` may stand in a column. Every column is `TEXT`, whose affinity stores
/// any number as text, so a cell is text, a BLOB (the old layer bound byte arrays as BLOBs, which
/// affinity keeps), or NULL where the column is not `NOT NULL`.
fn check_kind(column: &str, not_null: bool, kind: SqlKind) -> Result<(), Error> {
    match kind {
        SqlKind::Text | SqlKind::Blob => Ok(()),
        SqlKind::Null if !not_null => Ok(()),
        found => Err(Error::UnexpectedColumnType {
            column: column.to_owned(),
            expected: if not_null { "text" } else { "text or null" },
            found: found.describe(),
        }),
    }
}

impl FromTable for ClientSession {
    type Column = crate::core::schema::ClientSessions;
    const COLUMNS: Columns<Self::Column> = CLIENT_SESSIONS;
}

impl FromTable for Conversation {
    type Column = crate::core::schema::Conversations;
    const COLUMNS: Columns<Self::Column> = CONVERSATIONS;
}

impl FromTable for Message {
    type Column = crate::core::schema::Messages;
    const COLUMNS: Columns<Self::Column> = MESSAGE_CONTRACT;
}

impl FromTable for ChatMessage {
    type Column = crate::core::schema::Messages;
    const COLUMNS: Columns<Self::Column> = CHAT_MESSAGE;
}

/// A result whose rows are checked to be rows of `M`'s table. The boundary hands the rows on as
/// they are (nothing copied).
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

impl<M: FromTable, S: ResultSet> Checked<M, S> {
    /// Checks every row of `rows` against `M`'s table.
    pub fn check(rows: S) -> Result<Self, Error> {
        M::check_rows(&rows)?;
        Ok(Checked {
            rows,
            model: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::SqlValue;
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

    #[test]
    fn a_row_breaking_the_storage_rules_is_refused_naming_the_column() {
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
            assert_eq!(
                Message::check_row(&MapRow(row)).unwrap_err().to_string(),
                message
            );
        }
        let mut missing = message_row();
        missing.remove("content");
        assert!(Message::check_row(&MapRow(missing)).is_err());
    }

    #[test]
    fn what_the_old_layers_tables_could_hold_passes() {
        for (column, value) in [
            ("role", SqlValue::Text("system".into())),
            ("id", SqlValue::Null),
            ("content", SqlValue::Blob(vec![1, 2])),
        ] {
            let mut row = message_row();
            row.insert(column, value);
            assert_eq!(Message::check_row(&MapRow(row)), Ok(()));
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
