// The chat turn on the Durable Object backend, for bench/turns.mjs: chat-d1 on the object's own
// SQLite (`ctx.storage`), the same turn as the chat API flow on D1 (turns.ts). The object runs the
// turns in one RPC call; the Worker times the call (workerd's clock does not move while the
// object's synchronous SQLite runs, only across I/O such as the call itself).
import { DurableObject } from "cloudflare:workers";
import { migrate } from "chat-d1";
import { chatTurn, playTurns, type Kind, type TurnOf } from "./turns";

export class BenchObject extends DurableObject<Record<string, never>> {
  constructor(ctx: DurableObjectState, env: Record<string, never>) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(() => migrate(ctx.storage));
  }

  /** `repeat` chat turns of `kind`; their storage round trips and rows, set-up excluded. */
  async runTurns(kind: Kind, repeat: number) {
    const totals = { roundTrips: 0, rowsRead: 0, rowsWritten: 0 };
    const options = {
      onQuery: (cost: { round_trips: number; rows_read: number; rows_written: number }) => {
        totals.roundTrips += cost.round_trips;
        totals.rowsRead += cost.rows_read;
        totals.rowsWritten += cost.rows_written;
      },
    };
    const db = this.ctx.storage as unknown as D1Database;
    const turn: TurnOf = (sessionId, conversationId, text) => chatTurn(db, options, sessionId, conversationId, text);
    await playTurns(turn, kind, repeat, () => {
      totals.roundTrips = totals.rowsRead = totals.rowsWritten = 0;
    });
    return totals;
  }
}
