//! One method call's plumbing: the data layer it runs on, metered when the Worker passed
//! `onQuery`, and the promise it settles, reporting the call's cost to `onQuery` once it has.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::boundary::args;
use crate::boundary::backend::Backend;
use crate::boundary::errors::{database_error, invalid_options_error};
use crate::boundary::externs::report_cost;
use crate::boundary::guarded;
use crate::core::chat::{self, replies::STALE_AFTER_MS};
use crate::core::cost::Cost;
use crate::core::error::Method;
use crate::core::layer::DataLayer;
use crate::core::storage::Rejection;

/// What every method of a client (and of its chat sessions) starts a call from.
#[derive(Clone)]
pub struct Calls {
    layer: DataLayer<Backend>,
    on_query: Option<Function>,
}

/// A metered call's cost so far, shared by its backend (which records) and its promise (which
/// reports).
pub struct Meter {
    on_query: Function,
    cost: Rc<RefCell<Cost>>,
}

impl Calls {
    /// Calls over `backend`, reporting to `options.onQuery` when that is a function, reading a
    /// reply `streaming` for longer than `options.staleAfterMs` (default 120,000) as `interrupted`.
    /// `options` may be `undefined` or `null`; anything else that is not an object, an `onQuery`
    /// that is neither absent nor a function, or a `staleAfterMs` that is not an integer from 1 to
    /// 86,400,000, is refused (`VALIDATION_ERROR`) so a typo fails at once.
    pub fn new(backend: Backend, options: &JsValue) -> Result<Calls, JsValue> {
        let on_query = if options.is_undefined() || options.is_null() {
            JsValue::UNDEFINED
        } else if options.is_object() {
            guarded::get(options, "onQuery")
                .map_err(|_| invalid_options_error("an onQuery that can be read"))?
        } else {
            return Err(invalid_options_error("an object or undefined"));
        };
        let on_query = match on_query.dyn_into::<Function>() {
            Ok(function) => Some(function),
            Err(other) if other.is_undefined() => None,
            Err(_) => return Err(invalid_options_error("onQuery a function or undefined")),
        };
        let stale_after = match options.is_object() {
            true => guarded::get(options, "staleAfterMs")
                .map_err(|_| invalid_options_error("a staleAfterMs that can be read"))?,
            false => JsValue::UNDEFINED,
        };
        let stale_after = chat::limit("staleAfterMs", &args::arg(&stale_after), STALE_AFTER_MS)
            .map_err(|_| {
                invalid_options_error("staleAfterMs an integer from 1 to 86400000 (ms)")
            })?;
        Ok(Calls {
            layer: DataLayer::new(backend).with_stale_after(stale_after.into()),
            on_query,
        })
    }

    /// A new call: the layer it runs on, with a fresh meter of its own when there is `onQuery`
    /// (concurrent calls each count their own round trips).
    pub fn start(&self) -> (DataLayer<Backend>, Option<Meter>) {
        let Some(on_query) = &self.on_query else {
            return (self.layer.clone(), None);
        };
        let cost = Rc::new(RefCell::new(Cost::default()));
        let layer = self.layer.over(self.layer.storage().metered(cost.clone()));
        let meter = Meter {
            on_query: on_query.clone(),
            cost,
        };
        (layer, Some(meter))
    }
}

impl Calls {
    /// Runs one call of `method`: `run` gets the layer to run on and makes the call's future,
    /// whose outcome settles the returned promise (see [`respond`]).
    pub fn call<Call>(
        &self,
        method: Method,
        run: impl FnOnce(DataLayer<Backend>) -> Call,
    ) -> Promise
    where
        Call: Future<Output = Result<JsValue, Rejection<JsValue>>> + 'static,
    {
        let (layer, meter) = self.start();
        respond(method, meter, run(layer))
    }
}

/// Runs one method call as a promise that resolves to its value or rejects with a
/// `DatabaseError` naming `method`, reporting to `meter`'s `onQuery` first.
pub fn respond(
    method: Method,
    meter: Option<Meter>,
    call: impl Future<Output = Result<JsValue, Rejection<JsValue>>> + 'static,
) -> Promise {
    settle(method, meter, Box::pin(call))
}

/// A method's call, boxed: every method shares one promise adapter instead of each copying it
/// into the wasm around its own future (about 1 KB gzipped a method).
type Call = Pin<Box<dyn Future<Output = Result<JsValue, Rejection<JsValue>>>>>;

fn settle(method: Method, meter: Option<Meter>, call: Call) -> Promise {
    future_to_promise(async move {
        let outcome = call.await;
        if let Some(meter) = meter {
            meter.report(method.name, outcome.is_ok());
        }
        outcome.map_err(|rejection| database_error(method, rejection))
    })
}

impl Meter {
    /// Calls `onQuery` with the call's cost. Whatever it throws or rejects with is caught and logged
    /// with `console.error`: the app's callback never changes the call's result.
    fn report(self, method: &str, ok: bool) {
        let cost = self.cost.borrow();
        let report: JsValue = Object::new().into();
        let number = |n: f64| JsValue::from_f64(n);
        let mut fields = vec![
            ("method", JsValue::from_str(method)),
            ("ok", JsValue::from_bool(ok)),
            ("round_trips", number(cost.round_trips.into())),
            ("statements", number(cost.statements.into())),
            ("rows_read", number(cost.rows_read)),
            ("rows_written", number(cost.rows_written)),
            ("duration_ms", number(cost.duration_ms)),
        ];
        if let Some(region) = &cost.served_by_region {
            fields.push(("served_by_region", JsValue::from_str(region)));
        }
        if let Some(primary) = cost.served_by_primary {
            fields.push(("served_by_primary", JsValue::from_bool(primary)));
        }
        for (key, value) in fields {
            // A fresh plain object: setting a property cannot throw.
            let _ = Reflect::set(&report, &JsValue::from_str(key), &value);
        }
        // The helper catches everything itself; the import catches too, for a hostile `console`.
        let _ = report_cost(&self.on_query, &report);
    }
}

/// The Worker's clock, for the timestamps a call writes. Workers advance it only between I/O,
/// which is fine for timestamps that need to be ordered, not precise.
pub fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}
