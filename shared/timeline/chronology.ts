import type { CaseInput } from './types';

// In its own module, apart from the schemas: the planner's fast row check needs it
// and not zod (loading zod cost the planner about 50 ms of its start-up).

/** One thing wrong with an input, named by its field path (`decision.notifiedOn`). */
export interface Problem {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * Order checks between dates that each parsed on their own: nothing happens
 * before the plan exists, and a decision cannot precede its meeting.
 */
export function chronologyProblems(c: Omit<CaseInput, 'settings'>): Problem[] {
  const problems: Problem[] = [];
  const after = (field: string, value: string | undefined, earliest: string, what: string) => {
    if (value !== undefined && value < earliest) problems.push({ field, message: `${value} is before ${what} (${earliest}); check the date` });
  };
  after('lastReviewConcluded', c.lastReviewConcluded, c.planIssued, 'the plan was issued');
  after('meetingDate', c.meetingDate, c.planIssued, 'the plan was issued');
  if (c.lastReviewConcluded) after('meetingDate', c.meetingDate, c.lastReviewConcluded, 'the previous review was concluded');
  if (c.dateOfBirth && c.planIssued < c.dateOfBirth) problems.push({ field: 'planIssued', message: `${c.planIssued} is before the child's date of birth (${c.dateOfBirth})` });
  if (c.decision) {
    if (c.meetingDate === undefined) problems.push({ field: 'decision', message: 'a decision needs the meetingDate of the review it follows' });
    else after('decision.notifiedOn', c.decision.notifiedOn, c.meetingDate, 'its review meeting');
  }
  if (c.ceaseProposed !== undefined) {
    if (c.meetingDate === undefined) problems.push({ field: 'ceaseProposed', message: 'a proposal to cease needs the meetingDate of the review it follows' });
    else after('ceaseProposed', c.ceaseProposed, c.meetingDate, 'its review meeting');
    if (c.decision && c.decision.outcome !== 'cease') problems.push({ field: 'decision.outcome', message: 'after a proposal to cease, the decision recorded is the cease ("cease")' });
    else if (c.decision) after('decision.notifiedOn', c.decision.notifiedOn, c.ceaseProposed, 'the proposal to cease');
  }
  if (c.review) {
    if (c.review.restartsCycle !== undefined && c.review.kind !== 'interim') problems.push({ field: 'review.restartsCycle', message: 'only an interim review says whether it restarts the 12 months; an early one always does (CFA 2014 s44(1))' });
    after('review.startedOn', c.review.startedOn, c.lastReviewConcluded ?? c.planIssued, c.lastReviewConcluded ? 'the previous review was concluded' : 'the plan was issued');
    if (c.meetingDate) after('meetingDate', c.meetingDate, c.review.startedOn, 'the review was started');
  }
  if (c.amendmentNoticeServed !== undefined) {
    if (c.decision?.outcome !== 'amend') problems.push({ field: 'amendmentNoticeServed', message: 'an amendment notice needs a decision with outcome "amend"' });
    else after('amendmentNoticeServed', c.amendmentNoticeServed, c.decision.notifiedOn, 'the decision was notified');
  }
  if (c.mediationCertificate !== undefined) {
    if (!c.decision) problems.push({ field: 'mediationCertificate', message: 'a mediation certificate needs the decision it follows' });
    else after('mediationCertificate', c.mediationCertificate, c.decision.notifiedOn, 'the decision was notified');
  }
  return problems;
}
