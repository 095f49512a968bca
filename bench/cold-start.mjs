// Cold start: from the wasm bytes to the first method resolved, in fresh Node processes (the same
// V8 as workerd). On Workers the bytes are compiled when the Worker is deployed and handed to the
// package as a `WebAssembly.Module`, so what a cold isolate pays is the rest: instantiate, then
// the first call. Both are reported, median of fresh processes.
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const RUNS = 15;

if (process.argv[2] === "--once") {
  const bytes = (await import("./instant-d1.mjs")).wasmBytes();
  const { instantD1 } = await import("./instant-d1.mjs");
  const glue = await import("../pkg/chat_d1.js");
  const t0 = performance.now();
  const module = new WebAssembly.Module(bytes);
  const t1 = performance.now();
  glue.initSync({ module });
  const client = new glue.DatabaseClient(instantD1(4));
  await client.getOrCreateSession("s");
  const t2 = performance.now();
  console.log(JSON.stringify({ compileMs: t1 - t0, instantiateToFirstCallMs: t2 - t1 }));
} else {
  const runs = Array.from({ length: RUNS }, () =>
    JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--once"], { encoding: "utf8" })),
  );
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  console.log(`Cold start, median of ${RUNS} fresh Node ${process.version} processes:\n`);
  console.log("| step | ms |");
  console.log("|---|---:|");
  console.log(`| compile the wasm (\`new WebAssembly.Module\`; done at deploy on Workers) | ${median("compileMs").toFixed(2)} |`);
  console.log(`| instantiate, construct \`DatabaseClient\`, first \`getOrCreateSession\` resolved | ${median("instantiateToFirstCallMs").toFixed(2)} |`);
}
