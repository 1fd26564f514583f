import { csvLine } from '../../csv/write';
import type { OnTime, TimelinessRow } from './timeliness';

const columns = [
  'la_reference',
  'upn',
  'school',
  'review_deadline',
  'review_meeting_date',
  'review_outcome',
  'review_decision_date',
  'amendment_notice_date',
  'final_amended_plan_date',
  'invitations_on_time',
  'meeting_on_time',
  'report_on_time',
  'decision_on_time',
  'amendment_notice_on_time',
  'final_plan_on_time',
];

const flag = (v: OnTime) => (v === null ? '' : v ? 'Y' : 'N');

/** The timeliness rows as CSV with the SEN2 annual-review items first; blanks mean "not known yet". */
export function sen2Csv(plans: TimelinessRow[]): string {
  const lines = [columns.join(',')];
  for (const p of plans) {
    const cells = [
      p.laReference,
      p.upn ?? '',
      p.schoolId ?? '',
      p.reviewDeadline,
      p.meetingDate,
      p.outcome ?? '',
      p.decisionNotifiedOn ?? '',
      p.amendmentNoticeServedOn ?? '',
      p.finalPlanIssuedOn ?? '',
      flag(p.onTime.invitations),
      flag(p.onTime.meeting),
      flag(p.onTime.report),
      flag(p.onTime.decision),
      flag(p.onTime.amendmentNotice),
      flag(p.onTime.finalPlan),
    ];
    lines.push(csvLine(cells));
  }
  return `${lines.join('\r\n')}\r\n`;
}
