/** The package's wasm-bindgen glue (pkg/chat_d1.js), aliased in wrangler.jsonc for the soak. */
declare module "chat-d1-glue" {
  /** The wasm instance's exports; the package entry has made the instance, so this returns it. */
  export function initSync(module?: unknown): unknown;
}
