import type { HttpClient } from '../../../bench/harness/http';

export type WriteKind = 'meeting' | 'decision' | 'import';

/** One write of the burst, what it should leave behind, and what became of it. */
export interface WriteOp {
  kind: WriteKind;
  /** Writes of one lane (one review, say) are sent one after another. */
  lane: string;
  path: string;
  /** JSON value, or the CSV text of an import. */
  body: unknown;
  contentType?: string;
  key: string;
  reviewId?: string;
  meetingDate?: string;
  outcome?: string;
  laReferences?: string[];
  /** unsent: never left the client; lost: sent, but the connection died before an answer (may or may not be stored). */
  state: 'unsent' | 'in-flight' | 'acked' | 'refused' | 'lost';
  status?: number;
  text?: string;
  etag?: string;
  error?: string;
}

export interface BurstOptions {
  concurrency: number;
  /** Kill once this many writes have had a 2xx. */
  killAfterAcks: number;
  kill: () => void;
}

export interface BurstResult {
  ackedAtKill: number;
  inFlightAtKill: number;
  killedAfterMs: number;
}

/**
 * Sends `ops` in order, `concurrency` at a time, except that writes of one lane (`lane`)
 * never overlap: a lane's next write waits for its previous answer, so the last
 * acknowledged booking of a review is the one that must survive. Calls `kill` the moment
 * the `killAfterAcks`-th 2xx arrives, with the other requests still in flight, and then
 * sends nothing more.
 */
export async function runBurst(client: HttpClient, ops: WriteOp[], options: BurstOptions): Promise<BurstResult> {
  const busy = new Set<string>();
  let first = 0;
  let inFlight = 0;
  let acked = 0;
  let killed: BurstResult | undefined;
  const started = Date.now();
  const nextOp = (): WriteOp | undefined => {
    while (first < ops.length && ops[first]?.state !== 'unsent') first++;
    for (let i = first; i < ops.length; i++) {
      const op = ops[i] as WriteOp;
      if (op.state === 'unsent' && !busy.has(op.lane)) return op;
    }
    return undefined;
  };
  const worker = async () => {
    while (!killed) {
      const op = nextOp();
      if (!op) {
        if (first >= ops.length) return;
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      op.state = 'in-flight';
      busy.add(op.lane);
      inFlight++;
      try {
        const answer = await client.send('POST', op.path, { body: op.body, contentType: op.contentType, headers: { 'idempotency-key': op.key } });
        op.status = answer.status;
        op.text = answer.text;
        op.etag = typeof answer.headers.etag === 'string' ? answer.headers.etag : undefined;
        op.state = answer.status >= 200 && answer.status < 300 ? 'acked' : 'refused';
        if (op.state === 'acked' && ++acked >= options.killAfterAcks && !killed) {
          killed = { ackedAtKill: acked, inFlightAtKill: inFlight - 1, killedAfterMs: Date.now() - started };
          options.kill();
        }
      } catch (error) {
        op.state = 'lost';
        op.error = (error as Error).message;
      } finally {
        inFlight--;
        busy.delete(op.lane);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (!killed) throw new Error(`the burst finished with only ${acked} writes acknowledged, before the kill point (${options.killAfterAcks})`);
  return killed;
}

/**
 * All lanes' writes in one random order that keeps each lane's own order, so every kind
 * of write is spread over the whole burst.
 */
export function interleave(lanes: WriteOp[][], seed = 42): WriteOp[] {
  const slots = shuffle(lanes.flatMap((lane, l) => lane.map(() => l)), seed);
  const taken = lanes.map(() => 0);
  return slots.map((l) => lanes[l]?.[taken[l]!++] as WriteOp);
}

/** Shuffles in place with a fixed seed, so a failing run can be repeated. */
export function shuffle<T>(items: T[], seed = 42): T[] {
  let s = seed;
  const random = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
