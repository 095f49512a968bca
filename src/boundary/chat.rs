//! The exported `ChatSession`: the chat API, scoped to one client session. `db.forSession(id)`
//! makes one (no I/O); each method converts its JS arguments, hands them to the core and converts
//! the answer back, rejecting with a `DatabaseError` on any failure.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::boundary::answers;
use crate::boundary::args;
use crate::boundary::client::{now_millis, respond};
use crate::boundary::d1::D1;
use crate::core::chat::Scope;
use crate::core::layer::DataLayer;
use crate::core::turns::{ADD_MESSAGE, START_TURN};

/// The chat API of one client session. Every statement it sends binds the session id, so another
/// session's conversations behave exactly like ones that do not exist.
#[wasm_bindgen]
pub struct ChatSession {
    layer: DataLayer<D1>,
    scope: Scope,
}

impl ChatSession {
    /// A chat of `scope`'s session over `layer`'s storage.
    pub fn new(layer: DataLayer<D1>, scope: Scope) -> Self {
        ChatSession { layer, scope }
    }
}

#[wasm_bindgen]
impl ChatSession {
    /// `startTurn(turn)`: resolves to the `Turn`; one round trip.
    #[wasm_bindgen(js_name = startTurn)]
    pub fn start_turn(&self, turn: JsValue) -> Promise {
        let (layer, scope) = (self.layer.clone(), self.scope.clone());
        respond(START_TURN, async move {
            let args = args::turn(&turn);
            let turn = layer.start_turn(&scope, args, now_millis()).await?;
            answers::turn(turn)
        })
    }

    /// `addMessage(conversationId, { id, role, content })`: resolves to the stored `Message`; one
    /// round trip.
    #[wasm_bindgen(js_name = addMessage)]
    pub fn add_message(&self, conversation_id: JsValue, message: JsValue) -> Promise {
        let (layer, scope) = (self.layer.clone(), self.scope.clone());
        respond(ADD_MESSAGE, async move {
            let object = args::arg(&message);
            let fields = (
                &object,
                &args::field(&message, &object, "id"),
                &args::field(&message, &object, "role"),
                &args::field(&message, &object, "content"),
            );
            let conversation_id = args::arg(&conversation_id);
            let stored = layer
                .add_message(&scope, &conversation_id, fields, now_millis())
                .await?;
            Ok(answers::row(stored))
        })
    }
}
