//! A drop-in method's argument as the old layer saw it, and what the old layer did with it.
//!
//! Real handlers pass request values straight through (a JSON body's `conversationId`, a
//! `parseInt` limit), and the old layer answered most of them: drizzle-orm handed each value to D1
//! unchanged, and D1 bound strings, numbers, booleans and `null`, and threw for anything else. The
//! drop-in methods therefore take any JS value, sort it into an [`Arg`] at the boundary, and decide
//! here, natively testable, what the old layer bound, wrote and answered for it. The chat API reads
//! its arguments as the same `Arg`s and checks them strictly instead (`core::chat`).

use crate::core::error::quote;
use crate::core::error::Error;
use crate::core::validate::MAX_SAFE_INTEGER;
use crate::core::value::SqlValue;

/// How deep nested one-element arrays are unwrapped as a limit before the value counts as
/// unbindable: deep enough for anything a handler builds, and a bound on a self-containing array.
pub const MAX_ARRAY_DEPTH: usize = 8;

/// A JS value as a drop-in method received it, sorted by what decided the old layer's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `undefined`, or a missing argument.
    Undefined,
    /// `null`.
    Null,
    /// A boolean: D1 binds it as the integer 1 or 0.
    Boolean(bool),
    /// A number, NaN and the infinities included.
    Number(f64),
    /// A well-formed string.
    Text(String),
    /// A string that held a lone surrogate, with each replaced by U+FFFD: the drop-in methods store
    /// it so (the listed improvement on the old layer, which wrote such text as invalid UTF-8); the
    /// chat API refuses it.
    RepairedText(String),
    /// A BigInt. D1 refuses to bind it; `zero` because `0n` is falsy in JS.
    BigInt {
        /// True for `0n`.
        zero: bool,
    },
    /// A symbol or a function: D1 refuses them; drizzle's limit rule ignores them.
    Primitive(&'static str),
    /// An array. D1 binds one whose elements are all numbers from 0 to 255 as a BLOB of those
    /// bytes (fractions truncated) and refuses any other.
    Array {
        /// Its only element, when it has exactly one: drizzle renders `limit [x]` as
        /// `LIMIT (?)`, which SQLite reads as `x`.
        only: Option<Box<Arg>>,
        /// The bytes D1 would bind, when it would.
        bytes: Option<Vec<u8>>,
    },
    /// An `ArrayBuffer` or a view of one (typed array, `DataView`): D1 binds it as a BLOB of its
    /// elements, each wrapped to a byte (see [`wrapped_bytes`]).
    Bytes(Vec<u8>),
    /// A plain object (its prototype `Object.prototype` or `null`): D1 refuses to bind it.
    PlainObject,
    /// Any other object (Date, Map, class instance, Proxy...): D1 refuses to bind it.
    Object,
}

/// The bytes D1 binds for an array (or binary data read as one): every element a number from 0
/// to 255, its fraction dropped; `None` (D1 throws) when one is not.
pub fn bytes(elements: impl IntoIterator<Item = Option<f64>>) -> Option<Vec<u8>> {
    elements
        .into_iter()
        .map(|element| {
            element
                .filter(|x| (0.0..256.0).contains(x))
                .map(|x| x as u8)
        })
        .collect()
}

/// The bytes D1 binds for binary data: `Array.from` of it, each element wrapped to a byte as a
/// `Uint8Array` would store it (`-1` is 255, `256` is 0, `1.5` is 1; anything not a finite number 0).
pub fn wrapped_bytes(elements: impl IntoIterator<Item = Option<f64>>) -> Vec<u8> {
    elements
        .into_iter()
        .map(|element| match element {
            Some(x) if x.is_finite() => x.trunc().rem_euclid(256.0) as u8,
            _ => 0,
        })
        .collect()
}

/// A value the old layer could hand to D1 and echo back in the object it returned.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `undefined`: drizzle writes NULL for it in an INSERT; D1 refuses it anywhere else.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Boolean(bool),
    /// A number, bound as the same JS number.
    Number(f64),
    /// Well-formed text.
    Text(String),
    /// Bytes, bound as a BLOB.
    Blob(Vec<u8>),
}

impl Arg {
    /// What the value is, in words for an error message.
    pub fn describe(&self) -> &'static str {
        match self {
            Arg::Undefined => "undefined",
            Arg::Null => "null",
            Arg::Boolean(_) => "a boolean",
            Arg::Number(_) => "a number",
            Arg::Text(_) | Arg::RepairedText(_) => "a string",
            Arg::BigInt { .. } => "a bigint",
            Arg::Primitive(kind) => kind,
            Arg::Array { .. } => "an array D1 cannot bind (it binds arrays of bytes)",
            Arg::Bytes(_) => "binary data",
            Arg::PlainObject | Arg::Object => "an object",
        }
    }

    /// JS truthiness, which the old layer used for the title (`title || null`) and the metadata
    /// (`metadata ? JSON.stringify(metadata) : null`).
    pub fn is_truthy(&self) -> bool {
        match self {
            Arg::Undefined | Arg::Null => false,
            Arg::Boolean(b) => *b,
            Arg::Number(x) => *x != 0.0 && !x.is_nan(),
            Arg::Text(text) | Arg::RepairedText(text) => !text.is_empty(),
            Arg::BigInt { zero } => !zero,
            Arg::Primitive(_)
            | Arg::Array { .. }
            | Arg::Bytes(_)
            | Arg::PlainObject
            | Arg::Object => true,
        }
    }

    /// The value as D1 would have received it, or the refusal D1 would have thrown (as a
    /// validation error, before any SQL, so nothing is written).
    pub fn scalar(&self, argument: &'static str) -> Result<Scalar, Error> {
        Ok(match self {
            Arg::Undefined => Scalar::Undefined,
            Arg::Null => Scalar::Null,
            Arg::Boolean(b) => Scalar::Boolean(*b),
            Arg::Number(x) => Scalar::Number(*x),
            Arg::Text(text) | Arg::RepairedText(text) => Scalar::Text(text.clone()),
            Arg::Array {
                bytes: Some(bytes), ..
            }
            | Arg::Bytes(bytes) => Scalar::Blob(bytes.clone()),
            other => {
                return Err(Error::Unbindable {
                    argument,
                    found: other.describe(),
                })
            }
        })
    }

    /// The value bound in a WHERE clause: D1 throws for `undefined` there.
    pub fn compared(&self, argument: &'static str) -> Result<SqlValue, Error> {
        match self.scalar(argument)? {
            Scalar::Undefined => Err(Error::Unbindable {
                argument,
                found: "undefined",
            }),
            scalar => Ok(scalar.inserted()),
        }
    }

    /// The title as the old layer stored it: `title || null`.
    pub fn title(&self) -> Result<Scalar, Error> {
        if self.is_truthy() {
            self.scalar("title")
        } else {
            Ok(Scalar::Null)
        }
    }

    /// The `LIMIT` of `listConversations`, by drizzle's rule: no argument is 10; a number at or
    /// above zero, or an object, is bound as given (SQLite decides what it means); any other value
    /// (a negative number, NaN, a string, a boolean) leaves the LIMIT out, and so lists them all.
    /// A LIMIT left out is bound here as -1, which SQLite reads the same way.
    pub fn limit(&self) -> Result<SqlValue, Error> {
        const DEFAULT_LIMIT: f64 = 10.0;
        const NO_LIMIT: SqlValue = SqlValue::Integer(-1);
        match self {
            Arg::Undefined => Ok(SqlValue::number(DEFAULT_LIMIT)),
            Arg::Number(x) if *x >= 0.0 => Ok(SqlValue::number(*x)),
            Arg::Null => Ok(SqlValue::Null),
            Arg::Array { .. } => self.parenthesized_limit(),
            Arg::Bytes(_) | Arg::PlainObject | Arg::Object => self.compared("limit"),
            _ => Ok(NO_LIMIT),
        }
    }

    /// The value of `LIMIT (x)`, `LIMIT ((x))`...: the innermost single element, bound. An empty
    /// or longer array is an SQL error in the old layer (`LIMIT ()`, a row value).
    fn parenthesized_limit(&self) -> Result<SqlValue, Error> {
        match self {
            Arg::Array {
                only: Some(only), ..
            } => only.parenthesized_limit(),
            Arg::Array { only: None, .. } => Err(Error::Unbindable {
                argument: "limit",
                found: "an array that is not of one element",
            }),
            element => element.compared("limit"),
        }
    }
}

impl Scalar {
    /// The value bound in an INSERT: drizzle writes `undefined` as NULL.
    pub fn inserted(&self) -> SqlValue {
        match self {
            Scalar::Undefined | Scalar::Null => SqlValue::Null,
            Scalar::Boolean(b) => SqlValue::Boolean(*b),
            Scalar::Number(x) => SqlValue::number(*x),
            Scalar::Text(text) => SqlValue::Text(text.clone()),
            Scalar::Blob(bytes) => SqlValue::Blob(bytes.clone()),
        }
    }

    /// The value in words for an error message: a string quoted, anything else by its kind
    /// (Rust's float formatting would add 15 KB to the wasm for the one number a message shows).
    pub fn shown(&self) -> String {
        match self {
            Scalar::Undefined => "undefined".to_owned(),
            Scalar::Null => "null".to_owned(),
            Scalar::Boolean(b) => b.to_string(),
            Scalar::Number(_) => "given as a number".to_owned(),
            Scalar::Text(text) => quote(text),
            Scalar::Blob(_) => "given as binary data".to_owned(),
        }
    }

    /// True for a string: what D1 stores is then exactly what was given, and what a drop-in
    /// write answers. For any other value the old layer answered the very value it was given
    /// (the boundary hands it back untouched: a number stays a number, an array that same array).
    pub fn is_text(&self) -> bool {
        matches!(self, Scalar::Text(_))
    }
}

impl SqlValue {
    /// A JS number as D1 binds it: an exact integer as INTEGER, anything else (fractions, -0,
    /// NaN, the infinities, integers past 2^53) as REAL, so the same JS number reaches D1.
    pub fn number(x: f64) -> SqlValue {
        let exact = x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER;
        let negative_zero = x == 0.0 && x.is_sign_negative();
        if exact && !negative_zero {
            SqlValue::Integer(x as i64)
        } else {
            SqlValue::Real(x)
        }
    }
}

#[cfg(test)]
mod tests;
