//! A message's body as the chat API takes it: `content`, or `parts` (the AI SDK's
//! `UIMessage.parts`), never both. chat-d1 checks the array's shape, not each part type's fields
//! (the AI SDK validates those), and stores the parts as `JSON.stringify` wrote them; `content` is
//! always the text of the text parts, joined by a blank line, for the drop-in methods and search.

use crate::core::arg::Arg;
use crate::core::chat::check;
use crate::core::error::{quote, Error};
use crate::core::storage::Rejection;

/// One element of `parts` as the boundary read it, each still unchecked.
#[derive(Debug)]
pub struct PartArgs<Cause> {
    /// The element itself.
    pub part: Arg,
    /// `part.type`.
    pub kind: Arg,
    /// `part.text`.
    pub text: Arg,
    /// `JSON.stringify(part)`: `Ok(None)` for what JSON cannot hold, `Err` with what it threw.
    pub json: Result<Option<String>, Cause>,
}

/// `parts` as the boundary read it: the value, and its elements when it is an array.
#[derive(Debug)]
pub struct PartsArgs<Cause> {
    /// The value as passed (`Undefined` when the message has none).
    pub arg: Arg,
    /// Its elements, in order, when it is an array.
    pub items: Option<Vec<PartArgs<Cause>>>,
}

impl<Cause> PartsArgs<Cause> {
    /// No `parts` given.
    pub fn absent() -> Self {
        PartsArgs {
            arg: Arg::Undefined,
            items: None,
        }
    }
}

/// A message body, checked: its `content`, and its parts' JSON when it was given as parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The text of the text parts joined by `"\n\n"` (`""` when none), or the content given.
    pub content: String,
    /// `JSON.stringify(parts)`, or `None` for a body given as content.
    pub parts: Option<String>,
    /// The largest part: its index, type and JSON bytes (for the row-size refusal).
    largest: Option<(usize, String, usize)>,
}

/// The names a body's fields go by in messages, e.g. `turn.message.content`.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    /// The `content` field's.
    pub content: &'static str,
    /// The `parts` field's.
    pub parts: &'static str,
}

const PARTS: &str = "a non-empty array of plain objects, each with a string type";

/// `content` or `parts`, checked: exactly one of them, a well-formed string or an array of parts.
pub fn body<C>(names: Names, content: &Arg, parts: PartsArgs<C>) -> Result<Body, Rejection<C>> {
    let invalid = |found: String| Error::Invalid {
        argument: names.parts,
        expected: PARTS,
        found,
    };
    if matches!(parts.arg, Arg::Undefined) {
        let content = check::text(names.content, content)?;
        return Ok(Body {
            content,
            parts: None,
            largest: None,
        });
    }
    if !matches!(content, Arg::Undefined) {
        return Err(Error::Invalid {
            argument: names.parts,
            expected: "given alone: a message has content or parts, not both",
            found: "content too".to_owned(),
        }
        .into());
    }
    let items = match parts.items {
        Some(items) if !items.is_empty() => items,
        Some(_) => return Err(invalid("an empty array".to_owned()).into()),
        None => return Err(invalid(parts.arg.describe().to_owned()).into()),
    };
    // One message per problem, the part's index in front: fewer formatting sites in the wasm.
    let at = |index: usize, problem: &str| invalid(format!("part {index} {problem}"));
    let mut content = String::new();
    let mut texts = 0;
    let mut json = String::from("[");
    let mut largest: Option<(usize, String, usize)> = None;
    for (index, item) in items.into_iter().enumerate() {
        let kind = match (&item.part, &item.kind) {
            (Arg::PlainObject, Arg::Text(kind)) => kind.clone(),
            (Arg::PlainObject, _) => return Err(at(index, "without a string type").into()),
            (other, _) => return Err(at(index, other.describe()).into()),
        };
        match (kind.as_str(), &item.text) {
            ("text", Arg::Text(text)) => {
                // A separator before every text but the first, empty ones included.
                if texts > 0 {
                    content.push_str("\n\n");
                }
                texts += 1;
                content.push_str(text);
            }
            ("text", Arg::RepairedText(_)) => {
                return Err(at(index, "with a text holding a lone surrogate").into())
            }
            _ => {}
        }
        let part = match item.json {
            // A `toJSON` may turn the object into anything: what is stored must be an object too.
            Ok(Some(part)) if part.starts_with('{') => part,
            Ok(Some(_)) => return Err(at(index, "whose JSON is not an object").into()),
            Ok(None) => return Err(at(index, "that JSON cannot hold").into()),
            Err(cause) => {
                return Err(Rejection {
                    error: at(index, "that JSON.stringify throws on (the cause says why)"),
                    cause: Some(cause),
                })
            }
        };
        if largest
            .as_ref()
            .is_none_or(|(_, _, bytes)| part.len() > *bytes)
        {
            largest = Some((index, kind, part.len()));
        }
        if index > 0 {
            json.push(',');
        }
        json.push_str(&part);
    }
    json.push(']');
    Ok(Body {
        content,
        parts: Some(json),
        largest,
    })
}

impl Body {
    /// Refuses a message whose row (this body with `others`, the row's other texts) would be over
    /// D1's row limit. A body given as parts names its largest part: a file belongs in R2 (or any
    /// store), the part holding its URL.
    pub fn check_row(&self, names: Names, others: &[&str]) -> Result<(), Error> {
        let parts = self.parts.as_deref().unwrap_or_default();
        let mut texts = others.to_vec();
        texts.extend([self.content.as_str(), parts]);
        let over = check::check_row(names.content, &texts);
        match (&over, &self.largest) {
            (Err(_), Some((index, kind, bytes))) => Err(Error::Invalid {
                argument: names.parts,
                expected: "small enough for the message's row to fit D1's 2,000,000-byte limit: \
                           a file belongs in R2 (or any store), its part holding the URL",
                found: format!("part {index} (type {}) of {bytes} bytes", quote(kind)),
            }),
            _ => over,
        }
    }
}
