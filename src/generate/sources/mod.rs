//! The sea-query sources of every statement the runtime sends, one file per capability, each
//! statement written once: its builder names its parameters (`generate::sql::param`), and the
//! generator renders its SQL constant and binder into `src/core/sql.rs`.

pub mod branches;
pub mod branching;
pub mod conversations;
pub mod editing;
pub mod messages;
pub mod migrate;
pub mod pages;
pub mod replies;
pub mod retention;
pub mod saving;
pub mod search;
pub mod search_index;
pub mod search_triggers;
pub mod sessions;
pub mod turns;
pub mod walk;
pub mod walked;

use crate::generate::sql::Rendered;

/// Every statement, the drop-in API's first, then the chat API's, then `migrate`'s. The one list
/// to extend with a new capability; a new statement of an existing one goes in its `rendered()`.
pub fn statements() -> Vec<Rendered> {
    [
        sessions::rendered(),
        conversations::rendered(),
        messages::rendered(),
        turns::rendered(),
        editing::rendered(),
        retention::rendered(),
        pages::rendered(),
        saving::rendered(),
        branches::rendered(),
        branching::rendered(),
        replies::rendered(),
        search::rendered(),
        search_index::rendered(),
        migrate::rendered(),
    ]
    .concat()
}
