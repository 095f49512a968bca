// The benchmark Worker. `GET /workload?layer=chat-d1|baseline&repeat=N` runs the mixed workload on
// that layer's own database; `/scale/seed` and `/scale/read` time reads as the tables grow. The driver
// (bench/run.mjs) calls it over loopback and does the statistics.
import { DatabaseClient } from "chat-d1";
import { BaselineDatabaseClient } from "./baseline";
import { countingD1, RoundTrips } from "./counting-d1";
import { runWorkload, type DataLayer } from "./workload";
import { seedScale, timeReads } from "./scale";
import { runTurns, timePages, type Flow, type Kind } from "./turns";
import { createTemplateSchema, runAiTurns, type AiFlow } from "./ai-turns";
import { seedBranches, timeWholeTree, timeWindow } from "./branches";
import { enableSearchOnce, seedSearch, timeSearch, timeTurns } from "./search";
import type { BenchObject } from "./durable";
import type { SoakObject } from "./soak";

export { BenchObject } from "./durable";
export { SoakObject } from "./soak";

interface Env {
  DB_CHAT_D1: D1Database;
  DB_BASELINE: D1Database;
  BENCH_OBJECT: DurableObjectNamespace<BenchObject>;
  SOAK_OBJECT: DurableObjectNamespace<SoakObject>;
}

function layerFor(name: string | null, env: Env, trips: RoundTrips): DataLayer {
  if (name === "chat-d1") return new DatabaseClient(countingD1(env.DB_CHAT_D1, trips));
  if (name === "baseline") return new BaselineDatabaseClient(countingD1(env.DB_BASELINE, trips)) as DataLayer;
  throw new Error(`unknown layer ${name}`);
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const trips = new RoundTrips();
    if (url.pathname === "/workload") {
      const layer = layerFor(url.searchParams.get("layer"), env, trips);
      const repeat = Number(url.searchParams.get("repeat") ?? 20);
      return Response.json(await runWorkload(layer, trips, repeat));
    }
    if (url.pathname === "/turns") {
      // `repeat` turns of `kind` in `flow`, each round trip delayed by `latency` ms; the baseline
      // on its own database.
      const flow = url.searchParams.get("flow") as Flow;
      const kind = url.searchParams.get("kind") as Kind;
      const repeat = Number(url.searchParams.get("repeat") ?? 10);
      const counted = new RoundTrips(Number(url.searchParams.get("latency") ?? 0));
      const db = countingD1(flow === "baseline" ? env.DB_BASELINE : env.DB_CHAT_D1, counted);
      const { ms, roundTrips, rowsRead, rowsWritten } = await runTurns(flow, kind, db, counted, repeat);
      return Response.json({
        msPerTurn: ms / repeat,
        roundTripsPerTurn: roundTrips / repeat,
        rowsReadPerTurn: rowsRead / repeat,
        rowsWrittenPerTurn: rowsWritten / repeat,
      });
    }
    if (url.pathname === "/durable-turns") {
      // The chat API's turns on a fresh Durable Object's SQLite, timed around the one RPC call.
      const kind = url.searchParams.get("kind") as Kind;
      const repeat = Number(url.searchParams.get("repeat") ?? 10);
      const stub = env.BENCH_OBJECT.get(env.BENCH_OBJECT.idFromName(crypto.randomUUID()));
      await stub.runTurns(kind, 0); // the object started and migrated
      const start = Date.now();
      const { roundTrips, rowsRead, rowsWritten } = await stub.runTurns(kind, repeat);
      return Response.json({
        msPerTurn: (Date.now() - start) / repeat,
        roundTripsPerTurn: roundTrips / repeat,
        rowsReadPerTurn: rowsRead / repeat,
        rowsWrittenPerTurn: rowsWritten / repeat,
      });
    }
    if (url.pathname === "/ai-turns") {
      // A turn with a tool call: the AI SDK template's query pattern (drizzle, its own tables on
      // the baseline's database) against chat-d1's AI SDK route, each round trip delayed by `latency`.
      const flow = url.searchParams.get("flow") as AiFlow;
      const counted = new RoundTrips(Number(url.searchParams.get("latency") ?? 0));
      const raw = flow === "template" ? env.DB_BASELINE : env.DB_CHAT_D1;
      if (flow === "template") await createTemplateSchema(raw);
      const kind = url.searchParams.get("kind") as Kind;
      return Response.json(await runAiTurns(flow, kind, countingD1(raw, counted), counted, Number(url.searchParams.get("repeat") ?? 10)));
    }
    if (url.pathname === "/pages") {
      const param = (name: string) => Number(url.searchParams.get(name));
      return Response.json(await timePages(env.DB_CHAT_D1, param("rows"), param("limit"), param("far"), param("samples"), url.searchParams.get("tied") === "1"));
    }
    if (url.pathname === "/scale/seed") {
      const db = url.searchParams.get("layer") === "chat-d1" ? env.DB_CHAT_D1 : env.DB_BASELINE;
      return Response.json(await seedScale(db, Number(url.searchParams.get("rows"))));
    }
    if (url.pathname === "/scale/read") {
      const layer = layerFor(url.searchParams.get("layer"), env, trips);
      const ids = { sessionId: url.searchParams.get("session")!, conversationId: url.searchParams.get("conversation")! };
      return Response.json(await timeReads(layer, ids));
    }
    if (url.pathname === "/branches/seed") {
      return Response.json(await seedBranches(env.DB_CHAT_D1, Number(url.searchParams.get("branches"))));
    }
    if (url.pathname === "/branches/read") {
      const ids = { sessionId: url.searchParams.get("session")!, conversationId: url.searchParams.get("conversation")! };
      const repeat = Number(url.searchParams.get("repeat") ?? 10);
      const read = url.searchParams.get("how") === "tree" ? timeWholeTree : timeWindow;
      return Response.json(await read(env.DB_CHAT_D1, ids, repeat));
    }
    if (url.pathname.startsWith("/search/")) {
      // bench/search.mjs: seeding, the backfill a call at a time, queries, turns with search.
      const param = (name: string) => url.searchParams.get(name) ?? "";
      const db = env.DB_CHAT_D1;
      if (url.pathname === "/search/seed") return Response.json(await seedSearch(db, param("layout"), Number(param("from")), Number(param("count"))));
      if (url.pathname === "/search/enable") return Response.json(await enableSearchOnce(db, Number(param("batch")), param("disable") === "1"));
      if (url.pathname === "/search/query") return Response.json(await timeSearch(db, param("session"), param("q"), Number(param("repeat"))));
      if (url.pathname === "/search/turns") return Response.json(await timeTurns(db, Number(param("turns"))));
    }
    if (url.pathname.startsWith("/soak/")) {
      // bench/soak.mjs: blocks of calls in one object (so one isolate), timed by the driver.
      const soak = env.SOAK_OBJECT.get(env.SOAK_OBJECT.idFromName("soak"));
      const param = (name: string) => Number(url.searchParams.get(name));
      if (url.pathname === "/soak/block") return Response.json(await soak.runBlock(param("first"), param("calls")));
      if (url.pathname === "/soak/big") return Response.json(await soak.bigTurns(param("turns"), param("bytes")));
    }
    return new Response("not found", { status: 404 });
  },
};
