// Helpers the wasm calls on values it does not control (the caller's arguments, what a binding
// returns). The wasm imports each as a catching import, so whatever these throw becomes an `Err`
// in Rust instead of an exception crossing the wasm, which would leave the call's promise unsettled.

/**
 * The numbers D1 reads from binary data, as D1's `bind()` reads them: an `ArrayBuffer` as its
 * bytes, any `ArrayBuffer` view (typed arrays, `DataView`) through `Array.from` (the wasm wraps
 * each to a byte); `undefined` for anything else. Throws for a detached buffer or a Proxy whose
 * trap throws.
 * @param {unknown} value
 * @returns {number[] | undefined}
 */
export function binaryValues(value) {
  if (value instanceof ArrayBuffer) return Array.from(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) return Array.from(/** @type {ArrayLike<number>} */ (value));
  return undefined;
}

/**
 * A native promise that settles as `returned` does: adopting it inside a reaction turns a throwing
 * `then` (or anything else a thenable does wrong) into a rejection, where `Promise.resolve` would
 * throw synchronously.
 * @param {unknown} returned
 * @returns {Promise<unknown>}
 */
export function settle(returned) {
  return Promise.resolve().then(() => returned);
}

/**
 * Calls the app's `onQuery` with a call's cost. What it throws, and the rejection of a promise it
 * returns, are logged with `console.error` and go no further: the app's callback never changes the
 * call's result, nor leaves an unhandled rejection behind.
 * @param {(cost: object) => unknown} onQuery
 * @param {object} cost
 */
export function reportCost(onQuery, cost) {
  const log = (error) => console.error("chat-d1: onQuery failed (the call's result is unaffected):", error);
  try {
    const returned = onQuery(cost);
    if (returned !== null && typeof returned === "object" && typeof returned.then === "function") {
      returned.then(undefined, log);
    }
  } catch (error) {
    log(error);
  }
}

/**
 * Runs `sqls[i]` with `params[i]` for each i, in order, as one transaction (`transactionSync`: a
 * throw undoes every statement), and answers as D1's `batch()` does: one `{ results, meta }` per
 * statement. Each cursor is read to its end here, as it must be: a write whose RETURNING rows are
 * left unread keeps its statement open and breaks the object's storage. BLOBs come back as arrays
 * of byte values, as D1 gives them; the figures are the cursor's own.
 * @param {DurableObjectStorage} storage
 * @param {string[]} sqls
 * @param {unknown[][]} params
 */
export function runStatements(storage, sqls, params) {
  return storage.transactionSync(() =>
    sqls.map((sql, i) => {
      const cursor = storage.sql.exec(sql, ...params[i]);
      const results = cursor.toArray();
      for (const row of results) {
        for (const column in row) {
          if (row[column] instanceof ArrayBuffer) row[column] = Array.from(new Uint8Array(row[column]));
        }
      }
      return { results, meta: { rows_read: cursor.rowsRead, rows_written: cursor.rowsWritten } };
    }),
  );
}
