// The mixed workload both layers run: a chat's life in miniature. workerd's clock moves in whole
// milliseconds around I/O, so each method is timed over a block of `repeat` back-to-back calls;
// the per-call figure has 1/repeat ms resolution.
import type { DatabaseClient } from "chat-d1";
import type { RoundTrips } from "./counting-d1";

/** What the workload needs of a data layer: the five methods, as chat-d1 types them. */
export type DataLayer = Pick<
  DatabaseClient,
  "getOrCreateSession" | "createConversation" | "createMessage" | "listConversations" | "getConversationWithMessages"
>;

/** One step of the workload: its mean cost per call, and how often one workload makes it. */
export interface StepCost {
  step: string;
  perWorkload: number;
  msPerCall: number;
  roundTripsPerCall: number;
}

/** Runs the workload `repeat` times, step by step, and returns each step's cost per call. */
export async function runWorkload(layer: DataLayer, trips: RoundTrips, repeat: number): Promise<StepCost[]> {
  const costs: StepCost[] = [];
  const block = async (step: string, perWorkload: number, call: (i: number) => Promise<unknown>) => {
    const calls = repeat * perWorkload;
    const tripsBefore = trips.count;
    const start = performance.now();
    for (let i = 0; i < calls; i++) await call(i);
    costs.push({
      step,
      perWorkload,
      msPerCall: (performance.now() - start) / calls,
      roundTripsPerCall: (trips.count - tripsBefore) / calls,
    });
  };
  const sessions = Array.from({ length: repeat }, () => crypto.randomUUID());
  const conversations = Array.from({ length: repeat }, () => crypto.randomUUID());
  await block("getOrCreateSession (new)", 1, (i) => layer.getOrCreateSession(sessions[i]!, { agent: "bench" }));
  await block("getOrCreateSession (existing)", 1, (i) => layer.getOrCreateSession(sessions[i]!));
  await block("createConversation", 1, (i) => layer.createConversation(conversations[i]!, sessions[i]!, "Benchmark"));
  await block("createMessage", 4, (i) =>
    layer.createMessage(crypto.randomUUID(), conversations[i % repeat]!, i % 2 ? "assistant" : "user", `message ${i}`),
  );
  await block("listConversations", 1, (i) => layer.listConversations(sessions[i]!));
  await block("getConversationWithMessages", 1, (i) => layer.getConversationWithMessages(conversations[i]!));
  return costs;
}
