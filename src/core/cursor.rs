//! Page cursors: opaque strings that name the last item of a page, for the scope they were made
//! in. A cursor holds the item's id (which the caller has already read) and a fingerprint of its
//! scope (the session, or the session and conversation), so one from another session or
//! conversation is refused; it reveals nothing the caller could not read. The position is looked up
//! in SQL from the id, so a page costs the same wherever it starts.

use crate::core::arg::Arg;
use crate::core::error::Error;

const VERSION: &str = "1";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// What a cursor pages through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A session's conversations.
    Conversations,
    /// A conversation's messages.
    Messages,
}

impl Kind {
    fn tag(self) -> char {
        match self {
            Kind::Conversations => 'c',
            Kind::Messages => 'm',
        }
    }
}

/// FNV-1a, 64 bits: a fingerprint of the scope, so that a cursor from elsewhere is told apart (a
/// check against mistakes, not a secret: a forged cursor could only page the caller's own data).
fn fingerprint(scope: &str) -> String {
    let hash = scope.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The cursor after the item `id`, in `scope`.
pub fn encode(kind: Kind, scope: &str, id: &str) -> String {
    let plain = format!("{VERSION}{}{}{id}", kind.tag(), fingerprint(scope));
    base64url(plain.as_bytes())
}

/// The id a cursor names, or `None` for `undefined` or `null` (the first page). Anything else that
/// is not a cursor of this kind made in this scope is a validation error naming `argument`.
pub fn decode(
    argument: &'static str,
    kind: Kind,
    scope: &str,
    arg: &Arg,
) -> Result<Option<String>, Error> {
    let text = match arg {
        Arg::Undefined | Arg::Null => return Ok(None),
        Arg::Text(text) => text,
        other => return Err(refused(argument, other.describe())),
    };
    let plain = unbase64url(text).and_then(|bytes| String::from_utf8(bytes).ok());
    let expected = format!("{VERSION}{}{}", kind.tag(), fingerprint(scope));
    match plain
        .as_deref()
        .and_then(|plain| plain.strip_prefix(expected.as_str()))
    {
        Some(id) if !id.is_empty() => Ok(Some(id.to_owned())),
        _ => Err(refused(argument, "a string that is not one")),
    }
}

fn refused(argument: &'static str, found: &str) -> Error {
    Error::Invalid {
        argument,
        expected: "a cursor this method returned for this session (or null for the first page)",
        found: found.to_owned(),
    }
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk
            .iter()
            .fold(0u32, |word, byte| (word << 8) | u32::from(*byte))
            << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(word >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    if text.is_empty() || text.len() % 4 == 1 {
        return None;
    }
    let sextets: Vec<u32> = text
        .bytes()
        .map(|byte| ALPHABET.iter().position(|a| *a == byte).map(|p| p as u32))
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let word = chunk.iter().fold(0u32, |word, s| (word << 6) | s) << (6 * (4 - chunk.len()));
        for i in 0..chunk.len() - 1 {
            out.push((word >> (16 - 8 * i)) as u8);
        }
    }
    // Canonical only: re-encoding must give the same text (no stray low bits).
    (base64url(&out) == text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_in_its_scope_only() {
        for id in ["c1", "x", "👋🏽 id with spaces", "ab"] {
            let cursor = encode(Kind::Messages, "s\0c", id);
            assert!(cursor.bytes().all(|b| ALPHABET.contains(&b)), "{cursor}");
            let text = Arg::Text(cursor.clone());
            assert_eq!(
                decode("before", Kind::Messages, "s\0c", &text),
                Ok(Some(id.to_owned()))
            );
            assert!(
                decode("before", Kind::Messages, "s\0d", &text).is_err(),
                "another scope"
            );
            assert!(
                decode("before", Kind::Conversations, "s\0c", &text).is_err(),
                "another kind"
            );
        }
        assert_eq!(
            decode("cursor", Kind::Conversations, "s", &Arg::Null),
            Ok(None)
        );
        assert_eq!(
            decode("cursor", Kind::Conversations, "s", &Arg::Undefined),
            Ok(None)
        );
        for bad in ["", "!!!!", "A", "AB=", "Zm9v"] {
            let error = decode("cursor", Kind::Conversations, "s", &Arg::Text(bad.into()));
            assert!(error.is_err(), "{bad:?}");
        }
        assert!(decode("cursor", Kind::Conversations, "s", &Arg::Number(1.0)).is_err());
    }

    #[test]
    fn base64url_is_canonical() {
        for bytes in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            let text = base64url(bytes);
            if !bytes.is_empty() {
                assert_eq!(unbase64url(&text).as_deref(), Some(bytes));
            }
        }
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(unbase64url("Zm9vYmF"), None, "not a multiple of 3 bytes");
        assert_eq!(unbase64url("Zg"), Some(b"f".to_vec()));
        assert_eq!(unbase64url("Zh"), None, "stray low bits");
    }
}
