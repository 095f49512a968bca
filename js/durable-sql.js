// The helper the wasm calls to run statements on a SQLite-backed Durable Object's storage. The
// wasm imports it as a catching import: whatever the storage throws becomes an `Err` in Rust.

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
