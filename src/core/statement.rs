//! A statement as sent: SQL rendered by sea-query at build time (in [`crate::core::sql`]) with
//! this call's values bound as parameters. Every user value is a parameter, never part of the SQL
//! text; each capability builds its own statements.

use crate::core::value::SqlValue;

/// One SQL statement with its bound parameters, ready for `db.prepare(sql).bind(...params)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The SQL text, with `?` placeholders.
    pub sql: &'static str,
    /// The values for the placeholders, in order.
    pub params: Vec<SqlValue>,
}

/// A text parameter.
pub fn text(value: &str) -> SqlValue {
    SqlValue::Text(value.to_owned())
}
