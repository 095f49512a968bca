//! The exported `DatabaseClient`: the class a Worker constructs with its D1 binding.
//!
//! Each method converts its JS arguments, hands them to the core's [`DataLayer`], and converts
//! the answer back; a failure of any kind rejects the returned promise with a `DatabaseError`.

use std::future::Future;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::d1::D1Database;
use crate::d1_database::D1;
use crate::data_layer::DataLayer;
use crate::database::Rejection;
use crate::error::Method;
use crate::js_args;
use crate::js_error::{database_error, invalid_binding_error};
use crate::to_js;

/// The data layer of the chat Worker, over one D1 binding. Stateless apart from the binding:
/// construct one per request or share one; concurrent calls are independent.
#[wasm_bindgen]
pub struct DatabaseClient {
    layer: DataLayer<D1>,
}

#[wasm_bindgen]
impl DatabaseClient {
    /// `new DatabaseClient(env.DB)`: takes a `D1Database`, or a session from
    /// `env.DB.withSession(...)`. Throws a `DatabaseError` (`VALIDATION_ERROR`) when `db` has no
    /// `prepare` and `batch` methods, so a missing binding fails here rather than on first use.
    #[wasm_bindgen(constructor)]
    pub fn new(db: JsValue) -> Result<DatabaseClient, JsValue> {
        let has_method = |name: &str| {
            Reflect::get(&db, &JsValue::from_str(name)).is_ok_and(|method| method.is_function())
        };
        if !(has_method("prepare") && has_method("batch")) {
            return Err(invalid_binding_error(&js_args::describe(&db)));
        }
        Ok(DatabaseClient {
            layer: DataLayer::new(D1::new(db.unchecked_into::<D1Database>())),
        })
    }

    /// `getOrCreateSession(sessionId, metadata?)`: resolves to the `ClientSession`.
    #[wasm_bindgen(js_name = getOrCreateSession)]
    pub fn get_or_create_session(&self, session_id: JsValue, metadata: JsValue) -> Promise {
        let layer = self.layer.clone();
        respond(Method::GetOrCreateSession, async move {
            let id = js_args::arg(&session_id);
            let metadata = js_args::metadata(&metadata);
            let found = layer
                .get_or_create_session(&id, metadata, now_millis())
                .await?;
            to_js::session(found, &session_id)
        })
    }

    /// `createConversation(id, sessionId, title?)`: resolves to the `Conversation`.
    #[wasm_bindgen(js_name = createConversation)]
    pub fn create_conversation(&self, id: JsValue, session_id: JsValue, title: JsValue) -> Promise {
        let layer = self.layer.clone();
        respond(Method::CreateConversation, async move {
            let conversation = layer
                .create_conversation(
                    &js_args::arg(&id),
                    &js_args::arg(&session_id),
                    &js_args::arg(&title),
                    now_millis(),
                )
                .await?;
            to_js::conversation(&conversation, [&id, &session_id, &title])
        })
    }

    /// `createMessage(id, conversationId, role, content)`: resolves to the `Message`.
    #[wasm_bindgen(js_name = createMessage)]
    pub fn create_message(
        &self,
        id: JsValue,
        conversation_id: JsValue,
        role: JsValue,
        content: JsValue,
    ) -> Promise {
        let layer = self.layer.clone();
        respond(Method::CreateMessage, async move {
            let message = layer
                .create_message(
                    &js_args::arg(&id),
                    &js_args::arg(&conversation_id),
                    &js_args::arg(&role),
                    &js_args::arg(&content),
                    now_millis(),
                )
                .await?;
            to_js::message(&message, [&id, &conversation_id, &content])
        })
    }

    /// `listConversations(sessionId, limit = 10)`: resolves to `Conversation[]`.
    #[wasm_bindgen(js_name = listConversations)]
    pub fn list_conversations(&self, session_id: JsValue, limit: JsValue) -> Promise {
        let layer = self.layer.clone();
        respond(Method::ListConversations, async move {
            let conversations = layer
                .list_conversations(&js_args::arg(&session_id), &js_args::arg(&limit))
                .await?;
            Ok(to_js::rows(conversations))
        })
    }

    /// `getConversationWithMessages(conversationId)`: resolves to
    /// `{ conversation, messages }`, or `null` when there is no such conversation.
    #[wasm_bindgen(js_name = getConversationWithMessages)]
    pub fn get_conversation_with_messages(&self, conversation_id: JsValue) -> Promise {
        let layer = self.layer.clone();
        respond(Method::GetConversationWithMessages, async move {
            let found = layer
                .get_conversation_with_messages(&js_args::arg(&conversation_id))
                .await?;
            to_js::found(found)
        })
    }
}

/// Runs one method call as a promise that resolves to its value or rejects with a
/// `DatabaseError` naming `method`.
fn respond(
    method: Method,
    call: impl Future<Output = Result<JsValue, Rejection<JsValue>>> + 'static,
) -> Promise {
    future_to_promise(async move {
        call.await
            .map_err(|rejection| database_error(method, rejection))
    })
}

/// The Worker's clock. Workers advance it only between I/O, which is fine for timestamps that
/// need to be ordered, not precise.
fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}
