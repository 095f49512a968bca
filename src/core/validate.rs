//! Checks on the caller's arguments that need no JS: run before any SQL is built, so a rejected
//! call writes nothing.

use crate::core::error::{quote, Error};
use crate::core::model::MessageRole;

/// The most bytes D1 stores in one string, BLOB or row: 2,000,000
/// (Cloudflare D1 documentation, Platform > Limits: "Maximum string, BLOB or table row size
/// 2,000,000 bytes (2 MB)"). The drop-in methods leave this limit to D1, as the old layer did
/// (deployed D1 refuses a longer value before writing anything; local D1 is laxer). It bounds how
/// much of an array argument is read, and metadata past it is sent only for a session that turned
/// out to be new.
pub const D1_MAX_VALUE_BYTES: usize = 2_000_000;

/// The longest SQL statement D1 accepts: 100,000 bytes (D1 Limits: "Maximum SQL statement length").
/// This crate's statements are fixed text of a few hundred bytes with every value bound, so user
/// input never lengthens them; a test holds every statement to this limit.
pub const D1_MAX_STATEMENT_BYTES: usize = 100_000;

/// The most parameters one D1 query binds: 100 (D1 Limits: "Maximum bound parameters per query").
/// This crate binds at most 5; a test holds every statement to this limit.
pub const D1_MAX_BOUND_PARAMETERS: usize = 100;

/// The largest number JS represents exactly as an integer: 2^53 − 1.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The role named by `text`, or a validation error quoting what was passed.
pub fn parse_role(text: &str) -> Result<MessageRole, Error> {
    MessageRole::parse(text).ok_or_else(|| Error::InvalidRole { found: quote(text) })
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
