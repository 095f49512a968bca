//! The five operations of the data layer, independent of JS: validate, build SQL, make exactly
//! one round trip, decode. The exported `DatabaseClient` only converts JS values around these.

use crate::arg::{Arg, Scalar};
use crate::database::{Database, Rejection};
use crate::decode::Checked;
use crate::error::{Error, Violation};
use crate::model::{ClientSession, Conversation, ConversationWithMessages, Message, MessageRole};
use crate::queries;
use crate::time::iso_timestamp;
use crate::validate::{self, D1_MAX_VALUE_BYTES};
use crate::value::ResultSet;
use crate::value::SqlValue;

/// What every operation returns: the value, or the error with its underlying cause.
pub type Outcome<T, D> = Result<T, Rejection<<D as Database>::Cause>>;

/// A read's result: the database's own rows, checked to decode as the model they stand for.
pub type Rows<M, D> = Checked<M, <D as Database>::Rows>;

/// `getConversationWithMessages`' result, as checked rows.
/// Its `conversation` holds exactly one row.
pub type FoundConversation<D> = ConversationWithMessages<Rows<Conversation, D>, Rows<Message, D>>;

/// The data layer over any [`Database`]. Stateless apart from the database handle, so one instance
/// serves any number of concurrent calls.
#[derive(Debug, Clone)]
pub struct DataLayer<D> {
    db: D,
}

impl<D: Database> DataLayer<D> {
    /// Wraps a database handle.
    pub fn new(db: D) -> Self {
        DataLayer { db }
    }

    /// The wrapped database handle.
    pub fn database(&self) -> &D {
        &self.db
    }

    /// Returns the session `id`, creating it when new. An existing session keeps its `created_at`
    /// and metadata (`metadata` is then ignored) and has `last_activity` moved to now.
    ///
    /// As in the old layer, metadata is stored as `JSON.stringify(metadata)` when it is truthy, and
    /// only ever sent to insert: a known session answers whatever the metadata. So metadata JSON
    /// cannot represent is refused for a new session but ignored for a known one (one round trip,
    /// a touch), and metadata over D1's documented value limit, which D1 may refuse, is sent only
    /// when a touch found no session (the one case of two round trips).
    pub async fn get_or_create_session(
        &self,
        id: &Arg,
        metadata: Metadata<D::Cause>,
        now_millis: i64,
    ) -> Outcome<FoundSession<D>, D> {
        let id_value = id.compared("sessionId")?;
        let given = id.scalar("sessionId")?;
        let now = iso_timestamp(now_millis)?;
        let metadata_json = match metadata.json {
            _ if !metadata.arg.is_truthy() => None,
            Ok(json) => json,
            Err(cause) => {
                return self.touch_session(id_value, &now).await?.ok_or(Rejection {
                    error: Error::InvalidMetadata {
                        found: "one it throws on (the cause says why)".to_owned(),
                    },
                    cause: Some(cause),
                });
            }
        };
        if metadata_json
            .as_ref()
            .is_some_and(|json| json.len() > D1_MAX_VALUE_BYTES)
        {
            if let Some(known) = self.touch_session(id_value.clone(), &now).await? {
                return Ok(known);
            }
        }
        let statement = queries::get_or_create_session(id_value, &now, metadata_json.as_deref());
        let rows = self.db.all(statement).await?;
        // The upsert returns its row whichever way it went: exactly one.
        if rows.len() != 1 {
            return Err(Error::MissingRow.into());
        }
        // The old layer returned a new session's id as given (a number stays a number) and a known
        // one's as stored (as text). A row created now has `created_at` equal to now.
        let created_now = !given.is_text() && rows.distinct_texts("created_at")? == [now];
        Ok(FoundSession {
            rows: Checked::check(rows)?,
            answers_given_id: created_now,
        })
    }

    /// Moves a known session's `last_activity` and returns it; `None` when there is no such
    /// session (nothing is inserted).
    async fn touch_session(&self, id: SqlValue, now: &str) -> Outcome<Option<FoundSession<D>>, D> {
        let rows = self.db.all(queries::touch_session(id, now)).await?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(FoundSession {
            rows: Checked::check(rows)?,
            answers_given_id: false,
        }))
    }

    /// Creates a conversation in session `session_id`; a falsy title is stored as no title.
    /// Resolves to the values as given, as the old layer did.
    pub async fn create_conversation(
        &self,
        id: &Arg,
        session_id: &Arg,
        title: &Arg,
        now_millis: i64,
    ) -> Outcome<Conversation<Scalar>, D> {
        let id = id.scalar("id")?;
        let session_id = session_id.scalar("sessionId")?;
        let title = title.title()?;
        let now = iso_timestamp(now_millis)?;
        let conversation = Conversation {
            id,
            session_id,
            title: Some(title).filter(|title| *title != Scalar::Null),
            created_at: now.clone(),
            updated_at: now,
        };
        let insert = queries::create_conversation(&conversation);
        let c = &conversation;
        self.db
            .all(insert)
            .await
            .map_err(explained(|violation| match violation {
                Violation::ForeignKey => {
                    format!("session {} does not exist", c.session_id.shown())
                }
                Violation::Unique(_) => {
                    format!("a conversation with id {} already exists", c.id.shown())
                }
                Violation::NotNull(_) => format!(
                    "sessionId is {}: a conversation needs a session",
                    c.session_id.shown()
                ),
            }))?;
        Ok(conversation)
    }

    /// Stores a message and moves its conversation's `updated_at` to the message's time, both in
    /// one transaction. The role must be `user` or `assistant`: the one input the old layer stored
    /// (its tables had lost the CHECK) that is refused here.
    pub async fn create_message(
        &self,
        id: &Arg,
        conversation_id: &Arg,
        role: &Arg,
        content: &Arg,
        now_millis: i64,
    ) -> Outcome<Message<Scalar>, D> {
        let id = id.scalar("id")?;
        let conversation_id = conversation_id.scalar("conversationId")?;
        let role = parse_role(role)?;
        let content = content.scalar("content")?;
        let message = Message {
            id,
            conversation_id,
            role,
            content,
            created_at: iso_timestamp(now_millis)?,
        };
        let [insert, touch] = queries::create_message(&message);
        let m = &message;
        self.db.batch(vec![insert, touch]).await.map_err(explained(
            |violation| match violation {
                Violation::ForeignKey => {
                    format!("conversation {} does not exist", m.conversation_id.shown())
                }
                Violation::Unique(_) => {
                    format!("a message with id {} already exists", m.id.shown())
                }
                Violation::NotNull(column) if column.ends_with("content") => {
                    format!("content is {}: a message needs content", m.content.shown())
                }
                Violation::NotNull(_) => format!(
                    "conversationId is {}: a message needs a conversation",
                    m.conversation_id.shown()
                ),
            },
        ))?;
        Ok(message)
    }

    /// The session's conversations, most recently updated first, as many as drizzle's limit rule
    /// gives for `limit` (see [`Arg::limit`]).
    pub async fn list_conversations(
        &self,
        session_id: &Arg,
        limit: &Arg,
    ) -> Outcome<Rows<Conversation, D>, D> {
        let session_id = session_id.compared("sessionId")?;
        let limit = limit.limit()?;
        let rows = self
            .db
            .all(queries::list_conversations(session_id, limit))
            .await?;
        Ok(Checked::check(rows)?)
    }

    /// The conversation with all its messages, oldest first, or `None` when it does not exist.
    pub async fn get_conversation_with_messages(
        &self,
        conversation_id: &Arg,
    ) -> Outcome<Option<FoundConversation<D>>, D> {
        let conversation_id = conversation_id.compared("conversationId")?;
        let statements = queries::get_conversation_with_messages(conversation_id);
        let results = self.db.batch(statements.into()).await?;
        let [conversation_rows, message_rows] = <[_; 2]>::try_from(results).map_err(|results| {
            Error::MalformedResult(format!(
                "a batch of 2 statements returned {} results",
                results.len()
            ))
        })?;
        // The id is the primary key: the first read returns no row or one.
        if conversation_rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(ConversationWithMessages {
            conversation: Checked::check(conversation_rows)?,
            messages: Checked::check(message_rows)?,
        }))
    }
}

/// The metadata argument of `getOrCreateSession`: the value, and what `JSON.stringify` made of it
/// (`Ok(None)` for `undefined`, `Err` with what it threw). The boundary serializes it with the
/// runtime's own `JSON.stringify`, as the old layer did; the data layer decides whether it is used.
#[derive(Debug)]
pub struct Metadata<Cause> {
    /// The value as passed.
    pub arg: Arg,
    /// `JSON.stringify(value)`.
    pub json: Result<Option<String>, Cause>,
}

/// `getOrCreateSession`'s result: the row as stored, and whether to answer with the caller's id
/// instead of the stored one, as the old layer did for a session it created from an id that was
/// not a string (it answered that number; a known session, it answered as stored text).
pub struct FoundSession<D: Database> {
    /// The session row.
    pub rows: Rows<ClientSession, D>,
    /// True when the answer's `id` is the value the caller gave.
    pub answers_given_id: bool,
}

/// Rewords a constraint failure in terms of the arguments, where `explain` knows which one was at
/// fault (SQLite names the column of a UNIQUE or NOT NULL failure, not the value; a foreign key
/// failure names nothing); the database's message is kept after it, and the cause is untouched.
fn explained<C>(
    explain: impl Fn(&Violation) -> String,
) -> impl FnOnce(Rejection<C>) -> Rejection<C> {
    move |rejection| {
        let explanation = match &rejection.error {
            Error::D1(message) => {
                Violation::of(message).map(|violation| (explain(&violation), message.clone()))
            }
            _ => None,
        };
        match explanation {
            Some((explanation, message)) => Rejection {
                error: Error::Constraint {
                    explanation,
                    message,
                },
                cause: rejection.cause,
            },
            None => rejection,
        }
    }
}

/// The role of a new message: exactly `"user"` or `"assistant"`.
fn parse_role(role: &Arg) -> Result<MessageRole, Error> {
    match role {
        Arg::Text(text) => validate::parse_role(text),
        other => Err(Error::InvalidRole {
            found: other.describe().to_owned(),
        }),
    }
}
