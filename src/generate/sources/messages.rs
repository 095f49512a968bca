//! The sea-query source of `createMessage`'s SQL (the drop-in API).

use sea_query::{Expr, ExprTrait, Query};

use crate::core::schema::{Conversations as C, Messages as M, MESSAGE_CONTRACT};
use crate::generate::sql::{greater_of, insert_into, param, Built, Rendered};

/// This capability's statements, for `core/sql.rs`.
pub fn rendered() -> Vec<Rendered> {
    let [insert, touch] = create_message();
    vec![
        Rendered::new(
            "INSERT_MESSAGE",
            "`createMessage`, first of its batch: insert the message.",
            insert,
        ),
        Rendered::new(
            "TOUCH_CONVERSATION",
            "`createMessage`, second of its batch: move `updated_at` forward.",
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
pub fn create_message() -> [Built; 2] {
    let mut insert = insert_into(M::Table, MESSAGE_CONTRACT.idens());
    insert
        .values(MESSAGE_CONTRACT.names().map(|column| param(column).into()))
        .expect("one value per column");
    let touch = Query::update()
        .table(C::Table)
        .value(
            C::UpdatedAt,
            greater_of(Expr::col(C::UpdatedAt), Expr::val(param("created_at"))),
        )
        .and_where(Expr::col(C::Id).eq(param("conversation_id")))
        .to_owned();
    [Built::from(&insert), Built::from(&touch)]
}
