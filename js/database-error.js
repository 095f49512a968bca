/**
 * The one error class chat-d1 rejects with. The wasm imports it from this file and the package
 * entry re-exports that same class, so `err instanceof DatabaseError` holds in the Worker.
 */
export class DatabaseError extends Error {
  /**
   * @param {string} message the method's prefix, then what went wrong
   * @param {string} code e.g. "CONSTRAINT_ERROR"
   * @param {unknown} [cause] the underlying error (D1's), when there is one
   */
  constructor(message, code, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "DatabaseError";
    this.code = code;
  }
}
// The build minifies this file, renaming the class: logs would show `a [DatabaseError]`.
Object.defineProperty(DatabaseError, "name", { value: "DatabaseError" });
