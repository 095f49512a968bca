//! The storage a client runs on, whichever engine it is: D1 or a Durable Object's SQLite. One type
//! for both, so the core's data layer is compiled into the wasm once, not once per engine. Each
//! round trip's answer (D1's shape from either engine) is metered into the call's [`Cost`] when the
//! Worker asked for `onQuery`, and its rows are handed to the core.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::JsValue;

use crate::boundary::d1::{Answer, D1};
use crate::boundary::durable::DurableSql;
use crate::boundary::guarded;
use crate::boundary::results::{copied_array, engine_failure, malformed, meta_of, rows_of, JsRows};
use crate::core::cost::Cost;
use crate::core::statement::Statement;
use crate::core::storage::{Rejection, Storage};
use crate::core::validate::D1_MAX_VALUE_BYTES;

/// An engine, and the cost meter of the call using it, if any.
#[derive(Debug, Clone)]
pub struct Backend {
    engine: Engine,
    meter: Option<Rc<RefCell<Cost>>>,
}

#[derive(Debug, Clone)]
enum Engine {
    D1(D1),
    Durable(DurableSql),
}

impl Backend {
    /// The engine `db` is: a Durable Object's `ctx.storage` (it has `sql.exec` and
    /// `transactionSync`), a D1 binding or session (`prepare` and `batch`), or `None`.
    pub fn of(db: &JsValue) -> Option<Backend> {
        let has = |object: &JsValue, name: &str| {
            guarded::get(object, name).is_ok_and(|value| value.is_function())
        };
        let sql = guarded::get(db, "sql").unwrap_or(JsValue::UNDEFINED);
        let engine = if has(&sql, "exec") && has(db, "transactionSync") {
            Engine::Durable(DurableSql::new(db.clone()))
        } else if has(db, "prepare") && has(db, "batch") {
            Engine::D1(D1::new(db.clone()))
        } else {
            return None;
        };
        Some(Backend {
            engine,
            meter: None,
        })
    }

    /// Whether this is a Durable Object's storage.
    pub fn is_durable(&self) -> bool {
        matches!(self.engine, Engine::Durable(_))
    }

    /// The same engine, recording each round trip into `cost`.
    pub fn metered(&self, cost: Rc<RefCell<Cost>>) -> Self {
        Backend {
            engine: self.engine.clone(),
            meter: Some(cost),
        }
    }

    /// One round trip of `statements` (`batch` false: the one statement alone), metered; answers
    /// the results, one per statement, as a plain copy of the array the engine gave (an answer
    /// that is not one is malformed, and meters no results).
    async fn round_trip(
        &self,
        statements: &[Statement],
        batch: bool,
    ) -> Result<Array, Rejection<JsValue>> {
        let answer: Answer = match &self.engine {
            Engine::D1(d1) => match statements {
                [only] if !batch => d1.all(only).await?.map(|one| Array::of1(&one).into()),
                _ => d1.batch(statements).await?,
            },
            Engine::Durable(sql) => sql.run(statements),
        };
        let results = answer.map_err(engine_failure).and_then(|answer| {
            copied_array(&answer, "batch() did not resolve to an array", &answer)
        });
        if let Some(cost) = &self.meter {
            let metas = results
                .iter()
                .flat_map(Array::iter)
                .map(|result| meta_of(&result));
            cost.borrow_mut().round_trip(statements.len(), metas);
        }
        results
    }
}

impl Storage for Backend {
    type Rows = JsRows;
    type Cause = JsValue;
    const MAX_VALUE_BYTES: usize = D1_MAX_VALUE_BYTES;

    async fn all(&self, statement: Statement) -> Result<JsRows, Rejection<JsValue>> {
        let results = self
            .round_trip(std::slice::from_ref(&statement), false)
            .await?;
        rows_of(&results.get(0))
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<JsRows>, Rejection<JsValue>> {
        let results = self.round_trip(&statements, true).await?;
        if results.length() as usize != statements.len() {
            return Err(Rejection {
                error: malformed(format!(
                    "batch() of {} statements resolved to {} results",
                    statements.len(),
                    results.length()
                )),
                cause: Some(results.into()),
            });
        }
        results.iter().map(|result| rows_of(&result)).collect()
    }
}
