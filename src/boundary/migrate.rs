//! The exported `migrate(ctx.storage)`: brings a SQLite-backed Durable Object's database to the
//! package's schema, for the object's constructor (inside `blockConcurrencyWhile`). D1 is migrated
//! by wrangler (`wrangler d1 migrations apply`), so a D1 binding is refused.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use crate::boundary::args;
use crate::boundary::backend::Backend;
use crate::boundary::calls::respond;
use crate::core::error::Error;
use crate::core::layer::DataLayer;
use crate::core::migrate::MIGRATE;

/// `migrate(ctx.storage)`: applies every migration the object's database has not recorded, in one
/// transaction; resolves to the names applied, `[]` when it was up to date. Rejects with a
/// `DatabaseError` (`VALIDATION_ERROR`) for anything but a Durable Object's storage.
#[wasm_bindgen]
pub fn migrate(storage: JsValue) -> Promise {
    respond(MIGRATE, None, async move {
        let backend = Backend::of(&storage)
            .filter(Backend::is_durable)
            .ok_or_else(|| Error::Invalid {
                argument: "storage",
                expected: "a SQLite-backed Durable Object's ctx.storage (D1 is migrated by `wrangler d1 migrations apply`)",
                found: args::describe(&storage),
            })?;
        let applied = DataLayer::new(backend).migrate().await?;
        Ok(applied
            .into_iter()
            .map(JsValue::from_str)
            .collect::<Array>()
            .into())
    })
}
