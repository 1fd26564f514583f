import type { HttpClient } from './http';

export type WriteKind = 'meeting' | 'decision' | 'import';

/** One write of the burst, what it should leave behind, and what became of it. */
export interface WriteOp {
  kind: WriteKind;
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
 * Sends the writes of every lane, `concurrency` at a time. A lane's writes go one after
 * another (so the last acknowledged booking of a review is the one that must survive);
 * lanes interleave. Calls `kill` the moment the `killAfterAcks`-th 2xx arrives, with the
 * other requests still in flight, and then sends nothing more.
 */
export async function runBurst(client: HttpClient, lanes: WriteOp[][], options: BurstOptions): Promise<BurstResult> {
  const ready = lanes.map((_, i) => i);
  const position = lanes.map(() => 0);
  let inFlight = 0;
  let acked = 0;
  let killed: BurstResult | undefined;
  const started = Date.now();
  const worker = async () => {
    while (!killed) {
      const lane = ready.shift();
      if (lane === undefined) {
        if (inFlight === 0) return;
        await new Promise((r) => setTimeout(r, 2));
        continue;
      }
      const op = lanes[lane]?.[position[lane]!++] as WriteOp;
      op.state = 'in-flight';
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
      }
      if (position[lane]! < (lanes[lane]?.length ?? 0)) ready.push(lane);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  if (!killed) throw new Error(`the burst finished with only ${acked} writes acknowledged, before the kill point (${options.killAfterAcks})`);
  return killed;
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
