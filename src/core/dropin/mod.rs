//! The drop-in API: the five methods of the TypeScript layer chat-d1 replaces, answering every
//! input the old layer answered the same way (`contract.md`). One file per capability; each holds
//! its methods' names (`Method`) and operations, on the generated binders of [`crate::core::sql`].

pub mod conversations;
pub mod messages;
pub mod sessions;

pub use conversations::{CREATE_CONVERSATION, GET_CONVERSATION_WITH_MESSAGES, LIST_CONVERSATIONS};
pub use messages::CREATE_MESSAGE;
pub use sessions::GET_OR_CREATE_SESSION;
