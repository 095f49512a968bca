//! Checks on the caller's arguments that need no JS: run before any SQL is built, so a rejected
//! call writes nothing.

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

/// `listConversations`' limit when the caller gives none.
pub const DEFAULT_LIST_LIMIT: u32 = 10;

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
        SqlValue::Integer(_) | SqlValue::Real(_) => 8,
        SqlValue::Text(text) => text.len(),
    }
}

/// The role named by `text`, or a validation error quoting what was passed.
pub fn parse_role(text: &str) -> Result<MessageRole, Error> {
    MessageRole::parse(text).ok_or_else(|| Error::InvalidRole { found: quote(text) })
}

/// A number from JS, with the text JS prints for it. Error messages quote the text rather than
/// formatting the float in Rust, whose float formatting would add about 15 KB to the wasm.
#[derive(Debug, Clone, PartialEq)]
pub struct JsNumber {
    /// The value.
    pub value: f64,
    /// `String(value)` in JS: `NaN`, `Infinity`, `2.5`, `0` (JS prints -0 as `0`).
    pub shown: String,
}

/// The row limit for `listConversations`: the default when none was given, else a positive
/// integer. The limit is bound as an SQL integer, so it must also be exact in JS (at most 2^53−1);
/// anything larger is capped at `u32::MAX`, which no session reaches.
pub fn list_limit(limit: Option<JsNumber>) -> Result<u32, Error> {
    let Some(JsNumber { value, shown }) = limit else {
        return Ok(DEFAULT_LIST_LIMIT);
    };
    let is_positive_integer = value.fract() == 0.0 && (1.0..=MAX_SAFE_INTEGER).contains(&value);
    if !is_positive_integer {
        return Err(Error::InvalidLimit { found: shown });
    }
    // Truncation cannot occur: the value is a whole number, and `as` saturates above u32::MAX.
    Ok(value as u32)
}

/// A title as stored: an empty title is no title, as it was in the old layer (JS falsiness).
pub fn normalize_title(title: Option<String>) -> Option<String> {
    title.filter(|title| !title.is_empty())
}

/// Checks metadata already serialized to JSON text by the caller's runtime. `JSON.stringify` of a
/// plain object always yields `{...}`; anything else (an array, a string, `null`) is not an object.
pub fn check_metadata_json(json: &str) -> Result<(), Error> {
    if !json.starts_with('{') {
        return Err(Error::InvalidMetadata {
            found: format!("JSON {}", preview(json)),
        });
    }
    check_size("metadata", json)
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

    fn number(value: f64, shown: &str) -> Option<JsNumber> {
        Some(JsNumber {
            value,
            shown: shown.to_owned(),
        })
    }

    #[test]
    fn limits_are_positive_safe_integers_defaulting_to_ten() {
        assert_eq!(list_limit(None), Ok(10));
        assert_eq!(list_limit(number(1.0, "1")), Ok(1));
        assert_eq!(
            list_limit(number(MAX_SAFE_INTEGER, "9007199254740991")),
            Ok(u32::MAX)
        );
        for (bad, shown) in [
            (0.0, "0"),
            (-0.0, "0"),
            (-3.0, "-3"),
            (2.5, "2.5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (MAX_SAFE_INTEGER + 1.0, "9007199254740992"),
        ] {
            let message = list_limit(number(bad, shown)).unwrap_err().to_string();
            assert_eq!(
                message,
                format!("limit must be a positive integer, got {shown}")
            );
        }
    }

    #[test]
    fn only_object_json_is_metadata() {
        assert_eq!(check_metadata_json(r#"{"a":1}"#), Ok(()));
        for bad in ["[]", "\"text\"", "null", "1", ""] {
            assert!(check_metadata_json(bad).is_err(), "{bad}");
        }
        let huge = format!(r#"{{"a":"{}"}}"#, "x".repeat(D1_MAX_VALUE_BYTES));
        assert!(matches!(
            check_metadata_json(&huge),
            Err(Error::ValueTooLarge {
                argument: "metadata",
                ..
            })
        ));
    }

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

    #[test]
    fn an_empty_title_is_no_title() {
        assert_eq!(normalize_title(Some(String::new())), None);
        assert_eq!(normalize_title(None), None);
        assert_eq!(normalize_title(Some(" ".into())), Some(" ".into()));
    }
}
