import { ceaseSource, decisionDueSource, finalAmendedPlanDueSource, latestMeetingDateSource, reportDueSource } from '../../../shared';
import type { ReviewStatus } from '../../store/reviews/status';

/** For each status: the step that is due, under which rule, and what to do about it. */
export const reviewSteps: Record<ReviewStatus, { due: string; rule: string; todo: string }> = {
  'not-booked': { due: 'Review meeting to be held', rule: latestMeetingDateSource, todo: 'Book the meeting from Outlook with the EHCP add-in; invitations go out at least two weeks before.' },
  booked: { due: 'Review meeting', rule: latestMeetingDateSource, todo: 'Hold the meeting; gather advice and the family’s views before it.' },
  'awaiting-report': { due: 'School’s report to the council', rule: reportDueSource, todo: 'Send the report of the meeting to the council and everyone invited, within two weeks of it.' },
  'awaiting-decision': { due: 'Council’s decision', rule: decisionDueSource, todo: 'Decide to maintain, amend or cease the plan and tell the family: say "record decision" with the reference.' },
  amending: { due: 'Final amended plan', rule: finalAmendedPlanDueSource, todo: 'Serve the amendment notice, consider the family’s response, and issue the final plan.' },
  ceasing: {
    due: 'Cease: consultation, decision, then the plan’s end',
    rule: ceaseSource,
    todo: 'After the consultation on the proposal, decide whether to cease or keep the plan; the plan stays in place until the time to appeal ends, then confirm its end date.',
  },
  concluded: { due: 'Nothing due', rule: '', todo: 'This review is finished.' },
};

/** The statuses whose step falls to each role: what is "due from me". */
export const stepsFor = {
  senco: ['not-booked', 'booked', 'awaiting-report'],
  'la-officer': ['awaiting-decision', 'amending', 'ceasing'],
  'la-manager': ['awaiting-decision', 'amending', 'ceasing'],
  professional: ['booked'],
} as const satisfies Record<string, readonly ReviewStatus[]>;

export const statusWords: Record<ReviewStatus, string> = {
  'not-booked': 'meeting not booked',
  booked: 'meeting booked',
  'awaiting-report': 'awaiting the school’s report',
  'awaiting-decision': 'awaiting the council’s decision',
  amending: 'plan being amended',
  ceasing: 'proposed to cease (plan kept meanwhile)',
  concluded: 'concluded',
};
