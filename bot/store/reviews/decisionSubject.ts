import type { DecisionOutcome } from '../../../shared';
import { childLabel } from '../../../shared';
import type { Queryable } from '../db';
import { type ReviewStatus, statusSql } from './status';

/**
 * What a decision card shows about one review, already cut to what a chat may carry: the
 * child as initials and council reference, never the name or date of birth.
 */
export interface DecisionSubject {
  reviewId: string;
  version: number;
  status: ReviewStatus;
  councilId: string;
  councilName: string;
  schoolName: string | null;
  /** "A.B. (DEMO-0007)". */
  label: string;
  laReference: string;
  meetingDate: string | null;
  reportSentOn: string | null;
  /** When the school's report was due (meeting + 14 days). */
  reportDue: string | null;
  recommendation: DecisionOutcome | null;
  /** The submitted report's proposed amendments, one line per plan section, to pre-fill the card. */
  proposedAmendments: string | null;
  decisionDue: string | null;
  decision: { outcome: DecisionOutcome; notifiedOn: string } | null;
  finalPlanDue: string | null;
  nextReviewDeadline: string | null;
  /** The decision letter as stored: sent, or only drafted in the council mailbox; null before either. */
  letter: 'sent' | 'drafted' | null;
}

interface Row {
  id: string;
  version: number;
  status: ReviewStatus;
  council_id: string;
  council_name: string;
  school_name: string | null;
  child_name: string;
  la_reference: string;
  meeting_date: string | null;
  report_sent_on: string | null;
  report_due: string | null;
  recommendation: DecisionOutcome | null;
  proposed_amendments: { planSection: string; amendment: string }[] | string | null;
  decision_due: string | null;
  outcome: DecisionOutcome | null;
  notified_on: string | null;
  final_plan_due: string | null;
  next_deadline: string | null;
  letter: 'sent' | 'drafted' | null;
}

const select = (where: string) => `
  select r.id, r.version, ${statusSql('$1')} as status, r.council_id, co.name as council_name, so.name as school_name,
         c.name as child_name, c.la_reference, r.meeting_date, rp.sent_on as report_sent_on, r.report_due, rp.recommendation, r.decision_due,
         (select mr.content -> 'proposedAmendments' from review_reports mr where mr.review_id = r.id and mr.state = 'submitted') as proposed_amendments,
         d.outcome, d.notified_on, r.final_plan_due,
         (select n.review_deadline from review_cycles n where n.plan_id = r.plan_id and n.created_at > r.created_at order by n.created_at limit 1) as next_deadline,
         (select case when l.channel = 'send' then 'sent' else 'drafted' end from decision_letters l where l.review_id = r.id order by l.id desc limit 1) as letter
    from review_cycles r
    join plans p on p.id = r.plan_id
    join children c on c.id = p.child_id
    join organisations co on co.id = r.council_id
    left join organisations so on so.id = r.school_id
    left join reports rp on rp.review_id = r.id
    left join decisions d on d.review_id = r.id
   where ${where}`;

/**
 * Whether the council can decide now: its meeting has been held, with or without the
 * school's report (Reg 20(10) runs from the meeting).
 */
export function awaitsDecision(subject: Pick<DecisionSubject, 'status'>): boolean {
  return subject.status === 'awaiting-decision' || subject.status === 'awaiting-report';
}

/** The review a card is about, by id; null if there is none. Not scoped: cards check who may act. */
export async function decisionSubject(db: Queryable, reviewId: string, today: string): Promise<DecisionSubject | null> {
  if (!/^[0-9a-f-]{36}$/.test(reviewId)) return null;
  const rows = await db.query<Row>(select('r.id = $2'), [today, reviewId]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The council's current review for a child, by council reference (the newest cycle). */
export async function currentReviewByReference(db: Queryable, councilId: string, laReference: string, today: string): Promise<DecisionSubject | null> {
  const rows = await db.query<Row>(`${select('c.council_id = $2 and lower(c.la_reference) = lower($3)')} order by r.created_at desc limit 1`, [today, councilId, laReference]);
  return rows[0] ? fromRow(rows[0]) : null;
}

function fromRow(r: Row): DecisionSubject {
  return {
    reviewId: r.id,
    version: r.version,
    status: r.status,
    councilId: r.council_id,
    councilName: r.council_name,
    schoolName: r.school_name,
    label: childLabel(r.child_name, r.la_reference),
    laReference: r.la_reference,
    meetingDate: r.meeting_date,
    reportSentOn: r.report_sent_on,
    reportDue: r.report_due,
    recommendation: r.recommendation,
    proposedAmendments: amendmentsText(r.proposed_amendments),
    decisionDue: r.decision_due,
    decision: r.outcome && r.notified_on ? { outcome: r.outcome, notifiedOn: r.notified_on } : null,
    finalPlanDue: r.final_plan_due,
    nextReviewDeadline: r.next_deadline,
    letter: r.letter,
  };
}

/** The report's proposed amendments as the card's text: "Section F: ..." per line; null when none. */
function amendmentsText(raw: Row['proposed_amendments']): string | null {
  const list = typeof raw === 'string' ? (JSON.parse(raw) as { planSection: string; amendment: string }[]) : raw;
  if (!list || list.length === 0) return null;
  return list.map((a) => `${a.planSection}: ${a.amendment}`).join('\n').slice(0, 4000);
}
