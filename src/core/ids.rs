//! Ids: UUID v4 generation and the session-id format check the Worker applies to `X-Session-ID`.

use uuid::{Builder, Uuid, Variant};

/// A random (version 4) UUID in lower-case hyphenated form, from 16 random bytes.
///
/// The bytes come from the caller (the boundary reads them from `crypto.getRandomValues`), which
/// keeps this module free of any randomness source of its own.
pub fn uuid_v4(random_bytes: [u8; 16]) -> String {
    let mut buffer = Uuid::encode_buffer();
    Builder::from_random_bytes(random_bytes)
        .into_uuid()
        .hyphenated()
        .encode_lower(&mut buffer)
        .to_owned()
}

/// True when `text` is a hyphenated version 4 UUID (either case), the form `uuid_v4` and
/// `crypto.randomUUID()` produce. Other UUID spellings (braced, URN, no hyphens) are refused, so a
/// session is always known by one string.
pub fn is_valid_session_id(text: &str) -> bool {
    const HYPHENATED_LEN: usize = 36;
    text.len() == HYPHENATED_LEN
        && Uuid::try_parse(text)
            .is_ok_and(|id| id.get_version_num() == 4 && id.get_variant() == Variant::RFC4122)
}

/// True when `text` has the shape of a D1 bookmark as D1 hands them out: three groups of 8 and
/// one of 32 lower-case hex digits, hyphenated (`00000000-00000006-00000000-` and 32 more). Upper
/// case is refused: D1 orders bookmarks as strings, where `A` sorts before `a`, so an upper-cased
/// one would read as older than it is. Local D1 takes any string as a bookmark and keeps the later
/// of it and its own, so a Worker relaying what clients send checks it first.
pub fn is_bookmark(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let hex = |group: &str| {
        group
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    groups.len() == 4
        && groups.iter().map(|g| g.len()).eq([8, 8, 8, 32])
        && groups.iter().all(|g| hex(g))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookmarks_are_d1s_shape_in_lower_case() {
        let real = "00000000-00000006-00004f0e-29ed8ff2a6fb4bb7a2d3d3cd0d9cc4c7";
        assert!(is_bookmark(real));
        for other in [
            "",
            "garbage",
            "first-primary",
            "00000000-00000001",
            &real.to_uppercase(),
            &format!("{real}0"),
            &real.replacen('-', "", 1),
            "00000000-00000000-00000000-gggggggggggggggggggggggggggggggg",
        ] {
            assert!(!is_bookmark(other), "{other}");
        }
    }

    #[test]
    fn a_generated_id_is_a_valid_v4_session_id() {
        let id = uuid_v4([0xAB; 16]);
        assert_eq!(id, "abababab-abab-4bab-abab-abababababab");
        assert!(is_valid_session_id(&id));
        assert_ne!(uuid_v4([1; 16]), uuid_v4([2; 16]));
    }

    #[test]
    fn only_hyphenated_v4_uuids_are_session_ids() {
        assert!(is_valid_session_id("6F1C2A7E-5B0D-4C8E-9A4F-1D2E3F405162"));
        for not_one in [
            "",
            "not-a-uuid",
            "6f1c2a7e-5b0d-1c8e-9a4f-1d2e3f405162", // version 1
            "6f1c2a7e-5b0d-4c8e-ca4f-1d2e3f405162", // Microsoft variant
            "6f1c2a7e5b0d4c8e9a4f1d2e3f405162",     // no hyphens
            "{6f1c2a7e-5b0d-4c8e-9a4f-1d2e3f405162}", // braced
            "6f1c2a7e-5b0d-4c8e-9a4f-1d2e3f40516g",
        ] {
            assert!(!is_valid_session_id(not_one), "{not_one}");
        }
    }
}
