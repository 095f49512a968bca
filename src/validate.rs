//! Checks on the caller's arguments that need no JS: run before any SQL is built, so a rejected
//! call writes nothing.

use crate::arg::Scalar;
use crate::error::Error;
use crate::model::MessageRole;
use crate::value::SqlValue;

/// The most bytes D1 stores in one string, BLOB or row: 2,000,000
/// (Cloudflare D1 documentation, Platform > Limits: "Maximum string, BLOB or table row size
/// 2,000,000 bytes (2 MB)").
pub const D1_MAX_VALUE_BYTES: usize = 2_000_000;

/// The longest SQL statement D1 accepts: 100,000 bytes (D1 Limits: "Maximum SQL statement length").
/// This crate's statements are fixed text of a few hundred bytes with every value bound, so user
/// input never lengthens them; a test holds every statement to this limit.
pub const D1_MAX_STATEMENT_BYTES: usize = 100_000;

/// The most parameters one D1 query binds: 100 (D1 Limits: "Maximum bound parameters per query").
/// This crate binds at most 5; a test holds every statement to this limit.
pub const D1_MAX_BOUND_PARAMETERS: usize = 100;

/// SQLite stores a row as a record: a header of one varint (at most 9 bytes) per column plus the
/// header's own length, then the values. Counting the header's worst case keeps every row this
/// crate accepts within D1's row limit.
const RECORD_HEADER_BYTES_PER_COLUMN: usize = 9;

/// The largest number JS represents exactly as an integer: 2^53 − 1.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Rejects a string D1 could not store in one value.
pub fn check_size(argument: &'static str, value: &str) -> Result<(), Error> {
    if value.len() > D1_MAX_VALUE_BYTES {
        return Err(Error::ValueTooLarge {
            argument,
            bytes: value.len(),
            limit: D1_MAX_VALUE_BYTES,
        });
    }
    Ok(())
}

/// Rejects a row that D1 could not store: its values plus SQLite's record header over
/// [`D1_MAX_VALUE_BYTES`]. `values` are the row as an insert binds it, one per column.
pub fn check_row_size(table: &'static str, values: &[SqlValue]) -> Result<(), Error> {
    let header = RECORD_HEADER_BYTES_PER_COLUMN * (values.len() + 1);
    let bytes = header + values.iter().map(stored_bytes).sum::<usize>();
    if bytes > D1_MAX_VALUE_BYTES {
        return Err(Error::RowTooLarge {
            table,
            bytes,
            limit: D1_MAX_VALUE_BYTES,
        });
    }
    Ok(())
}

/// The most bytes SQLite's record spends on a value after the header.
fn stored_bytes(value: &SqlValue) -> usize {
    match value {
        SqlValue::Null => 0,
        SqlValue::Boolean(_) | SqlValue::Integer(_) | SqlValue::Real(_) => 8,
        SqlValue::Text(text) => text.len(),
    }
}

/// The role named by `text`, or a validation error quoting what was passed.
pub fn parse_role(text: &str) -> Result<MessageRole, Error> {
    MessageRole::parse(text).ok_or_else(|| Error::InvalidRole { found: quote(text) })
}

/// Rejects a text argument D1 could not store in one value; other values are small.
pub fn check_scalar_size(argument: &'static str, value: &Scalar) -> Result<(), Error> {
    match value {
        Scalar::Text(text) => check_size(argument, text),
        _ => Ok(()),
    }
}

/// `text` in double quotes, cut short when long, for messages that echo bad input.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", preview(text))
}

fn preview(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_exact() {
        assert_eq!(parse_role("user"), Ok(MessageRole::User));
        assert_eq!(parse_role("assistant"), Ok(MessageRole::Assistant));
        assert!(parse_role("User").is_err());
        let long = "y".repeat(100);
        let message = parse_role(&long).unwrap_err().to_string();
        assert!(
            message.ends_with(&format!("\"{}…\"", "y".repeat(40))),
            "{message}"
        );
    }
}
