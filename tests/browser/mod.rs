//! What the browser suites share: the D1 double (tests/wasm/d1_double.js) and helpers to call the
//! exported `DatabaseClient` and look at what it answers.
#![allow(dead_code)] // Each test binary uses a different part of this module.

use chat_d1::boundary::client::DatabaseClient;
use chat_d1::boundary::errors::database_error_class;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/tests/wasm/d1_double.js")]
extern "C" {
    /// A recording stand-in for a D1 binding.
    #[derive(Clone)]
    pub type D1Double;
    #[wasm_bindgen(constructor)]
    pub fn new() -> D1Double;
    #[wasm_bindgen(method, variadic, js_name = answerRows)]
    pub fn answer_rows(this: &D1Double, rows: &Array);
    #[wasm_bindgen(method, js_name = answerError)]
    pub fn answer_error(this: &D1Double, error: &JsValue);
    #[wasm_bindgen(method, js_name = throwOnPrepare)]
    pub fn throw_on_prepare(this: &D1Double, error: &JsValue);
    #[wasm_bindgen(method, js_name = answerMalformed)]
    pub fn answer_malformed(this: &D1Double, value: &JsValue);
    #[wasm_bindgen(method, getter, js_name = roundTrips)]
    pub fn round_trips(this: &D1Double) -> u32;
    #[wasm_bindgen(method, getter)]
    pub fn calls(this: &D1Double) -> Array;
    #[wasm_bindgen(js_name = isInstance)]
    pub fn is_instance(value: &JsValue, class: &JsValue) -> bool;
    #[wasm_bindgen(js_name = bigInt)]
    pub fn big_int() -> JsValue;
    #[wasm_bindgen(js_name = throwingGetter)]
    pub fn throwing_getter() -> JsValue;
    #[wasm_bindgen(js_name = loneSurrogate)]
    pub fn lone_surrogate() -> JsValue;
    #[wasm_bindgen(js_name = revokedProxy)]
    pub fn revoked_proxy() -> JsValue;
    pub fn symbol() -> JsValue;
}

pub fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

pub fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

pub fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &s(key)).expect("property readable")
}

pub fn keys(object: &JsValue) -> Vec<String> {
    Object::keys(object.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect()
}

pub fn client() -> (DatabaseClient, D1Double) {
    let double = D1Double::new();
    let client = DatabaseClient::new(double.clone().into(), JsValue::UNDEFINED)
        .expect("the double is accepted");
    (client, double)
}

pub async fn resolves(promise: js_sys::Promise) -> JsValue {
    JsFuture::from(promise).await.expect("the call resolves")
}

pub async fn rejects(promise: js_sys::Promise) -> JsValue {
    JsFuture::from(promise).await.expect_err("the call rejects")
}

/// The statements of the double's `n`th round trip as (sql, params JSON).
pub fn sent(double: &D1Double, n: u32) -> (String, Vec<(String, String)>) {
    let call = double.calls().get(n);
    let kind = get(&call, "kind").as_string().unwrap();
    let statements = Array::from(&get(&call, "statements"))
        .iter()
        .map(|st| {
            let sql = get(&st, "sql").as_string().unwrap();
            let params = JSON::stringify(&get(&st, "params"))
                .unwrap()
                .as_string()
                .unwrap();
            (sql, params)
        })
        .collect();
    (kind, statements)
}

pub fn assert_database_error(error: &JsValue, code: &str, prefix: &str) {
    assert!(error.is_instance_of::<js_sys::Error>(), "an Error");
    assert!(
        is_instance(error, &database_error_class()),
        "a DatabaseError"
    );
    assert_eq!(get(error, "name"), s("DatabaseError"));
    assert_eq!(get(error, "code"), s(code));
    let message = get(error, "message").as_string().unwrap();
    assert!(
        message.starts_with(prefix),
        "{message:?} starts with {prefix:?}"
    );
}
