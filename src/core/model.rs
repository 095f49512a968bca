//! The objects the Worker's handlers read, as Rust models. Field names are the contract's
//! snake_case keys. Reads hand the engine's own rows back (see `rows`); writes answer from these.

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageRole {
    /// The person chatting.
    User,
    /// The model answering.
    Assistant,
}

impl MessageRole {
    /// Every role, in the order the CHECK constraint lists them.
    pub const ALL: [MessageRole; 2] = [MessageRole::User, MessageRole::Assistant];

    /// The role as stored and as JS sees it: `"user"` or `"assistant"`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageRole::User => "user",
            MessageRole::Assistant => "assistant",
        }
    }

    /// The role named by `text`, if it names one (exact, case-sensitive, as the CHECK is).
    pub fn parse(text: &str) -> Option<MessageRole> {
        Self::ALL.into_iter().find(|role| role.as_str() == text)
    }
}

/// An anonymous client session. JS sees `{ id, created_at, last_activity, metadata? }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientSession {
    /// The id the client sent.
    pub id: String,
    /// When the session was first seen.
    pub created_at: String,
    /// When the session was last seen.
    pub last_activity: String,
    /// The stored metadata as JSON object text. It is not serialized here: the boundary parses it
    /// into a real JS object, and leaves the key absent when this is `None`.
    pub metadata_json: Option<String>,
}

/// A conversation. JS sees `{ id, session_id, title, created_at, updated_at }`, `title` being
/// `null` (never absent) when there is none.
///
/// `V` is the type of the values the caller gave: `String` as stored and read back, or
/// [`Scalar`](crate::core::arg::Scalar) where a drop-in method echoes what it was passed, as the old
/// layer did (a number given as an id comes back as that number).
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation<V = String> {
    /// The conversation id.
    pub id: V,
    /// The owning session.
    pub session_id: V,
    /// The title, or `None` for untitled.
    pub title: Option<V>,
    /// When it was created.
    pub created_at: String,
    /// When its last message was written (or its creation time, before any).
    pub updated_at: String,
}

/// A message. JS sees `{ id, conversation_id, role, content, created_at }`. `V` as in
/// [`Conversation`].
#[derive(Debug, Clone, PartialEq)]
pub struct Message<V = String> {
    /// The message id.
    pub id: V,
    /// The conversation it belongs to.
    pub conversation_id: V,
    /// Who wrote it.
    pub role: MessageRole,
    /// The text, exactly as given (well-formed).
    pub content: V,
    /// When it was written.
    pub created_at: String,
}

/// A message row as the chat API reads it: a [`Message`]'s columns, `metadata` (the JSON object
/// text the app stored with it, or NULL) and `parts` (the AI SDK's parts as JSON text, or NULL for
/// a message stored as text alone). Only a name for checked rows (the boundary hands the
/// engine's own rows on), so it has no values.
#[derive(Debug)]
pub enum ChatMessage {}

/// What `getConversationWithMessages` resolves to when the conversation exists: a conversation
/// and its messages, oldest first, ties in insertion order. Generic so the data layer can hand on
/// checked results (see [`crate::core::rows::Checked`]) where tests want decoded models.
#[derive(Debug, Clone, PartialEq)]
pub struct ConversationWithMessages<C = Conversation, Ms = Vec<Message>> {
    /// The conversation.
    pub conversation: C,
    /// Its messages.
    pub messages: Ms,
}
