// A helper the wasm calls to look at a whole D1 result in one call instead of one per cell. It
// only reports what the values are; what is allowed is decided in Rust (src/core/rows.rs).

/**
 * One letter per cell of `columns`, row after row: "t" text, "n" null, "#" number, "b" a BLOB
 * (D1 reads one back as an array of byte values), "?" anything else, a missing column included.
 * @param {Record<string, unknown>[]} rows
 * @param {string[]} columns
 */
export function cellKinds(rows, columns) {
  let kinds = "";
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column];
      kinds +=
        typeof value === "string"
          ? "t"
          : value === null
            ? "n"
            : typeof value === "number"
              ? "#"
              : Array.isArray(value)
                ? "b"
                : "?";
    }
  }
  return kinds;
}
