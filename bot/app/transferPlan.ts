import { type Finding, planTransferDates, reviewDeadline } from '../../shared';
import type { Queryable } from '../store/db';
import { receivingCouncil, storeTransfer, type TransferInput } from '../store/placements/transfers';
import type { Principal } from '../store/principal';
import { enqueueReminders, type ReminderToQueue } from '../store/reminders/enqueueReminder';
import { scheduleReminders } from '../store/reminders/scheduleReminders';
import { etagOf, loadReview } from '../store/reviews/loadReview';
import { checkIfMatch } from '../store/reviews/writeSupport';
import { staffOf } from '../store/placements/staff';
import { reviewVersion } from '../store/caseExport';

export interface TransferPlanDeps {
  tx: Queryable;
  principal: Principal;
  today: string;
}

/** Who was told of the transfer, through the reminder outbox (Teams or email, like every reminder). */
export interface TransferNotice {
  to: 'old-council' | 'new-council' | 'school';
  orgId: string;
  personId: number | null;
}

/**
 * A child with an EHC plan moves into another council's area (SEND Regs 2014 reg 15):
 * the old council, which holds the review, transfers the plan to the new council on this
 * service. The old record is closed as transferred (never ceased); the new council takes
 * the case, its open review and its history, with the review deadline Reg 15(5) gives;
 * both councils and the school are told; both sides are audited. A transfer later than
 * Reg 15(2) allows is still made (lateness never blocks), with a warning saying how late.
 */
export async function transferPlan(deps: TransferPlanDeps, reviewId: string, input: TransferInput, ifMatch?: string) {
  const { tx, principal, today } = deps;
  const row = await loadReview(tx, principal, reviewId, today, true);
  checkIfMatch(row, ifMatch);
  const to = await receivingCouncil(tx, row.council_id, input.toCouncil);
  const dates = planTransferDates({
    movedOn: input.movedOn,
    awareOn: input.awareOn,
    transferredOn: input.transferredOn,
    s44Deadline: reviewDeadline(row.issued_on, row.previous_concluded_on ?? undefined),
  });
  const warnings: Finding[] = [];
  if (input.transferredOn > dates.transferDueBy) {
    const days = Math.round((Date.parse(input.transferredOn) - Date.parse(dates.transferDueBy)) / 86_400_000);
    warnings.push({
      code: 'transfer-late',
      severity: 'warn',
      source: dates.sources.transferDueBy,
      message: `The plan should have been transferred by ${dates.transferDueBy}; it is transferred ${days} day${days === 1 ? '' : 's'} late. The new council maintains it from today.`,
    });
  }
  const stored = await storeTransfer(tx, principal, row, input, dates);
  const notices = await notifyTransfer(tx, row, stored, to, input, dates, today);
  if (stored.movedReviewIds.length) await scheduleReminders(tx, stored.movedReviewIds, today);
  const moved = stored.openReviewId ? await reviewVersion(tx, stored.openReviewId) : undefined;
  return {
    etag: moved ? etagOf(moved) : etagOf({ id: row.id, version: row.version + 1 }),
    transferId: stored.transferId,
    status: 'transferred' as const,
    from: { council: row.council_id, laReference: row.la_reference, record: 'closed as transferred' },
    to: { council: to.id, councilName: to.name, laReference: input.newLaReference ?? row.la_reference, reviewId: stored.openReviewId },
    dates,
    warnings,
    notified: notices,
  };
}

async function notifyTransfer(
  tx: Queryable,
  row: Awaited<ReturnType<typeof loadReview>>,
  stored: Awaited<ReturnType<typeof storeTransfer>>,
  to: { id: string; name: string },
  input: TransferInput,
  dates: ReturnType<typeof planTransferDates>,
  today: string,
): Promise<TransferNotice[]> {
  const reviewId = stored.openReviewId ?? stored.movedReviewIds[0];
  if (!reviewId) return [];
  const oldOfficer = stored.caseOfficerId ?? (await staffOf(tx, row.council_id, 'la-officer'));
  const newOfficer = await staffOf(tx, to.id, 'la-officer');
  const from = row.council_name ?? row.council_id;
  const when = `on ${input.transferredOn}`;
  const notices: (TransferNotice & { action: string; role: 'la-officer' | 'senco' })[] = [
    {
      to: 'old-council',
      orgId: row.council_id,
      personId: oldOfficer,
      role: 'la-officer',
      action: `The plan moved to ${to.name} ${when}. Your record is closed as transferred; its concluded reviews stay with you. Send ${to.name} anything not on the service (Reg 15(2)).`,
    },
    {
      to: 'new-council',
      orgId: to.id,
      personId: newOfficer,
      role: 'la-officer',
      action: `${from} transferred this plan to you ${when}. Tell the family by ${dates.familyToldBy} that it has transferred, whether you will assess and when you will review (Reg 15(4)); review it by ${dates.reviewDeadline} (Reg 15(5)).`,
    },
  ];
  if (stored.schoolId) {
    notices.push({
      to: 'school',
      orgId: stored.schoolId,
      personId: null,
      role: 'senco',
      action: `This child's plan is now maintained by ${to.name} (from ${from}, ${when}); the review stays in your list, under ${to.name}.`,
    });
  }
  const reminders: ReminderToQueue[] = notices
    .filter((n) => n.to === 'school' || n.personId !== null || n.to === 'new-council')
    .map((n) => ({
      reviewId,
      kind: 'plan-transferred',
      recipient: { role: n.role, personId: n.personId, email: null },
      dueOn: today,
      deadline: n.to === 'new-council' ? dates.familyToldBy : null,
      urgency: 1,
      source: 'Reg 15',
      action: n.action,
    }));
  await enqueueReminders(tx, reminders, today);
  return notices.map(({ to: who, orgId, personId }) => ({ to: who, orgId, personId }));
}
