//! The values that cross the D1 boundary: bound parameters going in, result cells coming out.
//!
//! D1 speaks JavaScript values (string, number, boolean, null, byte arrays). This enum is the core's
//! view of them, so that binding and row checking never touch JS, and native tests can feed the
//! same values to a real SQLite.

use crate::core::error::Error;

/// One SQL value, as D1 and SQLite store it.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    /// SQL NULL; JS `null` (never `undefined`, which D1 refuses to bind).
    Null,
    /// A JS boolean, which D1 stores as the INTEGER 1 or 0.
    Boolean(bool),
    /// An INTEGER; a JS number, exact within ±(2^53 − 1).
    Integer(i64),
    /// A REAL; a JS number.
    Real(f64),
    /// TEXT; a JS string.
    Text(String),
    /// A BLOB; bound from bytes, read back by D1 as an array of numbers.
    Blob(Vec<u8>),
}

impl SqlValue {
    /// The value's storage class.
    pub fn kind(&self) -> SqlKind {
        match self {
            SqlValue::Null => SqlKind::Null,
            SqlValue::Boolean(_) | SqlValue::Integer(_) | SqlValue::Real(_) => SqlKind::Number,
            SqlValue::Text(_) => SqlKind::Text,
            SqlValue::Blob(_) => SqlKind::Blob,
        }
    }
}

/// The storage class of a value, without the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlKind {
    /// NULL.
    Null,
    /// INTEGER or REAL.
    Number,
    /// TEXT.
    Text,
    /// BLOB.
    Blob,
}

impl SqlKind {
    /// The kind in words, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            SqlKind::Null => "null",
            SqlKind::Number => "a number",
            SqlKind::Text => "text",
            SqlKind::Blob => "binary data",
        }
    }
}

/// A result row, read by column name: how a backend whose rows are at hand (SQLite in the native
/// tests) is checked one row at a time.
pub trait Row {
    /// The value of `column`, copied out of the row; an error when the row has no such column.
    fn get(&self, column: &str) -> Result<SqlValue, Error>;

    /// The kind of `column`'s value, without copying it: checking a large result costs no more
    /// than looking at it.
    fn kind(&self, column: &str) -> Result<SqlKind, Error> {
        Ok(self.get(column)?.kind())
    }
}

/// All the rows of one statement's result, so a whole result can be checked at once: through
/// JS, one call per result instead of one per cell.
pub trait ResultSet {
    /// How many rows there are.
    fn len(&self) -> usize;

    /// True when there are no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kind of every cell of `columns`, row after row (`columns.len()` kinds per row).
    fn kinds(&self, columns: &[&str]) -> Result<Vec<SqlKind>, Error>;

    /// The text in `column` of the row at `index`, `None` when there is no such row or the cell
    /// is not text.
    fn text_at(&self, index: usize, column: &str) -> Result<Option<String>, Error>;

    /// The number in `column` of the first row (a `COUNT(*)`), `None` when there is no row or the
    /// cell is not a number.
    fn first_number(&self, column: &str) -> Result<Option<f64>, Error> {
        self.number_at(0, column)
    }

    /// The number in `column` of the row at `index`, `None` when there is no such row or the cell
    /// is not a number.
    fn number_at(&self, index: usize, column: &str) -> Result<Option<f64>, Error>;

    /// The first `keep` rows only, in reverse order when `reversed`: a page cut from a read that
    /// asked for one row more than it keeps (to learn whether more exist).
    fn into_window(self, keep: usize, reversed: bool) -> Self;
}

/// A result whose rows are at hand (SQLite in the native tests): checked by asking each row.
impl<R: Row> ResultSet for Vec<R> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn kinds(&self, columns: &[&str]) -> Result<Vec<SqlKind>, Error> {
        self.iter()
            .flat_map(|row| columns.iter().map(move |column| row.kind(column)))
            .collect()
    }

    fn text_at(&self, index: usize, column: &str) -> Result<Option<String>, Error> {
        let Some(row) = self.get(index) else {
            return Ok(None);
        };
        Ok(match row.get(column)? {
            SqlValue::Text(text) => Some(text),
            _ => None,
        })
    }

    fn number_at(&self, index: usize, column: &str) -> Result<Option<f64>, Error> {
        let Some(row) = self.get(index) else {
            return Ok(None);
        };
        Ok(match row.get(column)? {
            SqlValue::Integer(n) => Some(n as f64),
            SqlValue::Real(x) => Some(x),
            _ => None,
        })
    }

    fn into_window(mut self, keep: usize, reversed: bool) -> Self {
        self.truncate(keep);
        if reversed {
            self.reverse();
        }
        self
    }
}
