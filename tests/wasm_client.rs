#![cfg(target_arch = "wasm32")]
//! The exported `DatabaseClient` in a real browser, against a D1 double that records what it is
//! sent: one D1 call per method, the exact JS shapes returned, `DatabaseError` for every failure,
//! and hostile arguments rejected without SQL and without poisoning the instance.

use chat_d1::client::DatabaseClient;
use chat_d1::js_error::database_error_class;
use chat_d1::queries;
use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/wasm/d1_double.js")]
extern "C" {
    #[derive(Clone)]
    type D1Double;
    #[wasm_bindgen(constructor)]
    fn new() -> D1Double;
    #[wasm_bindgen(method, variadic, js_name = answerRows)]
    fn answer_rows(this: &D1Double, rows: &Array);
    #[wasm_bindgen(method, js_name = answerError)]
    fn answer_error(this: &D1Double, error: &JsValue);
    #[wasm_bindgen(method, js_name = throwOnPrepare)]
    fn throw_on_prepare(this: &D1Double, error: &JsValue);
    #[wasm_bindgen(method, js_name = answerMalformed)]
    fn answer_malformed(this: &D1Double, value: &JsValue);
    #[wasm_bindgen(method, getter, js_name = roundTrips)]
    fn round_trips(this: &D1Double) -> u32;
    #[wasm_bindgen(method, getter)]
    fn calls(this: &D1Double) -> Array;
    #[wasm_bindgen(js_name = isInstance)]
    fn is_instance(value: &JsValue, class: &JsValue) -> bool;
    #[wasm_bindgen(js_name = bigInt)]
    fn big_int() -> JsValue;
    #[wasm_bindgen(js_name = throwingGetter)]
    fn throwing_getter() -> JsValue;
    #[wasm_bindgen(js_name = loneSurrogate)]
    fn lone_surrogate() -> JsValue;
    #[wasm_bindgen(js_name = classInstance)]
    fn class_instance() -> JsValue;
    fn symbol() -> JsValue;
}

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON parses")
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &s(key)).expect("property readable")
}

fn keys(object: &JsValue) -> Vec<String> {
    Object::keys(object.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect()
}

fn client() -> (DatabaseClient, D1Double) {
    let double = D1Double::new();
    let client = DatabaseClient::new(double.clone().into()).expect("the double is accepted");
    (client, double)
}

async fn resolves(promise: js_sys::Promise) -> JsValue {
    JsFuture::from(promise).await.expect("the call resolves")
}

async fn rejects(promise: js_sys::Promise) -> JsValue {
    JsFuture::from(promise).await.expect_err("the call rejects")
}

/// The statements of the double's `n`th round trip as (sql, params JSON).
fn sent(double: &D1Double, n: u32) -> (String, Vec<(String, String)>) {
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

fn assert_database_error(error: &JsValue, code: &str, prefix: &str) {
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

const SESSION_ROW: &str = r#"{"id":"s1","created_at":"2025-11-14T10:30:00.123Z","last_activity":"2025-11-14T10:30:00.123Z","metadata":null}"#;
const CONVERSATION_ROW: &str = r#"{"id":"c1","session_id":"s1","title":null,"created_at":"2025-11-14T10:30:00.123Z","updated_at":"2025-11-14T10:30:00.123Z"}"#;
const MESSAGE_ROW: &str = r#"{"id":"m1","conversation_id":"c1","role":"user","content":"hi","created_at":"2025-11-14T10:30:00.123Z"}"#;

#[wasm_bindgen_test]
async fn get_or_create_session_sends_one_upsert_and_leaves_metadata_absent() {
    let (client, double) = client();
    double.answer_rows(&Array::of1(&json(&format!("[{SESSION_ROW}]"))));
    let session = resolves(client.get_or_create_session(s("s1"), JsValue::UNDEFINED)).await;
    assert_eq!(double.round_trips(), 1);
    let (kind, statements) = sent(&double, 0);
    assert_eq!(kind, "all");
    let expected = queries::get_or_create_session("s1", "T", None);
    assert_eq!(statements[0].0, expected.sql);
    assert!(statements[0].1.starts_with(r#"["s1",""#) && statements[0].1.ends_with(",null]"));
    assert_eq!(keys(&session), ["id", "created_at", "last_activity"]);
    assert!(!Reflect::has(&session, &s("metadata")).unwrap());
}

#[wasm_bindgen_test]
async fn stored_metadata_comes_back_as_a_real_object() {
    let (client, double) = client();
    let row = SESSION_ROW.replace(
        r#""metadata":null"#,
        r#""metadata":"{\"ua\":\"x\",\"n\":[1]}""#,
    );
    double.answer_rows(&Array::of1(&json(&format!("[{row}]"))));
    let metadata = json(r#"{"ua":"x","n":[1]}"#);
    let session = resolves(client.get_or_create_session(s("s1"), metadata)).await;
    let (_, statements) = sent(&double, 0);
    assert!(
        statements[0].1.ends_with(r#","{\"ua\":\"x\",\"n\":[1]}"]"#),
        "{}",
        statements[0].1
    );
    let returned = get(&session, "metadata");
    assert!(returned.is_object());
    assert_eq!(JSON::stringify(&returned).unwrap(), r#"{"ua":"x","n":[1]}"#);
}

#[wasm_bindgen_test]
async fn create_conversation_sends_one_insert_and_returns_title_null() {
    let (client, double) = client();
    let conversation = resolves(client.create_conversation(s("c1"), s("s1"), s(""))).await;
    assert_eq!(double.round_trips(), 1);
    let (kind, statements) = sent(&double, 0);
    assert_eq!((kind.as_str(), statements.len()), ("all", 1));
    assert!(statements[0].1.starts_with(r#"["c1","s1",null,"#));
    assert_eq!(
        keys(&conversation),
        ["id", "session_id", "title", "created_at", "updated_at"]
    );
    assert!(get(&conversation, "title").is_null());
    let created = get(&conversation, "created_at").as_string().unwrap();
    assert_eq!(created.len(), "2025-11-14T10:30:00.123Z".len());
    assert_eq!(
        get(&conversation, "updated_at").as_string().unwrap(),
        created
    );
}

#[wasm_bindgen_test]
async fn create_message_sends_one_batch_of_insert_and_touch() {
    let (client, double) = client();
    let message = resolves(client.create_message(s("m1"), s("c1"), s("assistant"), s("hi"))).await;
    assert_eq!(double.round_trips(), 1);
    let (kind, statements) = sent(&double, 0);
    assert_eq!((kind.as_str(), statements.len()), ("batch", 2));
    assert!(statements[0].0.starts_with(r#"INSERT INTO "messages""#));
    assert!(statements[1].0.starts_with(r#"UPDATE "conversations""#));
    assert_eq!(
        keys(&message),
        ["id", "conversation_id", "role", "content", "created_at"]
    );
    assert_eq!(get(&message, "role"), s("assistant"));
}

#[wasm_bindgen_test]
async fn list_conversations_sends_one_select_with_the_default_limit() {
    let (client, double) = client();
    double.answer_rows(&Array::of1(&json(&format!("[{CONVERSATION_ROW}]"))));
    let list = resolves(client.list_conversations(s("s1"), JsValue::UNDEFINED)).await;
    assert_eq!(double.round_trips(), 1);
    assert_eq!(sent(&double, 0).1[0].1, r#"["s1",10]"#);
    assert!(Array::is_array(&list));
    let first = Array::from(&list).get(0);
    assert_eq!(
        keys(&first),
        ["id", "session_id", "title", "created_at", "updated_at"]
    );
    assert!(get(&first, "title").is_null());
    resolves(client.list_conversations(s("s1"), JsValue::from_f64(3.0))).await;
    assert_eq!(sent(&double, 1).1[0].1, r#"["s1",3]"#);
}

#[wasm_bindgen_test]
async fn get_conversation_with_messages_is_one_batch_and_null_when_missing() {
    let (client, double) = client();
    double.answer_rows(&Array::of2(
        &json(&format!("[{CONVERSATION_ROW}]")),
        &json(&format!("[{MESSAGE_ROW}]")),
    ));
    let found = resolves(client.get_conversation_with_messages(s("c1"))).await;
    assert_eq!(sent(&double, 0).0, "batch");
    assert_eq!(keys(&found), ["conversation", "messages"]);
    let messages = Array::from(&get(&found, "messages"));
    assert_eq!(messages.length(), 1);
    assert_eq!(get(&messages.get(0), "content"), s("hi"));
    double.answer_rows(&Array::of2(&Array::new(), &Array::new()));
    let missing = resolves(client.get_conversation_with_messages(s("nope"))).await;
    assert!(missing.is_null());
    assert_eq!(double.round_trips(), 2);
}

#[wasm_bindgen_test]
async fn a_d1_failure_rejects_with_a_database_error_keeping_the_cause() {
    let (client, double) = client();
    let d1_error: JsValue =
        js_sys::Error::new("D1_ERROR: no such table: conversations: SQLITE_ERROR").into();
    double.answer_error(&d1_error);
    let error = rejects(client.list_conversations(s("s1"), JsValue::UNDEFINED)).await;
    assert_database_error(
        &error,
        "QUERY_ERROR",
        "Failed to list conversations: D1_ERROR: no such table",
    );
    assert_eq!(get(&error, "cause"), d1_error);
}

#[wasm_bindgen_test]
async fn a_constraint_message_is_a_constraint_error() {
    let (client, double) = client();
    let d1_error: JsValue = js_sys::Error::new(
        "D1_ERROR: FOREIGN KEY constraint failed: SQLITE_CONSTRAINT (extended: SQLITE_CONSTRAINT_FOREIGNKEY)",
    )
    .into();
    double.answer_error(&d1_error);
    let error = rejects(client.create_message(s("m"), s("c"), s("user"), s("x"))).await;
    assert_database_error(
        &error,
        "CONSTRAINT_ERROR",
        "Failed to create message: D1_ERROR: FOREIGN KEY",
    );
    assert_eq!(get(&error, "cause"), d1_error);
}

#[wasm_bindgen_test]
async fn faults_in_the_binding_reject_and_the_client_keeps_working() {
    let (client, double) = client();
    let thrown: JsValue = js_sys::TypeError::new("prepare exploded").into();
    double.throw_on_prepare(&thrown);
    let error = rejects(client.create_conversation(s("c"), s("s"), JsValue::UNDEFINED)).await;
    assert_database_error(
        &error,
        "INSERT_ERROR",
        "Failed to create conversation: prepare exploded",
    );
    assert_eq!(get(&error, "cause"), thrown);

    for malformed in [JsValue::NULL, json(r#"{"results":"nope"}"#), json("[1]")] {
        double.answer_malformed(&malformed);
        let error = rejects(client.get_conversation_with_messages(s("c"))).await;
        assert_database_error(
            &error,
            "QUERY_ERROR",
            "Failed to get conversation with messages: D1 returned a malformed result",
        );
    }
    double.answer_rows(&Array::of1(&json(r#"[{"id":"c1"}]"#)));
    let error = rejects(client.list_conversations(s("s"), JsValue::UNDEFINED)).await;
    assert_database_error(
        &error,
        "QUERY_ERROR",
        "Failed to list conversations: D1 returned a malformed result: column session_id",
    );

    resolves(client.create_conversation(s("c"), s("s"), JsValue::UNDEFINED)).await;
}

/// Calls every method with `bad` in the position `place` names, and checks each rejects with a
/// VALIDATION_ERROR naming the argument, without any SQL being sent.
async fn rejected_without_sql(
    client: &DatabaseClient,
    double: &D1Double,
    call: js_sys::Promise,
    mentions: &str,
) {
    let before = double.round_trips();
    let error = rejects(call).await;
    assert_database_error(&error, "VALIDATION_ERROR", "Failed to ");
    let message = get(&error, "message").as_string().unwrap();
    assert!(
        message.contains(mentions),
        "{message:?} mentions {mentions:?}"
    );
    assert_eq!(
        double.round_trips(),
        before,
        "no SQL was sent for {message:?}"
    );
    // The same instance still works: nothing was poisoned.
    double.answer_rows(&Array::of1(&Array::new()));
    resolves(client.list_conversations(s("s1"), JsValue::UNDEFINED)).await;
}

#[wasm_bindgen_test]
async fn hostile_arguments_are_rejected_without_sql() {
    let (client, double) = client();
    let u = || JsValue::UNDEFINED;
    let two_mb_id = s(&"i".repeat(2_000_001));
    let non_strings = [
        JsValue::from_f64(1.0),
        JsValue::from_f64(f64::NAN),
        u(),
        JsValue::NULL,
        json("{}"),
        json("[]"),
        big_int(),
        symbol(),
        lone_surrogate(),
    ];
    for bad in non_strings.iter().chain([&two_mb_id]) {
        let c = &client;
        let d = &double;
        rejected_without_sql(c, d, c.get_or_create_session(bad.clone(), u()), "sessionId").await;
        rejected_without_sql(c, d, c.create_conversation(bad.clone(), s("s"), u()), "id").await;
        rejected_without_sql(
            c,
            d,
            c.create_conversation(s("c"), bad.clone(), u()),
            "sessionId",
        )
        .await;
        rejected_without_sql(
            c,
            d,
            c.create_message(bad.clone(), s("c"), s("user"), s("x")),
            "id",
        )
        .await;
        rejected_without_sql(
            c,
            d,
            c.create_message(s("m"), bad.clone(), s("user"), s("x")),
            "conversationId",
        )
        .await;
        rejected_without_sql(
            c,
            d,
            c.create_message(s("m"), s("c"), s("user"), bad.clone()),
            "content",
        )
        .await;
        rejected_without_sql(c, d, c.list_conversations(bad.clone(), u()), "sessionId").await;
        rejected_without_sql(
            c,
            d,
            c.get_conversation_with_messages(bad.clone()),
            "conversationId",
        )
        .await;
    }
    for role in [
        s("system"),
        s("USER"),
        JsValue::from_f64(0.0),
        u(),
        JsValue::NULL,
        lone_surrogate(),
    ] {
        rejected_without_sql(
            &client,
            &double,
            client.create_message(s("m"), s("c"), role, s("x")),
            "role",
        )
        .await;
    }
    for limit in [0.0, -1.0, 2.5, f64::NAN, f64::INFINITY, -0.0] {
        let call = client.list_conversations(s("s1"), JsValue::from_f64(limit));
        rejected_without_sql(&client, &double, call, "limit must be a positive integer").await;
    }
    for limit in [s("10"), JsValue::NULL, big_int(), json("{}")] {
        rejected_without_sql(
            &client,
            &double,
            client.list_conversations(s("s1"), limit),
            "limit",
        )
        .await;
    }
    for metadata in [
        json("[1]"),
        s("text"),
        JsValue::from_f64(3.0),
        class_instance(),
        throwing_getter(),
        big_int(),
    ] {
        rejected_without_sql(
            &client,
            &double,
            client.get_or_create_session(s("s1"), metadata),
            "metadata",
        )
        .await;
    }
    for title in [JsValue::from_f64(5.0), json("{}"), lone_surrogate()] {
        rejected_without_sql(
            &client,
            &double,
            client.create_conversation(s("c"), s("s"), title),
            "title",
        )
        .await;
    }
}

#[wasm_bindgen_test]
async fn metadata_holding_a_bigint_keeps_the_type_error_as_cause() {
    let (client, _double) = client();
    let metadata = Object::new();
    Reflect::set(&metadata, &s("n"), &big_int()).unwrap();
    let error = rejects(client.get_or_create_session(s("s1"), metadata.into())).await;
    assert_database_error(
        &error,
        "VALIDATION_ERROR",
        "Failed to get or create session: metadata must be a plain JSON object",
    );
    assert!(get(&error, "cause").is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn a_missing_binding_is_refused_at_construction() {
    for not_a_binding in [JsValue::UNDEFINED, JsValue::NULL, json("{}"), s("DB")] {
        let error = DatabaseClient::new(not_a_binding).err().expect("refused");
        assert!(is_instance(&error, &database_error_class()));
        assert_eq!(get(&error, "code"), s("VALIDATION_ERROR"));
    }
}

#[wasm_bindgen_test]
fn helpers_generate_and_check_ids() {
    use chat_d1::helpers::*;
    let id = generate_session_id().unwrap();
    assert!(is_valid_session_id_js(s(&id)));
    assert_ne!(
        generate_conversation_id().unwrap(),
        generate_message_id().unwrap()
    );
    assert!(!is_valid_session_id_js(JsValue::from_f64(4.0)));
    assert!(is_valid_message_role(s("user")) && is_valid_message_role(s("assistant")));
    assert!(!is_valid_message_role(s("system")) && !is_valid_message_role(JsValue::NULL));
}
