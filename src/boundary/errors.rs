//! Turns a [`Rejection`] into the JS `DatabaseError` the Worker catches.

use wasm_bindgen::prelude::*;

use crate::boundary::externs::{DatabaseError, DATABASE_ERROR_CLASS};
use crate::core::error::{ErrorCode, Failure, Method};
use crate::core::storage::Rejection;

/// The `DatabaseError` for `method` failing with `rejection`: the contract's message prefix and
/// code, and the underlying error (if any) as `cause`.
pub fn database_error(method: Method, rejection: Rejection<JsValue>) -> JsValue {
    let failure = Failure::new(method, &rejection.error);
    let cause = rejection.cause.unwrap_or(JsValue::UNDEFINED);
    DatabaseError::new(&failure.message, failure.code.as_str(), &cause).into()
}

/// The `DatabaseError` class. Internal: the package entry re-exports it as `DatabaseError`.
#[wasm_bindgen(js_name = databaseErrorClass)]
pub fn database_error_class() -> JsValue {
    DATABASE_ERROR_CLASS.with(JsValue::clone)
}

/// The `DatabaseError` thrown by `new DatabaseClient(db)` when `db` is not a D1 binding.
pub fn invalid_binding_error(found: &str) -> JsValue {
    let message = format!(
        "DatabaseClient needs a D1 binding (an object with prepare() and batch()) or a Durable Object's ctx.storage (sql.exec() and transactionSync()), got {found}"
    );
    DatabaseError::new(
        &message,
        ErrorCode::ValidationError.as_str(),
        &JsValue::UNDEFINED,
    )
    .into()
}

/// The `DatabaseError` `new DatabaseClient(db, options)` throws when `options` is not what it
/// reads: `expected` says what it needed.
pub fn invalid_options_error(expected: &str) -> JsValue {
    let message = format!("DatabaseClient options: expected {expected}");
    DatabaseError::new(
        &message,
        ErrorCode::ValidationError.as_str(),
        &JsValue::UNDEFINED,
    )
    .into()
}
