import { TZDate } from '@date-fns/tz';
import { type IsoDate, isWorkingDay, LONDON, londonToday } from '../../shared';

/**
 * When and how often the sweeper tries to deliver a reminder. The rules, in order:
 * - Reminders go out on working days (weekdays that are not bank holidays in England)
 *   between 08:00 and 17:00 Europe/London. Send days are already school days for schools
 *   (shared/reminders `sendDay`), so this window only keeps nights and weekends quiet.
 * - A reminder sent after its send day is late, if it was written by then; one written
 *   later (the review changed, or was imported, after the day) is not.
 * - 429: try again no sooner than `Retry-After` (capped at `maxRetryAfterMs`); without one,
 *   back off as for 5xx.
 * - 5xx, timeouts and dropped connections: back off with full jitter,
 *   `random * min(maxDelay, base * 2^(attempt - 1))`, so instances do not retry in step.
 * - Anything else (4xx, no address, not configured): retrying cannot help; dead at once.
 * - After `maxAttempts` attempts (claims, so a sender that crashes every time counts too)
 *   the reminder is dead, with its last error, for the LA manager to see.
 * Time, randomness and the clock are the caller's; these are pure decisions.
 */

export interface SweepPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  /** London hours [start, end) in which reminders go out. */
  windowStartHour: number;
  windowEndHour: number;
}

export const defaultSweepPolicy: SweepPolicy = {
  maxAttempts: 6,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxRetryAfterMs: 3_600_000,
  windowStartHour: 8,
  windowEndHour: 17,
};

/** Why one delivery attempt failed, as the policy needs to know it. */
export type DeliveryFailure =
  | { kind: 'throttled'; retryAfterMs?: number | undefined; message: string }
  | { kind: 'transient'; message: string }
  | { kind: 'permanent'; message: string };

/** A failed delivery attempt, raised by channels and recipient resolution. */
export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(failure.message);
    this.name = 'DeliveryError';
  }
}

/**
 * True when `now` is inside the sending window on a working day in London.
 * @example isSendingTime(new Date('2026-11-23T08:30:00Z'), defaultSweepPolicy) //=> true (Monday 08:30 GMT)
 */
export function isSendingTime(now: Date, policy: SweepPolicy): boolean {
  const day = londonToday(now);
  if (!isWorkingDay(day)) return false;
  const hour = new TZDate(now.getTime(), LONDON).getHours();
  return hour >= policy.windowStartHour && hour < policy.windowEndHour;
}

/**
 * Late: sent after its send day although it was already written on or before that day.
 * @example isLate({ sendOn: '2026-11-20', createdOn: '2026-11-19' }, '2026-11-23') //=> true
 */
export function isLate(r: { sendOn: IsoDate; createdOn: IsoDate | null }, today: IsoDate): boolean {
  return today > r.sendOn && (r.createdOn === null || r.createdOn <= r.sendOn);
}

/**
 * What to do after attempt number `attempts` (1-based) failed: retry at a time, or give up.
 * @example nextStep({ kind: 'throttled', retryAfterMs: 2000, message }, 1, policy, () => 0.5, now) //=> { retryAt: now + 2 s }
 */
export function nextStep(failure: DeliveryFailure, attempts: number, policy: SweepPolicy, random: () => number, now: Date): { retryAt: Date } | { dead: string } {
  if (failure.kind === 'permanent') return { dead: failure.message };
  if (attempts >= policy.maxAttempts) return { dead: `gave up after ${attempts} attempts: ${failure.message}` };
  if (failure.kind === 'throttled' && failure.retryAfterMs !== undefined) {
    return { retryAt: new Date(now.getTime() + Math.min(failure.retryAfterMs, policy.maxRetryAfterMs)) };
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return { retryAt: new Date(now.getTime() + Math.floor(random() * step)) };
}
