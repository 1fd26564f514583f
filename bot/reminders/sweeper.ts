import { londonToday, type TermCalendar } from '../../shared';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { cancelExpiredReminders, claimDueReminders, markReminderDead, markReminderRetry, markReminderSent, releaseReminderClaims } from '../store/reminders/outbox';
import type { ReminderChannels } from './channels';
import { runDailyPass } from '../store/reminders/dailyPass';
import { deliverReminder } from './deliver';
import { DeliveryError, isLate, isSendingTime, nextStep, type SweepPolicy } from './policy';

export interface SweeperOptions {
  db: Db;
  channels: ReminderChannels;
  /** The service's clock (injected; tests run it days ahead). */
  now: () => Date;
  /** This instance's name in leases. */
  owner: string;
  policy: SweepPolicy;
  /** How long a claim keeps other instances off a reminder; must exceed a send's timeout. */
  leaseMs: number;
  /** The longest one delivery may take (the channels' timeout): a delivery starts only if it would end inside the claim. */
  sendTimeoutMs?: number | undefined;
  batchSize: number;
  /** Batches per sweep at most (the rest waits for the next tick), so a sweep stays short and stopping is prompt. Default 20. */
  maxBatches?: number | undefined;
  intervalMs: number;
  publicUrl: () => string;
  /** The council's tenant when its organisation row has none (the bot's tenant). */
  defaultCouncilTenant: string | null;
  terms?: TermCalendar | undefined;
  random?: () => number;
  logger: Logger;
}

export interface SweepResult {
  claimed: number;
  sent: number;
  late: number;
  retried: number;
  dead: number;
  expired: number;
  /** Claims handed back unsent because the rest of a slow batch could have outlasted its lease (taken again in the next batch). */
  released: number;
}

/**
 * One sweep: inside the sending window, cancel what has expired, then claim due reminders a
 * batch at a time (most urgent first), deliver each in turn, and record the outcome, until
 * none are left or `maxBatches` were done. The claim is committed before sending, so if this process dies mid-send the lease
 * runs out and another instance sends it again: at-least-once, with a duplicate possible
 * only for a reminder whose send completed but whose "sent" was never recorded.
 */
export async function sweepOnce(o: SweeperOptions): Promise<SweepResult> {
  const result: SweepResult = { claimed: 0, sent: 0, late: 0, retried: 0, dead: 0, expired: 0, released: 0 };
  if (!isSendingTime(o.now(), o.policy)) return result;
  result.expired = await cancelExpiredReminders(o.db, londonToday(o.now()));
  const random = o.random ?? Math.random;
  const tenants = new Map<string, string | null>();
  for (let batches = 1; ; batches++) {
    const now = o.now();
    const today = londonToday(now);
    const batch = await o.db.transaction((tx) => claimDueReminders(tx, { owner: o.owner, now, today, leaseMs: o.leaseMs, limit: o.batchSize }));
    result.claimed += batch.length;
    // The claim's lease runs on from here. A delivery that could outlast it might be sent twice
    // (here, and by the instance that takes the expired lease), so when the rest of a slow
    // batch could not finish inside it, those claims are handed back for the next batch. A
    // send's timeout is allowed twice over: once for the send, once in reserve for recording
    // it on a busy database (the service refuses a lease shorter than twice the timeout, so
    // the first reminder of a batch always goes).
    const claimedAt = performance.now();
    let handedBack = 0;
    for (const [i, r] of batch.entries()) {
      if (i > 0 && performance.now() - claimedAt + 2 * (o.sendTimeoutMs ?? 0) >= o.leaseMs) {
        await releaseReminderClaims(o.db, batch.slice(i).map((left) => left.id), o.owner);
        handedBack = batch.length - i;
        result.claimed -= handedBack;
        result.released += handedBack;
        break;
      }
      const late = isLate(r, londonToday(o.now()));
      try {
        const { channel } = await deliverReminder({ db: o.db, channels: o.channels, publicUrl: o.publicUrl(), defaultCouncilTenant: o.defaultCouncilTenant, tenants }, r, late);
        await markReminderSent(o.db, r.id, o.owner, { channel, at: o.now(), late });
        result.sent++;
        if (late) result.late++;
      } catch (error) {
        const failure = error instanceof DeliveryError ? error.failure : { kind: 'transient' as const, message: (error as Error)?.message ?? String(error) };
        const step = nextStep(failure, r.attempts, o.policy, random, o.now());
        if ('dead' in step) {
          await markReminderDead(o.db, r.id, o.owner, { at: o.now(), error: step.dead });
          result.dead++;
          o.logger.warn('reminder dead-lettered', { id: r.id, kind: r.kind, reviewId: r.reviewId, attempts: r.attempts, error: step.dead });
        } else {
          await markReminderRetry(o.db, r.id, o.owner, { notBefore: step.retryAt, error: failure.message });
          result.retried++;
        }
      }
    }
    // A short batch means nothing else is due, unless some of it was just handed back.
    if ((batch.length < o.batchSize && handedBack === 0) || batches >= (o.maxBatches ?? 20)) break;
  }
  if (result.claimed > 0) o.logger.info('reminders swept', { ...result });
  return result;
}

/** The sweeper running inside the service: a sweep every interval, and the daily pass when the London date changes. */
export interface RunningSweeper {
  /** Runs one tick now (tests); resolves when it is done. */
  tick(): Promise<void>;
  /** Stops after the sweep in progress (graceful shutdown waits for it). */
  stop(): Promise<void>;
}

export function startSweeper(o: SweeperOptions): RunningSweeper {
  let stopped = false;
  let lastPassDay = '';
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    const now = o.now();
    const today = londonToday(now);
    if (today !== lastPassDay) {
      const pass = await runDailyPass(o.db, { today, now, owner: o.owner, leaseMs: Math.max(o.leaseMs, 600_000), terms: o.terms });
      // Done by us or by another instance: either way today's schedule is written.
      if (pass.ran) o.logger.info('reminder schedule written', { day: today, reviews: pass.reviews, written: pass.written, cancelled: pass.cancelled });
      lastPassDay = today;
    }
    await sweepOnce(o);
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => o.logger.error('reminder sweep failed', { error: (error as Error)?.message ?? String(error) }))
        .finally(schedule);
    }, o.intervalMs);
    timer.unref?.();
  };
  running = tick()
    .catch((error: unknown) => o.logger.error('reminder sweep failed', { error: (error as Error)?.message ?? String(error) }))
    .finally(schedule);
  return {
    tick: () => {
      running = running.then(tick);
      return running;
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
