#![cfg(target_arch = "wasm32")]
//! The drop-in methods on the odd arguments real handlers pass through, in a real browser: what D1
//! binds is bound as given and echoed back as the old layer echoed it; what D1 would have refused
//! is refused before any SQL, naming the argument, and the instance keeps working. What the old
//! layer answered for each value is checked against the old layer itself on real D1
//! (tests/worker/differential.test.ts); this suite pins what reaches the binding.

mod browser;

use browser::*;
use chat_d1::boundary::client::DatabaseClient;
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Checks that `call` rejects with a VALIDATION_ERROR whose message contains `mentions`, that no
/// SQL was sent, and that the same instance still answers.
async fn refused_without_sql(
    client: &DatabaseClient,
    double: &D1Double,
    call: Promise,
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
    double.answer_rows(&Array::of1(&Array::new()));
    resolves(client.list_conversations(s("s1"), JsValue::UNDEFINED)).await;
}

#[wasm_bindgen_test]
async fn values_d1_cannot_bind_are_refused_before_any_sql() {
    let (client, double) = client();
    let (c, d, u) = (&client, &double, JsValue::UNDEFINED);
    // Arrays of bytes are bound as BLOBs (see below); these are not.
    let unbindable = [
        json("{}"),
        json(r#"["x"]"#),
        json("[256]"),
        big_int(),
        symbol(),
        revoked_proxy(),
    ];
    for bad in &unbindable {
        let bad = || bad.clone();
        refused_without_sql(c, d, c.get_or_create_session(bad(), u.clone()), "sessionId").await;
        refused_without_sql(c, d, c.create_conversation(bad(), s("s"), u.clone()), "id").await;
        refused_without_sql(
            c,
            d,
            c.create_conversation(s("c"), bad(), u.clone()),
            "sessionId",
        )
        .await;
        refused_without_sql(c, d, c.create_conversation(s("c"), s("s"), bad()), "title").await;
        refused_without_sql(
            c,
            d,
            c.create_message(bad(), s("c"), s("user"), s("x")),
            "id",
        )
        .await;
        let message = c.create_message(s("m"), bad(), s("user"), s("x"));
        refused_without_sql(c, d, message, "conversationId").await;
        refused_without_sql(
            c,
            d,
            c.create_message(s("m"), s("c"), s("user"), bad()),
            "content",
        )
        .await;
        refused_without_sql(c, d, c.list_conversations(bad(), u.clone()), "sessionId").await;
        refused_without_sql(
            c,
            d,
            c.get_conversation_with_messages(bad()),
            "conversationId",
        )
        .await;
    }
    // D1 refuses `undefined` in a comparison; an INSERT writes it as NULL (see below).
    refused_without_sql(
        c,
        d,
        c.get_or_create_session(u.clone(), u.clone()),
        "sessionId",
    )
    .await;
    refused_without_sql(
        c,
        d,
        c.list_conversations(u.clone(), u.clone()),
        "sessionId",
    )
    .await;
    refused_without_sql(
        c,
        d,
        c.get_conversation_with_messages(u.clone()),
        "conversationId",
    )
    .await;
    for limit in [json("{}"), json("[]"), json("[1,2]"), revoked_proxy()] {
        refused_without_sql(c, d, c.list_conversations(s("s1"), limit), "limit").await;
    }
}

#[wasm_bindgen_test]
async fn a_role_other_than_user_or_assistant_is_refused() {
    let (client, double) = client();
    let roles = [
        s("system"),
        s("USER"),
        JsValue::from_f64(0.0),
        JsValue::UNDEFINED,
        JsValue::NULL,
    ];
    for role in roles.into_iter().chain([lone_surrogate()]) {
        let call = client.create_message(s("m"), s("c"), role, s("x"));
        refused_without_sql(&client, &double, call, "role").await;
    }
}

/// The parameters of the `n`th round trip's first statement, as JSON.
fn params(double: &D1Double, n: u32) -> String {
    sent(double, n).1[0].1.clone()
}

#[wasm_bindgen_test]
async fn numbers_booleans_and_null_are_bound_as_given_and_echoed_back() {
    let (client, double) = client();
    let title = JsValue::TRUE;
    let conversation =
        resolves(client.create_conversation(JsValue::from_f64(5.0), s("s1"), title)).await;
    assert!(
        params(&double, 0).starts_with(r#"[5,"s1",true,""#),
        "{}",
        params(&double, 0)
    );
    assert_eq!(get(&conversation, "id"), JsValue::from_f64(5.0));
    assert_eq!(get(&conversation, "title"), JsValue::TRUE);

    let untitled =
        resolves(client.create_conversation(s("c"), s("s1"), JsValue::from_f64(0.0))).await;
    assert!(
        get(&untitled, "title").is_null(),
        "a falsy title is no title"
    );

    let message =
        resolves(client.create_message(s("m"), s("c"), s("user"), JsValue::from_f64(42.0))).await;
    assert_eq!(get(&message, "content"), JsValue::from_f64(42.0));

    double.answer_rows(&Array::of2(&Array::new(), &Array::new()));
    let found = resolves(client.get_conversation_with_messages(JsValue::NULL)).await;
    assert!(found.is_null());
    assert_eq!(params(&double, 3), "[null]");
}

#[wasm_bindgen_test]
async fn list_limits_follow_the_old_layers_rule() {
    let (client, double) = client();
    let cases = [
        (JsValue::UNDEFINED, "10"),
        (JsValue::from_f64(0.0), "0"),
        (JsValue::from_f64(3.0), "3"),
        (JsValue::from_f64(-1.0), "-1"),
        (JsValue::from_f64(f64::NAN), "-1"),
        (s("5"), "-1"),
        (JsValue::TRUE, "-1"),
        (big_int(), "-1"),
        (JsValue::NULL, "null"),
        (json("[4]"), "4"),
    ];
    for (n, (limit, bound)) in cases.into_iter().enumerate() {
        resolves(client.list_conversations(s("s1"), limit)).await;
        assert_eq!(params(&double, n as u32), format!(r#"["s1",{bound}]"#));
    }
}

#[wasm_bindgen_test]
async fn arrays_of_bytes_are_bound_as_blobs_and_answered_as_given() {
    let (client, double) = client();
    let id = json("[1,2.5]");
    let conversation =
        resolves(client.create_conversation(id.clone(), s("s1"), JsValue::NULL)).await;
    assert!(
        params(&double, 0).starts_with(r#"[{"0":1,"1":2},"s1",null,"#),
        "{}",
        params(&double, 0)
    );
    assert_eq!(get(&conversation, "id"), id, "the very array given");
}

#[wasm_bindgen_test]
async fn lone_surrogates_are_stored_and_answered_well_formed() {
    let (client, double) = client();
    let message =
        resolves(client.create_message(s("m"), s("c"), s("user"), lone_surrogate())).await;
    assert_eq!(get(&message, "content"), s("a\u{FFFD}b"));
    assert!(
        params(&double, 0).contains("\"a\u{FFFD}b\""),
        "{}",
        params(&double, 0)
    );
}

#[wasm_bindgen_test]
async fn metadata_is_serialized_by_json_stringify_and_only_to_insert() {
    let (client, double) = client();
    let row = r#"[{"id":"s1","created_at":"2025-11-14T10:30:00.123Z","last_activity":"2025-11-14T10:30:00.123Z","metadata":"[1]"}]"#;
    double.answer_rows(&Array::of1(&json(row)));
    let session = resolves(client.get_or_create_session(s("s1"), json("[1]"))).await;
    assert!(
        params(&double, 0).ends_with(r#","[1]"]"#),
        "{}",
        params(&double, 0)
    );
    assert!(Array::is_array(&get(&session, "metadata")));

    // A BigInt cannot be serialized: only a known session is answered, as the old layer did.
    let unserializable = || {
        let metadata = json("{}");
        js_sys::Reflect::set(&metadata, &s("n"), &big_int()).unwrap();
        metadata
    };
    double.answer_rows(&Array::of1(&Array::new()));
    let error = rejects(client.get_or_create_session(s("new"), unserializable())).await;
    assert_database_error(
        &error,
        "VALIDATION_ERROR",
        "Failed to get or create session: metadata",
    );
    assert!(get(&error, "cause").is_instance_of::<js_sys::TypeError>());
    assert!(sent(&double, 1).1[0]
        .0
        .starts_with("UPDATE client_sessions"));
    double.answer_rows(&Array::of1(&json(row)));
    resolves(client.get_or_create_session(s("s1"), unserializable())).await;
}
