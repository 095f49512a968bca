#![cfg(target_arch = "wasm32")]
//! The exported `DatabaseClient` in a real browser, against a D1 double that records what it is
//! sent: one D1 call per method, the exact JS shapes returned, and `DatabaseError` for every
//! failure. Odd arguments have their own suite (wasm_arguments.rs).

mod browser;

use browser::*;
use chat_d1::boundary::client::DatabaseClient;
use chat_d1::boundary::errors::database_error_class;
use chat_d1::core::dropin::sessions;
use chat_d1::core::value::SqlValue;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    let expected = sessions::upsert_session(SqlValue::Text("s1".into()), "T", None);
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
    assert!(statements[0].0.starts_with("INSERT INTO messages"));
    assert!(statements[1].0.starts_with("UPDATE conversations"));
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
        "Failed to create message: conversation \"c\" does not exist (D1_ERROR: FOREIGN KEY",
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
            "Failed to get conversation with messages: the database returned a malformed result",
        );
    }
    double.answer_rows(&Array::of1(&json(r#"[{"id":"c1"}]"#)));
    let error = rejects(client.list_conversations(s("s"), JsValue::UNDEFINED)).await;
    assert_database_error(
        &error,
        "QUERY_ERROR",
        "Failed to list conversations: the database returned a malformed result: column session_id",
    );

    resolves(client.create_conversation(s("c"), s("s"), JsValue::UNDEFINED)).await;
}

#[wasm_bindgen_test]
fn a_missing_binding_is_refused_at_construction() {
    for not_a_binding in [JsValue::UNDEFINED, JsValue::NULL, json("{}"), s("DB")] {
        let error = DatabaseClient::new(not_a_binding, JsValue::UNDEFINED)
            .err()
            .expect("refused");
        assert!(is_instance(&error, &database_error_class()));
        assert_eq!(get(&error, "code"), s("VALIDATION_ERROR"));
    }
}

#[wasm_bindgen_test]
fn helpers_generate_and_check_ids() {
    use chat_d1::boundary::helpers::*;
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
