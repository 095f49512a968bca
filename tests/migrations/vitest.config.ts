// The migration tooling (bin/chat-d1.mjs: `migrations copy`, `adopt`) on real local D1 through
// wrangler, run from the package installed from the npm tarball (CHAT_D1_EXAMPLE_DIR).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.test.ts"],
    environment: "node",
    // Every step spawns wrangler (a second or two each) and some start `wrangler dev`.
    testTimeout: 240_000,
    hookTimeout: 120_000,
    // Two cores: one wrangler dev at a time.
    fileParallelism: false,
  },
});
