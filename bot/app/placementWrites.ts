import { requestHash, runWrite } from '../store/idempotency';
import { registerSetting } from '../store/placements/settings';
import { checkNoVersionIfMatch } from '../store/reviews/writeSupport';
import type { Principal } from '../store/principal';
import { settingBody, transferBody } from './schemas';
import { type AppDeps, parsed, permit, type ReviewCall, type TaskResult } from './task';
import { transferPlan } from './transferPlan';

/**
 * Register a setting (a school or college) once, for any council to place in: idempotent,
 * and a new setting has no version for If-Match to name, so anything but `*` is stale.
 */
export function registerSettingWrite(deps: AppDeps, call: { principal: Principal; input: unknown; idempotencyKey?: string | undefined; ifMatch?: string | undefined }): Promise<TaskResult> {
  permit(call.principal, 'POST /api/settings');
  const input = parsed(settingBody, call.input);
  checkNoVersionIfMatch(call.ifMatch, 'A setting being registered');
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', '/api/settings', call.input ?? null), async (tx) => ({
    status: 201,
    body: await registerSetting(tx, call.principal, input),
  }));
}

/** Transfer a plan to another council (Regs 15-16), idempotently, through the transferPlan task. */
export function transferPlanWrite(deps: AppDeps, call: ReviewCall): Promise<TaskResult> {
  permit(call.principal, 'POST /api/reviews/{id}/transfer');
  const input = parsed(transferBody, call.input);
  const today = deps.today();
  const body = { ...input, transferredOn: input.transferredOn ?? today };
  return runWrite(deps.db, call.principal, call.idempotencyKey, requestHash('POST', `/api/reviews/${call.reviewId}/transfer`, call.input ?? null), async (tx) => {
    const { etag, ...answer } = await transferPlan({ tx, principal: call.principal, today }, call.reviewId, body, call.ifMatch);
    return { status: 201, body: { reviewId: call.reviewId, ...answer }, etag };
  });
}
