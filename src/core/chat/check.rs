//! The chat API's strict argument checks. Unlike the drop-in methods, the chat API has no old
//! behaviour to keep: every argument is checked before any SQL is sent, and a bad one is a
//! `VALIDATION_ERROR` naming it.

use crate::core::arg::Arg;
use crate::core::dropin::sessions::Metadata;
use crate::core::error::Error;
use crate::core::model::MessageRole;
use crate::core::storage::Rejection;
use crate::core::time::iso_timestamp;
use crate::core::validate::D1_MAX_VALUE_BYTES;

/// What a message's row holds beside the texts a caller counts: SQLite's record header for the
/// table's seven columns at its largest (a 9-byte varint per column plus the header's own length),
/// the role (at most 9 bytes) and `created_at` (24): counted so an accepted row always fits D1's
/// row limit. Conversations' rows hold fewer columns, so it covers them too.
const ROW_HEADER_BYTES: usize = 9 * 8 + 9 + 24;

/// What an argument was, in words, for a `VALIDATION_ERROR`.
fn found(arg: &Arg) -> String {
    match arg {
        Arg::RepairedText(_) => "a string holding a lone surrogate".to_owned(),
        Arg::Text(text) if text.is_empty() => "an empty string".to_owned(),
        Arg::Text(text) if text.len() > D1_MAX_VALUE_BYTES => {
            "a string over D1's 2,000,000-byte limit".to_owned()
        }
        other => other.describe().to_owned(),
    }
}

fn invalid(argument: &'static str, expected: &'static str, arg: &Arg) -> Error {
    Error::Invalid {
        argument,
        expected,
        found: found(arg),
    }
}

/// What a string too long for one D1 value was expected to be.
const AT_MOST_A_VALUE: &str = "a string of at most 2,000,000 bytes (D1's limit for one value)";

/// A well-formed string D1 can store in one value (possibly empty).
pub fn text(argument: &'static str, arg: &Arg) -> Result<String, Error> {
    match arg {
        Arg::Text(text) if text.len() <= D1_MAX_VALUE_BYTES => Ok(text.clone()),
        Arg::Text(_) => Err(invalid(argument, AT_MOST_A_VALUE, arg)),
        other => Err(invalid(argument, "a well-formed string", other)),
    }
}

/// An id: a non-empty, well-formed string.
pub fn id(argument: &'static str, arg: &Arg) -> Result<String, Error> {
    match arg {
        Arg::Text(text) if !text.is_empty() && text.len() <= D1_MAX_VALUE_BYTES => Ok(text.clone()),
        Arg::Text(text) if !text.is_empty() => Err(invalid(argument, AT_MOST_A_VALUE, arg)),
        other => Err(invalid(argument, "a non-empty, well-formed string", other)),
    }
}

/// A title: `undefined`, `null` and `""` are no title; anything else must be a string.
pub fn title(argument: &'static str, arg: &Arg) -> Result<Option<String>, Error> {
    match arg {
        Arg::Undefined | Arg::Null => Ok(None),
        Arg::Text(text) if text.is_empty() => Ok(None),
        other => text(argument, other).map(Some),
    }
}

/// A message role: exactly `"user"` or `"assistant"`.
pub fn role(argument: &'static str, arg: &Arg) -> Result<MessageRole, Error> {
    match arg {
        Arg::Text(text) => MessageRole::parse(text),
        _ => None,
    }
    .ok_or_else(|| invalid(argument, "\"user\" or \"assistant\"", arg))
}

/// The bounds of a count argument (a page size, a history length, a purge chunk).
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// The count when the argument is `undefined`.
    pub default: u32,
    /// The most it may ask for (the least is 1).
    pub max: u32,
    /// The bounds in words, for the `VALIDATION_ERROR`: "an integer from 1 to {max}".
    pub expected: &'static str,
}

/// A count within `bounds`: `undefined` for its default, else an integer from 1 to its max. Never
/// clamped.
pub fn limit(argument: &'static str, arg: &Arg, bounds: Limit) -> Result<u32, Error> {
    let Limit {
        default,
        max,
        expected,
    } = bounds;
    match arg {
        Arg::Undefined => Ok(default),
        Arg::Number(x) if x.fract() == 0.0 && *x >= 1.0 && *x <= f64::from(max) => Ok(*x as u32),
        Arg::Number(x) => Err(Error::Invalid {
            argument,
            expected,
            // Said in words: formatting a float would bring Rust's float printing into the wasm.
            found: match x {
                x if x.is_nan() => "NaN",
                x if x.is_infinite() => "an infinite number",
                x if x.fract() != 0.0 => "a number that is not a whole number",
                _ => "a number outside that range",
            }
            .to_owned(),
        }),
        other => Err(invalid(argument, expected, other)),
    }
}

/// An instant in the exact shape of `Date.prototype.toISOString()`: `2025-11-14T10:30:00.123Z`.
pub fn instant(argument: &'static str, arg: &Arg) -> Result<String, Error> {
    const EXPECTED: &str = "an instant as Date.prototype.toISOString() writes it";
    match arg {
        Arg::Text(text) if is_iso_instant(text) => Ok(text.clone()),
        Arg::Text(_) => Err(Error::Invalid {
            argument,
            expected: EXPECTED,
            found: "another string".to_owned(),
        }),
        other => Err(invalid(argument, EXPECTED, other)),
    }
}

/// True when `text` is exactly what `toISOString()` writes for some instant: it reads as a date
/// and time, and writing that instant back gives the same text (so `2025-02-30...` is refused).
pub fn is_iso_instant(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape = b"dddd-dd-ddTdd:dd:dd.dddZ";
    if bytes.len() != shape.len() {
        return false;
    }
    let fits = bytes
        .iter()
        .zip(shape)
        .all(|(byte, expected)| match expected {
            b'd' => byte.is_ascii_digit(),
            other => byte == other,
        });
    // `get`, not indexing: the shape check above makes the ranges valid, and `get` keeps the
    // string-slicing panic (and its formatting code) out of the wasm.
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .and_then(|digits| digits.parse::<u32>().ok())
            .unwrap_or(u32::MAX)
    };
    fits && chrono::NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10))
        .and_then(|date| {
            date.and_hms_milli_opt(
                number(11..13),
                number(14..16),
                number(17..19),
                number(20..23),
            )
        })
        .and_then(|time| iso_timestamp(time.and_utc().timestamp_millis()).ok())
        .is_some_and(|written| written == text)
}

/// Session metadata: `undefined` or `null` for none, else a plain object `JSON.stringify` takes.
pub fn metadata<C>(
    argument: &'static str,
    metadata: Metadata<C>,
) -> Result<Option<String>, Rejection<C>> {
    const EXPECTED: &str = "a plain object JSON.stringify serializes";
    match (&metadata.arg, metadata.json) {
        (Arg::Undefined | Arg::Null, _) => Ok(None),
        (Arg::PlainObject, Ok(Some(json))) if json.len() <= D1_MAX_VALUE_BYTES => Ok(Some(json)),
        (Arg::PlainObject, Err(cause)) => Err(Rejection {
            error: Error::Invalid {
                argument,
                expected: EXPECTED,
                found: "one it throws on (the cause says why)".to_owned(),
            },
            cause: Some(cause),
        }),
        (other, _) => Err(invalid(argument, EXPECTED, other).into()),
    }
}

/// Refuses a row whose texts, with SQLite's record header, would be over D1's row limit.
pub fn check_row(argument: &'static str, texts: &[&str]) -> Result<(), Error> {
    let bytes = ROW_HEADER_BYTES + texts.iter().map(|text| text.len()).sum::<usize>();
    if bytes > D1_MAX_VALUE_BYTES {
        return Err(Error::Invalid {
            argument,
            expected: "small enough for its row to fit D1's 2,000,000-byte limit",
            found: format!("a row of {bytes} bytes"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_exactly_what_to_iso_string_writes() {
        for good in [
            "2025-11-14T10:30:00.123Z",
            "2000-02-29T00:00:00.000Z",
            "1970-01-01T00:00:00.000Z",
        ] {
            assert!(is_iso_instant(good), "{good}");
        }
        for bad in [
            "2025-11-14T10:30:00Z",
            "2025-11-14T10:30:00.123+00:00",
            "2025-02-30T00:00:00.000Z",
            "2025-11-14T24:00:00.000Z",
            "2025-11-14 10:30:00.123Z",
            "+02025-11-14T10:30:00.123Z",
            "２025-11-14T10:30:00.123Z",
            "",
        ] {
            assert!(!is_iso_instant(bad), "{bad}");
        }
    }

    #[test]
    fn limits_are_integers_in_range_never_clamped() {
        let bounds = Limit {
            default: 20,
            max: 100,
            expected: "an integer from 1 to 100",
        };
        let limit = |arg: Arg| limit("limit", &arg, bounds);
        assert_eq!(limit(Arg::Undefined), Ok(20));
        assert_eq!(limit(Arg::Number(1.0)), Ok(1));
        assert_eq!(limit(Arg::Number(100.0)), Ok(100));
        for bad in [0.0, -1.0, 2.5, 101.0, f64::NAN, f64::INFINITY] {
            assert!(limit(Arg::Number(bad)).is_err(), "{bad}");
        }
        let error = limit(Arg::Null).unwrap_err().to_string();
        assert_eq!(error, "limit must be an integer from 1 to 100, got null");
    }

    #[test]
    fn ids_titles_and_texts_are_strict() {
        assert!(id("id", &Arg::Text(String::new())).is_err());
        assert!(id("id", &Arg::RepairedText("\u{FFFD}".into())).is_err());
        assert!(id("id", &Arg::Number(1.0)).is_err());
        assert_eq!(title("title", &Arg::Text(String::new())), Ok(None));
        assert_eq!(title("title", &Arg::Null), Ok(None));
        assert!(title("title", &Arg::Number(5.0)).is_err());
        let huge = Arg::Text("x".repeat(D1_MAX_VALUE_BYTES + 1));
        let error = text("turn.message.content", &huge).unwrap_err().to_string();
        assert_eq!(
            error,
            "turn.message.content must be a string of at most 2,000,000 bytes (D1's limit for one value), got a string over D1's 2,000,000-byte limit"
        );
    }
}
