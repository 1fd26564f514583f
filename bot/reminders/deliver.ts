import { type ReminderRole, roleName } from '../../shared';
import { GraphCallError } from '../graph/errors';
import { adviceLinkFor } from '../store/advice/links';
import type { Queryable } from '../store/db';
import type { ClaimedReminder } from '../store/reminders/outbox';
import { resolveRecipient, type TenantCache } from '../store/reminders/recipients';
import { ProactiveSendError } from '../teams/sdk/proactive';
import type { ReminderChannels } from './channels';
import { reminderContent, reminderMessage } from './content';
import { DeliveryError, type DeliveryFailure } from './policy';

export interface DeliveryDeps {
  db: Queryable;
  channels: ReminderChannels;
  publicUrl: string;
  defaultCouncilTenant: string | null;
  tenants?: TenantCache | undefined;
}

/**
 * Delivers one claimed reminder: a Teams message to the person's own chat with the bot when
 * the council's bot can reach them (same tenant); else the app installed for them through
 * Graph where allowed; else an email from the council's shared mailbox (people in a
 * school's or NHS trust's own tenant get email). Throws {@link DeliveryError}.
 */
export async function deliverReminder(deps: DeliveryDeps, r: ClaimedReminder, late: boolean): Promise<{ channel: 'teams' | 'email' }> {
  const to = await resolveRecipient(deps.db, r, deps.defaultCouncilTenant, deps.tenants);
  // Someone asked for advice or views, by email: the reminder carries a one-time link to send
  // it (issue #12), since they may have no Teams and no access to the council's tab.
  const adviceLink = r.kind.startsWith('advice-') && to.email && !to.conversation ? await adviceLinkFor(deps.db, r.reviewId, to.email, deps.publicUrl) : undefined;
  const content = reminderContent(r, { publicUrl: deps.publicUrl, late, adviceLink });
  const { teams, email, installApp } = deps.channels;
  const sameTenant = (tenant: string | null) => to.councilTenantId === null || tenant === to.councilTenantId;

  let conversation = to.conversation && sameTenant(to.conversation.tenantId) ? to.conversation : null;
  if (!conversation && teams && installApp && to.personId !== null && to.aadObjectId && to.councilTenantId && to.tenantId === to.councilTenantId) {
    // Installing is best effort: where the tenant does not allow it, email still reaches them.
    conversation = await installApp({ personId: to.personId, aadObjectId: to.aadObjectId, tenantId: to.councilTenantId }).catch(() => null);
  }
  let teamsRefused: DeliveryFailure | undefined;
  if (conversation && teams) {
    const decision = r.kind === 'decision-needed' && deps.channels.decisionCard ? await deps.channels.decisionCard(r.reviewId) : null;
    // The reminder's own reference goes with the decision card, so the officer can quote it as with any reminder.
    const message = decision ? { summary: `${content.title}: ${content.childLabel} (reference ${content.reference})`, cards: [decision] } : reminderMessage(content);
    try {
      await teams.send({ serviceUrl: conversation.serviceUrl, conversationId: conversation.conversationId }, message);
      return { channel: 'teams' };
    } catch (error) {
      const failure = teamsFailure(error);
      // Uninstalled or blocked (403/404): the chat is gone, but an email may still reach them.
      if (failure.kind !== 'permanent' || !to.email || !email) throw new DeliveryError(failure);
      teamsRefused = failure;
    }
  }
  if (to.email && email && (to.councilTenantId || email.local)) {
    try {
      await email.send({ to: to.email, subject: content.subject, html: content.html }, to.councilTenantId ?? '');
      return { channel: 'email' };
    } catch (error) {
      throw new DeliveryError(mailFailure(error));
    }
  }
  const who = `the ${roleName(r.recipientRole as ReminderRole) ?? r.recipientRole} of ${r.laReference}`;
  if (teamsRefused) throw new DeliveryError(teamsRefused);
  if (!to.email && !conversation) throw new DeliveryError({ kind: 'permanent', message: `no email or Teams conversation for ${who}: add one` });
  if (!email || !to.councilTenantId) {
    throw new DeliveryError({
      kind: 'permanent',
      message: `${who} has no Teams chat with the bot and reminder email is not configured: set REMINDERS_MAILBOX and the EHCP_GRAPH_* settings (and the council's tenant)`,
    });
  }
  throw new DeliveryError({ kind: 'permanent', message: `no way to reach ${who}` });
}

function teamsFailure(error: unknown): DeliveryFailure {
  if (!(error instanceof ProactiveSendError)) return { kind: 'transient', message: `Teams send failed: ${(error as Error)?.message ?? String(error)}` };
  const status = error.status;
  if (status === 429) return { kind: 'throttled', retryAfterMs: retryAfterMs(error.retryAfter), message: error.message };
  if (status === undefined || status >= 500 || status === 408) return { kind: 'transient', message: error.message };
  if (status === 403 || status === 404) return { kind: 'permanent', message: `the bot can no longer reach this person in Teams (${error.message}); they may have removed the app` };
  return { kind: 'permanent', message: error.message };
}

function mailFailure(error: unknown): DeliveryFailure {
  if (error instanceof GraphCallError) {
    if (error.code === 'graph-throttled') return { kind: 'throttled', retryAfterMs: error.details.retryAfterSeconds !== undefined ? error.details.retryAfterSeconds * 1000 : undefined, message: error.message };
    if (error.code === 'graph-unavailable' || error.code === 'graph-outcome-unknown') return { kind: 'transient', message: error.message };
    return { kind: 'permanent', message: error.message };
  }
  if (error instanceof DeliveryError) return error.failure;
  return { kind: 'transient', message: `email failed: ${(error as Error)?.message ?? String(error)}` };
}

/** `Retry-After` as milliseconds: delta-seconds (what the connector sends) or an HTTP date. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  return undefined;
}
