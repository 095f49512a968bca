//! The exported `DatabaseClient`: the class a Worker constructs with its D1 binding.
//!
//! Each method converts its JS arguments, hands them to the core's [`DataLayer`](crate::core::layer::DataLayer), and converts
//! the answer back; a failure of any kind rejects the returned promise with a `DatabaseError`.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::boundary::answers;
use crate::boundary::args;
use crate::boundary::backend::Backend;
use crate::boundary::calls::{now_millis, Calls};
use crate::boundary::chat::ChatSession;
use crate::boundary::errors::{database_error, invalid_binding_error};
use crate::boundary::objects;
use crate::core::chat::retention::PURGE_INACTIVE_SESSIONS;
use crate::core::chat::{Scope, DISABLE_SEARCH, ENABLE_SEARCH, FOR_SESSION};
use crate::core::dropin::conversations::{
    CREATE_CONVERSATION, GET_CONVERSATION_WITH_MESSAGES, LIST_CONVERSATIONS,
};
use crate::core::dropin::messages::CREATE_MESSAGE;
use crate::core::dropin::sessions::GET_OR_CREATE_SESSION;

/// The data layer of the chat Worker, over one D1 binding. Stateless apart from the binding:
/// construct one per request or share one; concurrent calls are independent.
#[wasm_bindgen]
pub struct DatabaseClient {
    calls: Calls,
}

#[wasm_bindgen]
impl DatabaseClient {
    /// `new DatabaseClient(db, { onQuery }?)`: `db` is a `D1Database`, a session from
    /// `env.DB.withSession(...)`, or a SQLite-backed Durable Object's `ctx.storage`; `onQuery`,
    /// optional, is called once per method call with what it cost. Throws a `DatabaseError`
    /// (`VALIDATION_ERROR`) when `db` is none of those, so a missing binding fails here rather
    /// than on first use, or when `options` is not an object with an optional `onQuery` function.
    #[wasm_bindgen(constructor)]
    pub fn new(db: JsValue, options: JsValue) -> Result<DatabaseClient, JsValue> {
        let backend =
            Backend::of(&db).ok_or_else(|| invalid_binding_error(&args::describe(&db)))?;
        Ok(DatabaseClient {
            calls: Calls::new(backend, &options)?,
        })
    }

    /// `forSession(sessionId)`: the chat API scoped to that client session. No I/O; throws a
    /// `DatabaseError` (`VALIDATION_ERROR`) at once when `sessionId` is not a non-empty,
    /// well-formed string.
    #[wasm_bindgen(js_name = forSession)]
    pub fn for_session(&self, session_id: JsValue) -> Result<ChatSession, JsValue> {
        let scope = Scope::new(&args::arg(&session_id))
            .map_err(|error| database_error(FOR_SESSION, error.into()))?;
        Ok(ChatSession::new(self.calls.clone(), scope))
    }

    /// `purgeInactiveSessions({ before, limit? })`: deletes up to `limit` (100 by default, at most
    /// 1000) sessions inactive since before the instant `before`, oldest first, with everything in
    /// them; resolves to `{ sessions, done }`. For a Cron Trigger that calls it until `done`.
    #[wasm_bindgen(js_name = purgeInactiveSessions)]
    pub fn purge_inactive_sessions(&self, options: JsValue) -> Promise {
        self.calls
            .call(PURGE_INACTIVE_SESSIONS, |layer| async move {
                let object = args::arg(&options);
                let before = args::field(&options, &object, "before");
                let limit = args::field(&options, &object, "limit");
                let purged = layer.purge_inactive_sessions(&before, &limit).await?;
                objects::purged(purged)
            })
    }

    /// `enableSearch({ batchSize? })`: makes the search index where it is missing and indexes the
    /// next `batchSize` messages (10,000 by default, at most 100,000); resolves to
    /// `{ indexed, done }`. Call it until `done`: each call is one round trip and one short
    /// transaction, so a large database is indexed without a statement near D1's 30 s limit.
    #[wasm_bindgen(js_name = enableSearch)]
    pub fn enable_search(&self, options: JsValue) -> Promise {
        self.calls.call(ENABLE_SEARCH, |layer| async move {
            let object = args::options(&options);
            let batch_size = args::field(&options, &object, "batchSize");
            let progress = layer.enable_search(&batch_size).await?;
            objects::search_progress(progress)
        })
    }

    /// `disableSearch()`: drops the search index (messages are untouched); resolves to
    /// `undefined`.
    #[wasm_bindgen(js_name = disableSearch)]
    pub fn disable_search(&self) -> Promise {
        self.calls.call(DISABLE_SEARCH, |layer| async move {
            layer.disable_search().await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `getOrCreateSession(sessionId, metadata?)`: resolves to the `ClientSession`.
    #[wasm_bindgen(js_name = getOrCreateSession)]
    pub fn get_or_create_session(&self, session_id: JsValue, metadata: JsValue) -> Promise {
        self.calls.call(GET_OR_CREATE_SESSION, |layer| async move {
            let id = args::arg(&session_id);
            let metadata = args::metadata(&metadata);
            let found = layer
                .get_or_create_session(&id, metadata, now_millis())
                .await?;
            answers::session(found, &session_id)
        })
    }

    /// `createConversation(id, sessionId, title?)`: resolves to the `Conversation`.
    #[wasm_bindgen(js_name = createConversation)]
    pub fn create_conversation(&self, id: JsValue, session_id: JsValue, title: JsValue) -> Promise {
        self.calls.call(CREATE_CONVERSATION, |layer| async move {
            let conversation = layer
                .create_conversation(
                    &args::arg(&id),
                    &args::arg(&session_id),
                    &args::arg(&title),
                    now_millis(),
                )
                .await?;
            objects::conversation(&conversation, [&id, &session_id, &title])
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
        self.calls.call(CREATE_MESSAGE, |layer| async move {
            let message = layer
                .create_message(
                    &args::arg(&id),
                    &args::arg(&conversation_id),
                    &args::arg(&role),
                    &args::arg(&content),
                    now_millis(),
                )
                .await?;
            objects::message(&message, [&id, &conversation_id, &content])
        })
    }

    /// `listConversations(sessionId, limit = 10)`: resolves to `Conversation[]`.
    #[wasm_bindgen(js_name = listConversations)]
    pub fn list_conversations(&self, session_id: JsValue, limit: JsValue) -> Promise {
        self.calls.call(LIST_CONVERSATIONS, |layer| async move {
            let conversations = layer
                .list_conversations(&args::arg(&session_id), &args::arg(&limit))
                .await?;
            answers::rows(conversations)
        })
    }

    /// `getConversationWithMessages(conversationId)`: resolves to
    /// `{ conversation, messages }`, or `null` when there is no such conversation.
    #[wasm_bindgen(js_name = getConversationWithMessages)]
    pub fn get_conversation_with_messages(&self, conversation_id: JsValue) -> Promise {
        self.calls
            .call(GET_CONVERSATION_WITH_MESSAGES, |layer| async move {
                let found = layer
                    .get_conversation_with_messages(&args::arg(&conversation_id))
                    .await?;
                answers::found(found)
            })
    }
}
