// Helpers the wasm calls on values it does not control (the caller's arguments, what a backend
// returns). The wasm imports each as a catching import, so whatever these throw becomes an `Err`
// in Rust instead of an exception crossing the wasm, which would leave the call's promise unsettled.
//
// Those that produce a value do not return it: they park it for `takeParked`. wasm-bindgen
// (0.2.130, the newest) leaks one slot of its externref table, holding `undefined`, each time a
// catching import that returns a value throws: the generated Rust returns the exception before it
// takes the return value's slot, so the slot is never freed. In an isolate that lives for hours
// every hostile argument or failing binding would leave one behind (and every `new DatabaseClient`
// did, probing its binding). A catching import that returns nothing has no slot to leak.

/** The value the last parking helper produced, until `takeParked` hands it over. */
let parked;

/**
 * Hands over the value the last parking helper produced and forgets it. Cannot throw.
 * @returns {unknown}
 */
export function takeParked() {
  const value = parked;
  parked = undefined;
  return value;
}

/** Parks `Reflect.get(target, key)`; throws what it throws (a non-object, a revoked Proxy, a getter). */
export function get(target, key) {
  parked = Reflect.get(target, key);
}

/** Parks `Reflect.getPrototypeOf(value)`; throws for a non-object or a revoked Proxy. */
export function prototypeOf(value) {
  parked = Reflect.getPrototypeOf(value);
}

/** Parks `JSON.parse(text)`. */
export function parseJson(text) {
  parked = JSON.parse(text);
}

/** Parks `JSON.stringify(value)` (`undefined` for what JSON cannot hold); throws on a BigInt or a cycle. */
export function stringifyJson(value) {
  parked = JSON.stringify(value);
}

/** Parks `Array.from(value)`: a plain copy whose length and elements read without throwing. */
export function copyArray(value) {
  parked = Array.from(value);
}

/** Parks `db.prepare(sql).bind(...params)`: a D1 statement, nothing sent yet. */
export function prepare(db, sql, params) {
  parked = db.prepare(sql).bind(...params);
}

/** Parks what `statement.all()` returns (a promise, from a real binding). */
export function all(statement) {
  parked = statement.all();
}

/** Parks what `db.batch(statements)` returns (a promise, from a real binding). */
export function batch(db, statements) {
  parked = db.batch(statements);
}

/**
 * Parks the numbers D1 reads from binary data, as D1's `bind()` reads them: an `ArrayBuffer` as its
 * bytes, any `ArrayBuffer` view (typed arrays, `DataView`) through `Array.from` (the wasm wraps
 * each to a byte); `undefined` for anything else. Throws for a detached buffer or a Proxy whose
 * trap throws.
 * @param {unknown} value
 */
export function binaryValues(value) {
  if (value instanceof ArrayBuffer) parked = Array.from(new Uint8Array(value));
  else if (ArrayBuffer.isView(value)) parked = Array.from(/** @type {ArrayLike<number>} */ (value));
  else parked = undefined;
}

/**
 * Parks a native promise that settles as `returned` does: adopting it inside a reaction turns a throwing
 * `then` (or anything else a thenable does wrong) into a rejection, where `Promise.resolve` would
 * throw synchronously.
 * @param {unknown} returned
 */
export function settle(returned) {
  parked = Promise.resolve().then(() => returned);
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
 * throw undoes every statement), and parks what D1's `batch()` answers: one `{ results, meta }` per
 * statement. Each cursor is read to its end here, as it must be: a write whose RETURNING rows are
 * left unread keeps its statement open and breaks the object's storage. BLOBs come back as arrays
 * of byte values, as D1 gives them; the figures are the cursor's own.
 * @param {DurableObjectStorage} storage
 * @param {string[]} sqls
 * @param {unknown[][]} params
 */
export function runStatements(storage, sqls, params) {
  parked = storage.transactionSync(() =>
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
