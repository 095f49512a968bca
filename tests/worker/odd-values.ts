// Odd values shared by the generated suites (differential.test.ts, hostile-input.test.ts): values
// whose inspection throws, made fresh for each call behind markers, because they would break
// fast-check's own printing and shrinking.

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function trapProxy() {
  return new Proxy(
    {},
    {
      getPrototypeOf() {
        throw new Error("getPrototypeOf trap");
      },
      get() {
        throw new Error("get trap");
      },
    },
  );
}

function detachedBuffer() {
  const buffer = new ArrayBuffer(2);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

/** A revoked Proxy: `typeof` says object, every other look throws. */
export const REVOKED_PROXY = { marker: "revoked proxy" };
/** A Proxy whose traps throw. */
export const TRAP_PROXY = { marker: "proxy whose traps throw" };
/** An `ArrayBuffer` whose contents were transferred away: reading it throws. */
export const DETACHED_BUFFER = { marker: "detached ArrayBuffer" };

/** `value`, or a fresh instance of what a marker stands for. */
export function materialize(value: unknown): unknown {
  if (value === REVOKED_PROXY) return revokedProxy();
  if (value === TRAP_PROXY) return trapProxy();
  if (value === DETACHED_BUFFER) return detachedBuffer();
  return value;
}

/** Binary data of every kind D1 reads as bytes, and some it refuses. */
export const BINARY_VALUES: readonly unknown[] = [
  new Uint8Array([1, 2]),
  new Uint16Array([3, 4]),
  new Uint16Array([256]),
  new Int8Array([-1]),
  new Float64Array([1.5]),
  new DataView(new ArrayBuffer(2)),
  new ArrayBuffer(3),
  DETACHED_BUFFER,
];
