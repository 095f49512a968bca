// The worker suite: runs inside workerd with a real (local) D1, the package's own migrations
// applied, importing chat-d1 through its package entry exactly as a bundled Worker does. The test
// command points CHAT_D1_PACKAGE_DIR at the package installed from the npm tarball, so the suite
// tests what users get; without it (a quick local run) it tests the working tree.
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { readDeclaredTypes } from "./declared-types";

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const packageDir = process.env.CHAT_D1_PACKAGE_DIR ?? fromHere("../..");

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      // Hosts the SQLite-backed Durable Object the two-backend suite runs on (engines.ts).
      main: fromHere("./test-object.ts"),
      miniflare: {
        compatibilityDate: "2026-11-01",
        d1Databases: ["DB", "OLD_DB"],
        durableObjects: { OBJECT: { className: "ChatObject", useSQLite: true } },
        // wrangler's default rule, which applies only with a wrangler config: a `.wasm` import is
        // a compiled WebAssembly.Module, as when wrangler bundles the Worker.
        modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(`${packageDir}/migrations`),
          DOWN_MIGRATIONS: await readD1Migrations(`${packageDir}/migrations-down`),
          DECLARED_TYPES: readDeclaredTypes(`${packageDir}/js/index.d.ts`),
        },
      },
    })),
  ],
  resolve: {
    alias: {
      "chat-d1": `${packageDir}/js/index.js`,
      // The wasm-bindgen glue the entry imports (the same module, so the same wasm instance), for
      // the memory test's look at the externref table.
      "chat-d1-glue": `${packageDir}/pkg/chat_d1.js`,
    },
  },
  test: {
    root: fromHere("."),
    include: ["*.test.ts"],
    setupFiles: ["./apply-migrations.ts"],
    // The generated suites make a thousand calls or more each; on 2 shared cores that can take
    // more than vitest's default 5 s.
    testTimeout: 60_000,
  },
});
