// End-to-end tests of the example Worker over HTTP, under `wrangler dev` on 127.0.0.1.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.test.ts"],
    testTimeout: 120_000,
    // Each file starts its own wrangler dev; one at a time keeps the load figures honest.
    fileParallelism: false,
    hookTimeout: 90_000,
  },
});
