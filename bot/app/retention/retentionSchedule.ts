import { z } from 'zod';
import { appendAudit } from '../../store/audit';
import { ServiceError } from '../../store/errors';
import { pendingGraphDeletions } from '../../store/graphDeletions';
import { requestHash, runWrite } from '../../store/idempotency';
import type { Principal } from '../../store/principal';
import { lockCouncilForRetention, writeRetentionSchedule } from '../../store/retention/schedules';
import { applyRetention, type RetentionReport, scheduleInForce } from './runRetention';
import { defaultRetentionSchedule, retentionScheduleSchema } from './schedule';
import { type AppDeps, parsed, permit, type TaskResult } from '../task';
import { ifMatchAccepts } from '../../store/ifMatch';

const etagOf = (councilId: string, version: number) => `"retention.${councilId}.${version}"`;

/** The body of PUT /api/council/retention: the figures (any left out keep the default), and whether the manager confirms them. */
export const retentionBody = z.strictObject({
  schedule: retentionScheduleSchema.partial().default({}),
  confirm: z.boolean({ error: 'say confirm: true to let the schedule delete records, or false to save it for now' }),
});

/**
 * GET /api/council/retention: the schedule in force, whether it is confirmed, what it would
 * delete today, and the SharePoint files retention and erasure took off the records that
 * Graph has not yet deleted (`sharePointFiles`: how many wait, how many failed, the last error).
 */
export async function readRetention(
  deps: AppDeps,
  principal: Principal,
): Promise<{ body: RetentionReport & { defaults: typeof defaultRetentionSchedule; sharePointFiles: Awaited<ReturnType<typeof pendingGraphDeletions>> }; etag: string }> {
  permit(principal, 'GET /api/council/retention');
  const dry = await applyRetention(deps.db, principal.orgId, deps.today(), { dryRun: true });
  const sharePointFiles = await pendingGraphDeletions(deps.db, principal.orgId);
  return { body: { ...dry, defaults: defaultRetentionSchedule, sharePointFiles }, etag: etagOf(principal.orgId, dry.scheduleVersion) };
}

/**
 * Saves the council's schedule (LA manager only, If-Match against the version read,
 * idempotent, audited before and after). Only a confirmed schedule deletes; saving new
 * figures unconfirmed stops deletion until someone confirms them.
 */
export async function saveRetention(deps: AppDeps, call: { principal: Principal; input: unknown; idempotencyKey?: string | undefined; ifMatch?: string | undefined }): Promise<TaskResult> {
  permit(call.principal, 'PUT /api/council/retention');
  const input = parsed(retentionBody, call.input);
  const councilId = call.principal.orgId;
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('PUT', '/api/council/retention', call.input ?? null), async (tx) => {
    await lockCouncilForRetention(tx, councilId);
    const before = await scheduleInForce(tx, councilId);
    if (!ifMatchAccepts(call.ifMatch, etagOf(councilId, before.version))) {
      throw new ServiceError(412, 'stale-write', `The retention schedule has changed since you read it (it is now at version ${before.version}); reload it and make your change again.`);
    }
    const schedule = { ...defaultRetentionSchedule, ...input.schedule };
    const stored = await writeRetentionSchedule(tx, councilId, schedule, input.confirm ? call.principal.personId : null);
    await appendAudit(tx, call.principal, input.confirm ? 'retention.schedule-confirmed' : 'retention.schedule-saved', 'council', councilId, { schedule: before.schedule, confirmed: before.confirmed }, { schedule, confirmed: input.confirm });
    return { status: 200, body: { councilId, version: stored.version, schedule, confirmed: input.confirm, confirmedAt: stored.confirmedAt }, etag: etagOf(councilId, stored.version) };
  });
}
