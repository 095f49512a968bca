//! The exported `ChatSession`: the chat API, scoped to one client session. `db.forSession(id)`
//! makes one (no I/O); each method converts its JS arguments, hands them to the core and converts
//! the answer back, rejecting with a `DatabaseError` on any failure.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::boundary::answers;
use crate::boundary::args;
use std::future::Future;

use crate::boundary::backend::Backend;
use crate::boundary::calls::{now_millis, Calls};
use crate::boundary::objects;
use crate::core::chat::branches::{ForkArgs, FORK_CONVERSATION, SELECT_BRANCH};
use crate::core::chat::pages::PageOptions;
use crate::core::chat::search::SearchOptions;
use crate::core::chat::{
    Scope, ADD_MESSAGE, COUNT_MESSAGES_SINCE, DELETE_CONVERSATION, DELETE_MESSAGES_AFTER, ERASE,
    FINISH_REPLY, GET_CONVERSATION, LIST_CONVERSATION_PAGE, RENAME_CONVERSATION, SAVE_MESSAGES,
    SEARCH_MESSAGES, START_TURN, UPDATE_REPLY,
};
use crate::core::error::Method;
use crate::core::layer::DataLayer;
use crate::core::storage::Rejection;

/// The chat API of one client session. Every statement it sends binds the session id, so another
/// session's conversations behave exactly like ones that do not exist.
#[wasm_bindgen]
pub struct ChatSession {
    calls: Calls,
    scope: Scope,
}

impl ChatSession {
    /// A chat of `scope`'s session, its calls started from the client's `calls`.
    pub fn new(calls: Calls, scope: Scope) -> Self {
        ChatSession { calls, scope }
    }

    /// One call of `method` in this session: `run` gets the layer and the scope.
    fn call<Call>(
        &self,
        method: Method,
        run: impl FnOnce(DataLayer<Backend>, Scope) -> Call,
    ) -> Promise
    where
        Call: Future<Output = Result<JsValue, Rejection<JsValue>>> + 'static,
    {
        let scope = self.scope.clone();
        self.calls.call(method, move |layer| run(layer, scope))
    }
}

#[wasm_bindgen]
impl ChatSession {
    /// `startTurn(turn)`: resolves to the `Turn`; one round trip.
    #[wasm_bindgen(js_name = startTurn)]
    pub fn start_turn(&self, turn: JsValue) -> Promise {
        self.call(START_TURN, |layer, scope| async move {
            let args = args::turn(&turn);
            let turn = layer.start_turn(&scope, args, now_millis()).await?;
            answers::turn(turn)
        })
    }

    /// `addMessage(conversationId, { id, role, content | parts, metadata? })`: resolves to the stored
    /// `Message`; one round trip.
    #[wasm_bindgen(js_name = addMessage)]
    pub fn add_message(&self, conversation_id: JsValue, message: JsValue) -> Promise {
        self.call(ADD_MESSAGE, |layer, scope| async move {
            let conversation_id = args::arg(&conversation_id);
            let (message, parent_id) = args::message_under_parent(&message);
            let stored = layer
                .add_message(
                    &scope,
                    &conversation_id,
                    (message, &parent_id),
                    now_millis(),
                )
                .await?;
            answers::row(stored)
        })
    }

    /// `saveMessages(conversationId, messages)`: stores the list (the AI SDK's `UIMessage`s), new
    /// ids inserted in order, stored ones updated where their parts or metadata changed; resolves
    /// to `{ inserted, updated, unchanged }`; one round trip.
    #[wasm_bindgen(js_name = saveMessages)]
    pub fn save_messages(&self, conversation_id: JsValue, messages: JsValue) -> Promise {
        self.call(SAVE_MESSAGES, |layer, scope| async move {
            let conversation_id = args::arg(&conversation_id);
            let list = args::messages(&messages);
            let saved = layer
                .save_messages(&scope, &conversation_id, list, now_millis())
                .await?;
            objects::counts(&[
                ("inserted", saved.inserted),
                ("updated", saved.updated),
                ("unchanged", saved.unchanged),
            ])
        })
    }

    /// `renameConversation(conversationId, title)`: resolves to the `Conversation`; `undefined`,
    /// `null` or `""` clears the title.
    #[wasm_bindgen(js_name = renameConversation)]
    pub fn rename_conversation(&self, conversation_id: JsValue, title: JsValue) -> Promise {
        self.call(RENAME_CONVERSATION, |layer, scope| async move {
            let (id, title) = (args::arg(&conversation_id), args::arg(&title));
            let renamed = layer.rename_conversation(&scope, &id, &title).await?;
            answers::row(renamed)
        })
    }

    /// `deleteConversation(conversationId)`: resolves to `true`, or `false` when there was nothing
    /// of this session's to delete.
    #[wasm_bindgen(js_name = deleteConversation)]
    pub fn delete_conversation(&self, conversation_id: JsValue) -> Promise {
        self.call(DELETE_CONVERSATION, |layer, scope| async move {
            let id = args::arg(&conversation_id);
            let deleted = layer.delete_conversation(&scope, &id).await?;
            Ok(JsValue::from_bool(deleted))
        })
    }

    /// `deleteMessagesAfter(conversationId, messageId)`: resolves to how many messages went.
    #[wasm_bindgen(js_name = deleteMessagesAfter)]
    pub fn delete_messages_after(&self, conversation_id: JsValue, message_id: JsValue) -> Promise {
        self.call(DELETE_MESSAGES_AFTER, |layer, scope| async move {
            let (conversation, message) = (args::arg(&conversation_id), args::arg(&message_id));
            let deleted = layer
                .delete_messages_after(&scope, &conversation, &message)
                .await?;
            Ok(JsValue::from_f64(deleted as f64))
        })
    }

    /// `countMessagesSince(since)`: how many `user` messages the session wrote at or after the
    /// instant `since`, across its conversations.
    #[wasm_bindgen(js_name = countMessagesSince)]
    pub fn count_messages_since(&self, since: JsValue) -> Promise {
        self.call(COUNT_MESSAGES_SINCE, |layer, scope| async move {
            let count = layer
                .count_messages_since(&scope, &args::arg(&since))
                .await?;
            Ok(JsValue::from_f64(count as f64))
        })
    }

    /// `erase()`: deletes the session and everything in it; resolves to
    /// `{ conversations, messages }`, the counts of what went.
    pub fn erase(&self) -> Promise {
        self.call(ERASE, |layer, scope| async move {
            let erased = layer.erase(&scope).await?;
            objects::counts(&[
                ("conversations", erased.conversations),
                ("messages", erased.messages),
            ])
        })
    }

    /// `listConversations({ limit?, cursor? })`: resolves to
    /// `{ conversations, next_cursor }`, one page, most recently updated first.
    #[wasm_bindgen(js_name = listConversations)]
    pub fn list_conversations(&self, options: JsValue) -> Promise {
        self.call(LIST_CONVERSATION_PAGE, |layer, scope| async move {
            let object = args::options(&options);
            let limit = args::field(&options, &object, "limit");
            let after = args::field(&options, &object, "cursor");
            let page = layer.list_conversation_page(&scope, &limit, &after).await?;
            answers::page("conversations", page)
        })
    }

    /// `getConversation(conversationId, { limit?, before?, leafId? })`: resolves to
    /// `{ conversation, messages, next_cursor }` (messages oldest first, along the active branch
    /// or the one ending at `leafId`), or `null`.
    #[wasm_bindgen(js_name = getConversation)]
    pub fn get_conversation(&self, conversation_id: JsValue, options: JsValue) -> Promise {
        self.call(GET_CONVERSATION, |layer, scope| async move {
            let object = args::options(&options);
            let limit = args::field(&options, &object, "limit");
            let before = args::field(&options, &object, "before");
            let leaf_id = args::field(&options, &object, "leafId");
            let id = args::arg(&conversation_id);
            let options = PageOptions {
                limit: &limit,
                before: &before,
                leaf_id: &leaf_id,
            };
            let found = layer
                .get_conversation(&scope, &id, options, now_millis())
                .await?;
            answers::conversation_page(found)
        })
    }

    /// `searchMessages(query, { limit?, cursor? })`: resolves to
    /// `{ results: [{ message, conversation, snippet }], next_cursor }`, the session's best
    /// matches first; one round trip.
    #[wasm_bindgen(js_name = searchMessages)]
    pub fn search_messages(&self, query: JsValue, options: JsValue) -> Promise {
        self.call(SEARCH_MESSAGES, |layer, scope| async move {
            let object = args::options(&options);
            let limit = args::field(&options, &object, "limit");
            let cursor = args::field(&options, &object, "cursor");
            let query = args::arg(&query);
            let options = SearchOptions {
                limit: &limit,
                cursor: &cursor,
            };
            let page = layer
                .search_messages(&scope, &query, options, now_millis())
                .await?;
            answers::search_page(page)
        })
    }

    /// `updateReply(conversationId, replyId, { parts | content, metadata? })`: checkpoints a reply
    /// still `streaming`; resolves to `undefined`.
    #[wasm_bindgen(js_name = updateReply)]
    pub fn update_reply(
        &self,
        conversation_id: JsValue,
        reply_id: JsValue,
        reply: JsValue,
    ) -> Promise {
        self.call(UPDATE_REPLY, |layer, scope| async move {
            let ids = (args::arg(&conversation_id), args::arg(&reply_id));
            let reply = args::reply(&reply);
            layer
                .update_reply(&scope, (&ids.0, &ids.1), reply, now_millis())
                .await?;
            Ok(JsValue::UNDEFINED)
        })
    }

    /// `finishReply(conversationId, replyId, { parts | content, metadata?, status })`: ends a
    /// reply still `streaming`; resolves to the `ChatMessage` as stored.
    #[wasm_bindgen(js_name = finishReply)]
    pub fn finish_reply(
        &self,
        conversation_id: JsValue,
        reply_id: JsValue,
        reply: JsValue,
    ) -> Promise {
        self.call(FINISH_REPLY, |layer, scope| async move {
            let ids = (args::arg(&conversation_id), args::arg(&reply_id));
            let reply = args::reply(&reply);
            let finished = layer
                .finish_reply(&scope, (&ids.0, &ids.1), reply, now_millis())
                .await?;
            answers::row(finished)
        })
    }

    /// `selectBranch(conversationId, messageId)`: the newest leaf under the message becomes the
    /// active leaf; resolves to the `Conversation`.
    #[wasm_bindgen(js_name = selectBranch)]
    pub fn select_branch(&self, conversation_id: JsValue, message_id: JsValue) -> Promise {
        self.call(SELECT_BRANCH, |layer, scope| async move {
            let (conversation, message) = (args::arg(&conversation_id), args::arg(&message_id));
            let selected = layer.select_branch(&scope, &conversation, &message).await?;
            answers::row(selected)
        })
    }

    /// `forkConversation(conversationId, messageId, { conversationId, title? })`: copies the path
    /// to the message into a new conversation; resolves to `{ conversation, messages }`.
    #[wasm_bindgen(js_name = forkConversation)]
    pub fn fork_conversation(
        &self,
        conversation_id: JsValue,
        message_id: JsValue,
        options: JsValue,
    ) -> Promise {
        self.call(FORK_CONVERSATION, |layer, scope| async move {
            let object = args::arg(&options);
            let fork = ForkArgs {
                conversation_id: args::field(&options, &object, "conversationId"),
                title: args::field(&options, &object, "title"),
                options: object,
            };
            let (conversation, message) = (args::arg(&conversation_id), args::arg(&message_id));
            let forked = layer
                .fork_conversation(&scope, &conversation, &message, fork, now_millis())
                .await?;
            objects::object(&[
                ("conversation", answers::row(forked.conversation)?),
                ("messages", JsValue::from_f64(forked.messages as f64)),
            ])
        })
    }
}
