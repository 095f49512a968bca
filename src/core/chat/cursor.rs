//! Page cursors: opaque strings that name the position of the last item of a page, for the scope
//! they were made in. A cursor holds the item's instant (`updated_at` or `created_at`, as the
//! caller read it) and id, and a fingerprint of its scope (the session, or the session and
//! conversation), so one from another session or conversation is refused; it reveals nothing the
//! caller could not read. Because the instant travels in the cursor, the next page starts where the
//! caller stopped even when that item has since been touched (a conversation moved to the top) or
//! deleted; the id breaks ties within the instant, by the item's rowid. Once the item is deleted
//! its rowid is gone, and the rest of its own instant is skipped (never an older one).

use crate::core::arg::Arg;
use crate::core::error::Error;

const VERSION: &str = "2";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// What a cursor pages through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A session's conversations.
    Conversations,
    /// A conversation's messages.
    Messages,
    /// A session's search results for one query: a cursor names how many came before.
    Search,
}

impl Kind {
    /// The column of the instant a cursor of this kind carries: the one its pages are ordered by.
    pub fn instant_column(self) -> &'static str {
        match self {
            Kind::Conversations => "updated_at",
            Kind::Messages => "created_at",
            Kind::Search => "",
        }
    }

    fn tag(self) -> char {
        match self {
            Kind::Conversations => 'c',
            Kind::Messages => 'm',
            Kind::Search => 's',
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

/// Where a page ended: the last item's instant and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The item's `updated_at` (conversations) or `created_at` (messages), as read.
    pub instant: String,
    /// The item's id, which orders the items of one instant (by its rowid).
    pub id: String,
}

/// The cursor after the item at `position`, in `scope`.
pub fn encode(kind: Kind, scope: &str, position: &Position) -> String {
    let Position { instant, id } = position;
    // The instant's length first, so that neither text needs a separator it could contain.
    let plain = format!(
        "{VERSION}{}{}{}:{instant}{id}",
        kind.tag(),
        fingerprint(scope),
        instant.len()
    );
    base64url(plain.as_bytes())
}

/// The position a cursor names, or `None` for `undefined` or `null` (the first page). Anything
/// else that is not a cursor of this kind made in this scope is a validation error naming
/// `argument`.
pub fn decode(
    argument: &'static str,
    kind: Kind,
    scope: &str,
    arg: &Arg,
) -> Result<Option<Position>, Error> {
    let text = match arg {
        Arg::Undefined | Arg::Null => return Ok(None),
        Arg::Text(text) => text,
        other => return Err(refused(argument, other.describe())),
    };
    let plain = unbase64url(text).and_then(|bytes| String::from_utf8(bytes).ok());
    let expected = format!("{VERSION}{}{}", kind.tag(), fingerprint(scope));
    plain
        .as_deref()
        .and_then(|plain| plain.strip_prefix(expected.as_str()))
        .and_then(position)
        .map(Some)
        .ok_or_else(|| refused(argument, "a string that is not one"))
}

/// The cursor of a search page after the result of rank `score` (FTS5's bm25, its bits written as
/// an integer: exact, and no float formatting in the wasm) and message `id`, in `scope` (the
/// session and the query).
pub fn encode_ranked(scope: &str, score: f64, id: &str) -> String {
    let position = Position {
        instant: score.to_bits().to_string(),
        id: id.to_owned(),
    };
    encode(Kind::Search, scope, &position)
}

/// The score and message id a search cursor names, or `None` for `undefined` or `null` (the
/// best results first); else it must be a cursor [`encode_ranked`] made in `scope`.
pub fn decode_ranked(
    argument: &'static str,
    scope: &str,
    arg: &Arg,
) -> Result<Option<(f64, String)>, Error> {
    let Some(position) = decode(argument, Kind::Search, scope, arg)? else {
        return Ok(None);
    };
    let digits = position.instant.bytes().all(|b| b.is_ascii_digit());
    let bits: Option<u64> = digits.then(|| position.instant.parse().ok()).flatten();
    bits.map(|bits| Some((f64::from_bits(bits), position.id)))
        .ok_or_else(|| refused(argument, "a string that is not one"))
}

/// `{length}:{instant}{id}`, read without slicing past a character boundary.
fn position(text: &str) -> Option<Position> {
    let (length, rest) = text.split_once(':')?;
    // Digits only, as `encode` writes them (`usize::from_str` would also take a sign).
    if !length.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let length: usize = length.parse().ok()?;
    let instant = rest.get(..length)?;
    let id = rest.get(length..)?;
    (!id.is_empty()).then(|| Position {
        instant: instant.to_owned(),
        id: id.to_owned(),
    })
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
        let instants = ["2025-11-14T10:30:00.123Z", "", "12:34", "👋🏽"];
        for (id, instant) in ["c1", "x", "👋🏽 id with: colons", "ab"].iter().zip(instants) {
            let position = Position {
                instant: instant.into(),
                id: (*id).into(),
            };
            let cursor = encode(Kind::Messages, "s\0c", &position);
            assert!(cursor.bytes().all(|b| ALPHABET.contains(&b)), "{cursor}");
            let text = Arg::Text(cursor.clone());
            assert_eq!(
                decode("before", Kind::Messages, "s\0c", &text),
                Ok(Some(position))
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
    fn a_cursor_of_this_scope_with_a_malformed_position_is_refused() {
        let prefix = format!("{VERSION}c{}", fingerprint("s"));
        // No length, a length past the end, an empty id, a length inside a character.
        for position in ["abc", "x:abc", "99:ab", "1:a", "1:👋id", "-1:ab", "+1:ab"] {
            let cursor = Arg::Text(base64url(format!("{prefix}{position}").as_bytes()));
            let decoded = decode("cursor", Kind::Conversations, "s", &cursor);
            assert!(decoded.is_err(), "{position:?}: {decoded:?}");
        }
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
