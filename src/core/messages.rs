//! Messages: `createMessage`. Its statements, how its arguments are bound to them, and the
//! operation; at the end, the sea-query source its SQL is generated from.

use crate::core::arg::{Arg, Scalar};
use crate::core::error::{Error, ErrorCode, Method};
use crate::core::layer::{explained, DataLayer, Outcome};
use crate::core::model::{Message, MessageRole};
use crate::core::sql;
use crate::core::statement::{text, Statement};
use crate::core::storage::{Storage, Violation};
use crate::core::time::iso_timestamp;
use crate::core::validate;

/// `createMessage(id, conversationId, role, content)`.
pub const CREATE_MESSAGE: Method = Method {
    name: "createMessage",
    message_prefix: "Failed to create message: ",
    default_code: ErrorCode::InsertError,
};

/// The message insert and the `updated_at` touch, sent as one batch (one transaction); see
/// [`source::create_message`].
pub fn insert_message(message: &Message<Scalar>) -> [Statement; 2] {
    [
        Statement {
            sql: sql::INSERT_MESSAGE,
            params: vec![
                message.id.inserted(),
                message.conversation_id.inserted(),
                text(message.role.as_str()),
                message.content.inserted(),
                text(&message.created_at),
            ],
        },
        Statement {
            sql: sql::TOUCH_CONVERSATION,
            params: vec![
                text(&message.created_at),
                message.conversation_id.inserted(),
            ],
        },
    ]
}

impl<S: Storage> DataLayer<S> {
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
    ) -> Outcome<Message<Scalar>, S> {
        let message = Message {
            id: id.scalar("id")?,
            conversation_id: conversation_id.scalar("conversationId")?,
            role: parse_role(role)?,
            content: content.scalar("content")?,
            created_at: iso_timestamp(now_millis)?,
        };
        let m = &message;
        self.storage()
            .batch(insert_message(m).into())
            .await
            .map_err(explained(|violation| match violation {
                Violation::ForeignKey => Some(format!(
                    "conversation {} does not exist",
                    m.conversation_id.shown()
                )),
                Violation::Unique(_) => {
                    Some(format!("a message with id {} already exists", m.id.shown()))
                }
                Violation::NotNull(column) if column.ends_with("content") => Some(format!(
                    "content is {}: a message needs content",
                    m.content.shown()
                )),
                Violation::NotNull(_) => Some(format!(
                    "conversationId is {}: a message needs a conversation",
                    m.conversation_id.shown()
                )),
                Violation::Check | Violation::Other => None,
            }))?;
        Ok(message)
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

/// The sea-query source of this capability's SQL, used at build time only:
/// `cargo run --example generate` renders it into [`crate::core::sql`].
#[cfg(not(target_arch = "wasm32"))]
pub mod source {
    use sea_query::{Expr, ExprTrait, Query};

    use crate::core::arg::Scalar;
    use crate::core::model::{Message, MessageRole};
    use crate::core::schema::{Conversations as C, Messages as M, MESSAGE_CONTRACT};
    use crate::generate::sql::{greater_of, insert_into, value, Built, Rendered};

    /// This capability's statements, for `core/sql.rs`.
    pub fn rendered() -> Vec<Rendered> {
        let message = Message {
            id: Scalar::Null,
            conversation_id: Scalar::Null,
            role: MessageRole::User,
            content: Scalar::Null,
            created_at: "now".into(),
        };
        let [insert, touch] = create_message(&message);
        vec![
            Rendered::new(
                "INSERT_MESSAGE",
                "`createMessage`, first of its batch: insert the message. Parameters: id, conversation_id, role, content, created_at.",
                insert,
            ),
            Rendered::new(
                "TOUCH_CONVERSATION",
                "`createMessage`, second of its batch: move `updated_at` forward. Parameters: created_at, conversation_id.",
                touch,
            ),
        ]
    }

    /// Inserts a message and touches its conversation's `updated_at`, as one batch (one
    /// transaction): both happen or neither does. A missing conversation fails the insert's
    /// foreign key and so rolls back the whole batch.
    ///
    /// `updated_at` takes the message's `created_at` but never moves backwards, so concurrent
    /// writers with slightly different clocks leave it at the newest message's time.
    pub fn create_message(message: &Message<Scalar>) -> [Built; 2] {
        let mut insert = insert_into(M::Table, MESSAGE_CONTRACT.idens());
        insert
            .values([
                value(message.id.inserted()),
                value(message.conversation_id.inserted()),
                message.role.as_str().into(),
                value(message.content.inserted()),
                message.created_at.as_str().into(),
            ])
            .expect("one value per column");
        let touch = Query::update()
            .table(C::Table)
            .value(
                C::UpdatedAt,
                greater_of(
                    Expr::col(C::UpdatedAt),
                    Expr::val(message.created_at.as_str()),
                ),
            )
            .and_where(Expr::col(C::Id).eq(value(message.conversation_id.inserted())))
            .to_owned();
        [Built::from(&insert), Built::from(&touch)]
    }
}
