// The chat-d1 package entry. Workers bundle `.wasm` imports as compiled `WebAssembly.Module`s, so
// the module is instantiated synchronously here, at import: no fetch, no top-level await.
import wasmModule from "../pkg/chat_d1_bg.wasm";
import { initSync, databaseErrorClass } from "../pkg/chat_d1.js";

initSync({ module: wasmModule });

/** The class every chat-d1 failure is an instance of: the very class the wasm throws. */
export const DatabaseError = databaseErrorClass();

export {
  ChatSession,
  DatabaseClient,
  generateSessionId,
  generateConversationId,
  generateMessageId,
  isValidSessionId,
  isValidMessageRole,
  isBookmark,
  migrate,
} from "../pkg/chat_d1.js";
export { BOOKMARK_HEADER, openD1Session, relayBookmark } from "./request.js";
