// Odd values shared by the generated suites (differential.test.ts, hostile-input.test.ts): values
// whose inspection throws, made fresh for each call behind markers, because they would break
// fast-check's own printing and shrinking.
import fc from "fast-check";

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

const TWO_MB = "x".repeat(2_000_001);

/** Values of every JS type, the awkward ones on purpose. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("a\uD800b", "\uDC00", "nul\u0000byte", "x'); DROP TABLE messages; --", "👋🏽", "", TWO_MB),
  fc.constantFrom(NaN, -0, 0, Infinity, -Infinity, 2 ** 53 + 1, -1, 1.5, 1e21),
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constantFrom<unknown>(
    Symbol("s"),
    () => 1,
    new Date(0),
    new Map([[1, 2]]),
    Object.create(null),
    { get boom(): never { throw new Error("getter threw"); } },
    { n: 10n },
    REVOKED_PROXY,
    TRAP_PROXY,
    ...BINARY_VALUES,
  ),
);
