// The worker suite's `main` module: a SQLite-backed Durable Object whose storage the two-backend
// suite (engines.ts) runs chat-d1 on, migrated by the package's `migrate` in its constructor as a
// Worker's own object would be.
import { DurableObject } from "cloudflare:workers";
import { migrate } from "chat-d1";

export class ChatObject extends DurableObject {
  /** What `migrate` applied when the object started. */
  readonly migrated: Promise<string[]>;

  constructor(ctx: DurableObjectState, env: unknown) {
    super(ctx, env);
    this.migrated = migrate(ctx.storage);
    void ctx.blockConcurrencyWhile(() => this.migrated);
  }
}

export default {
  fetch: () => new Response("the worker suite's Durable Object host"),
};
