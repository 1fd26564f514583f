import type { Logger } from '../../log/logger';
import { appendAudit } from '../../store/audit';
import type { Db, Queryable } from '../../store/db';
import { countPastPeriod, deletePastPeriod, type PastPeriodCounts } from '../../store/retention/pastPeriod';
import { councilIds, lockCouncilForRetention, readRetentionSchedule } from '../../store/retention/schedules';
import { defaultRetentionSchedule, type RetentionSchedule, retentionCutoffs, retentionKinds, retentionRule, retentionScheduleSchema } from './schedule';

/** What retention did (or would do) for one council on one day. */
export interface RetentionReport {
  councilId: string;
  today: string;
  /** False until the council's LA manager has confirmed a schedule: then nothing is deleted. */
  confirmed: boolean;
  scheduleVersion: number;
  schedule: RetentionSchedule;
  /** Per kind: the rule, the cut-off, and how many records are past it (deleted, unless a dry run or unconfirmed). */
  kinds: { kind: (typeof retentionKinds)[number]; rule: string; count: number }[];
  deleted: boolean;
}

/** The council's schedule in force: its own if saved (and still valid), else the defaults, with whether it is confirmed. */
export async function scheduleInForce(tx: Queryable, councilId: string): Promise<{ schedule: RetentionSchedule; version: number; confirmed: boolean }> {
  const stored = await readRetentionSchedule(tx, councilId);
  if (!stored) return { schedule: defaultRetentionSchedule, version: 0, confirmed: false };
  const parsed = retentionScheduleSchema.safeParse(stored.schedule);
  // A stored schedule that a later release's schema refuses deletes nothing until it is saved again.
  if (!parsed.success) return { schedule: defaultRetentionSchedule, version: stored.version, confirmed: false };
  return { schedule: parsed.data, version: stored.version, confirmed: stored.confirmedAt !== null };
}

function report(councilId: string, today: string, inForce: Awaited<ReturnType<typeof scheduleInForce>>, counts: PastPeriodCounts, deleted: boolean): RetentionReport {
  return {
    councilId,
    today,
    confirmed: inForce.confirmed,
    scheduleVersion: inForce.version,
    schedule: inForce.schedule,
    kinds: retentionKinds.map((kind) => ({ kind, rule: retentionRule(kind, inForce.schedule), count: counts[kind] })),
    deleted,
  };
}

/**
 * Applies one council's schedule on `today`, in one transaction. With `dryRun`, or before
 * the council has confirmed its schedule, it only counts. When it deletes, each kind that
 * lost records leaves a tombstone in the audit log: the kind, how many, the rule and the
 * schedule's version, never which records or whose.
 */
export async function applyRetention(db: Db, councilId: string, today: string, options: { dryRun: boolean; actor?: string }): Promise<RetentionReport> {
  return db.transaction(async (tx) => {
    // Every service process runs the daily job: without the lock two would both find the same
    // closed cases and both write their tombstones. Taken first, so the schedule read and every
    // statement after it see what the other run, or a schedule saved meanwhile, committed.
    if (!options.dryRun) await lockCouncilForRetention(tx, councilId);
    const inForce = await scheduleInForce(tx, councilId);
    const cutoffs = retentionCutoffs(inForce.schedule, today);
    if (options.dryRun || !inForce.confirmed) return report(councilId, today, inForce, await countPastPeriod(tx, councilId, cutoffs), false);
    const counts = await deletePastPeriod(tx, councilId, cutoffs);
    const actor = { orgId: null, userId: options.actor ?? 'system:retention', role: null };
    for (const kind of retentionKinds) {
      if (counts[kind] === 0) continue;
      const files = kind === 'case' && counts.files ? { filesQueued: counts.files } : {};
      await appendAudit(tx, actor, 'retention.deleted', 'retention', councilId, null, { kind, count: counts[kind], rule: retentionRule(kind, inForce.schedule), scheduleVersion: inForce.version, today, ...files });
    }
    return report(councilId, today, inForce, counts, true);
  });
}

/** Every council's retention on `today` (the service's daily job, and `ehcp-review retention`). */
export async function applyRetentionEverywhere(db: Db, today: string, options: { dryRun: boolean; logger?: Logger; actor?: string }): Promise<RetentionReport[]> {
  const reports: RetentionReport[] = [];
  for (const councilId of await councilIds(db)) {
    const done = await applyRetention(db, councilId, today, options);
    reports.push(done);
    const counts = Object.fromEntries(done.kinds.map((k) => [k.kind, k.count]));
    if (done.deleted) options.logger?.info('retention applied', { councilId, scheduleVersion: done.scheduleVersion, ...counts });
    else if (!done.confirmed && !options.dryRun) options.logger?.info('retention not applied: the council has not confirmed its schedule; this is what it would delete', { councilId, ...counts });
  }
  return reports;
}
