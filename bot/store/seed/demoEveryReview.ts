import { type InviteeRole, plusDays, plusMonths, schoolYearOf } from '../../../shared';
import { importCaseload } from '../caseload/importCaseload';
import type { Queryable } from '../db';
import { registerOrganisation, registerPerson } from '../organisations';
import type { Principal } from '../principal';
import { cycleDates } from '../reviews/cycleDates';
import { caseInputOf, loadReview } from '../reviews/loadReview';
import { recordDecision } from '../reviews/recordDecision';
import { recordMeeting } from '../reviews/recordMeeting';
import { recordReport } from '../reviews/recordReport';

/** The reviews that are not the punctual school one (issue #23), so the dashboard and the bot show them. */
export const DEMO_EVERY_REVIEW = {
  year6: 'DEMO-0035',
  college: 'DEMO-0036',
  reg21: 'DEMO-0037',
  ceasing: 'DEMO-0038',
} as const;

const family = (): { role: InviteeRole; name: string; email: string }[] => [
  { role: 'parent', name: 'Parent (demo)', email: 'parent@family.example' },
  { role: 'la-send-officer', name: 'Demo SEND Officer', email: 'send.officer@demo-council.example' },
  { role: 'health', name: 'School nurse (demo)', email: 'nurse@demo-nhs.example' },
  { role: 'social-care', name: 'Social worker (demo)', email: 'social.care@demo-council.example' },
];

/**
 * Adds to the demo council: a primary school and a council-run college (a setting the council
 * cannot require to run the review, Reg 20(12)); a Year 6 child whose move to secondary school
 * is inferred (Reg 18); a college student whose review the officer booked; a child at no school
 * (Reg 21), booked with no school invited; and a plan proposed to cease, under consultation.
 */
export async function seedEveryReview(tx: Queryable, officer: Principal, senco: Principal, councilId: string, today: string): Promise<number> {
  await registerOrganisation(tx, { id: 'demo-school-3', kind: 'school', name: 'Elm Tree Primary (demo)', councilId });
  await registerOrganisation(tx, { id: 'demo-college', kind: 'school', name: 'Demo Town College (demo, council-run reviews)', councilId });
  // Elm Tree runs its own reviews, so its SENCO is registered to be reminded of the Year 6 one.
  await registerPerson(tx, { orgId: 'demo-school-3', entraObjectId: 'demo-senco-3', role: 'senco', displayName: 'Demo SENCO (Elm Tree)', email: 'senco@elmtree.example' });
  await tx.query("update organisations set phase = 'primary' where id = 'demo-school-3'");
  await tx.query("update organisations set phase = 'college', runs_review = 'council' where id = 'demo-college'");
  const year = schoolYearOf(today);
  const issued = plusMonths(today, -9);
  const rows = [
    // Year 6 this school year: born in the cohort that started Reception six years ago.
    `${DEMO_EVERY_REVIEW.year6},Yara Example,demo-school-3,${issued},,${year - 11}-11-15,6`,
    `${DEMO_EVERY_REVIEW.college},Zac Sample,demo-college,${plusMonths(today, -10)},,${year - 17}-01-20,13`,
    `${DEMO_EVERY_REVIEW.reg21},Ava Placeholder,demo-school-1,${plusMonths(today, -10)},,${year - 12}-05-03,8`,
    `${DEMO_EVERY_REVIEW.ceasing},Bo Testcase,demo-school-2,${plusMonths(today, -11)},,${year - 15}-02-11,10`,
  ];
  await importCaseload(tx, officer, `laReference,childName,school,planIssued,lastReviewConcluded,dateOfBirth,ncYear\n${rows.join('\n')}\n`);
  const ids = Object.fromEntries(
    (
      await tx.query<{ ref: string; id: string; plan_id: number }>(
        'select c.la_reference as ref, r.id, r.plan_id from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where c.la_reference = any($1::text[])',
        [Object.values(DEMO_EVERY_REVIEW)],
      )
    ).map((r) => [r.ref, r]),
  ) as Record<string, { id: string; plan_id: number }>;
  const at = (ref: string) => ids[ref] as { id: string; plan_id: number };
  // The year groups refer to this school year; the Reg 21 child attends no school or institution.
  await tx.query('update plans set nc_year_school_year = $2 where id = any($1::bigint[])', [Object.values(ids).map((r) => r.plan_id), year]);
  await tx.query('update plans set school_id = null, out_of_education = true where id = $1', [at(DEMO_EVERY_REVIEW.reg21).plan_id]);
  await tx.query('update review_cycles set school_id = null where id = $1', [at(DEMO_EVERY_REVIEW.reg21).id]);
  // The stored dates follow what is now known (the Year 6 transfer brings its latest meeting forward).
  for (const { id } of Object.values(ids)) {
    const d = cycleDates(caseInputOf(await loadReview(tx, officer, id, today)));
    await tx.query('update review_cycles set review_deadline = $2, latest_meeting_date = $3 where id = $1', [id, d.review_deadline, d.latest_meeting_date]);
  }

  // The council runs the college review and the Reg 21 one: the officer books them (no school invited under Reg 21).
  const meeting = plusDays(today, 21);
  // Zac is over compulsory school age: the invitation is his own, not his parent's (CFA 2014 s80).
  const zac = [{ role: 'young-person' as const, name: 'Zac Sample (demo)', email: 'zac@family.example' }, ...family().filter((f) => f.role !== 'parent')];
  await recordMeeting(tx, officer, at(DEMO_EVERY_REVIEW.college).id, { meetingDate: meeting, invitationsSentOn: today, invitees: [...zac, { role: 'school', name: 'College tutor (demo)', email: 'tutor@demo-college.example' }], mode: 'in-person' }, today);
  await recordMeeting(tx, officer, at(DEMO_EVERY_REVIEW.reg21).id, { meetingDate: meeting, invitationsSentOn: today, invitees: family(), mode: 'in-person' }, today);
  // A proposal to cease, notified 5 days ago: the consultation is still open.
  const held = plusDays(today, -20);
  const ceasing = at(DEMO_EVERY_REVIEW.ceasing).id;
  await recordMeeting(tx, senco, ceasing, { meetingDate: held, invitationsSentOn: plusDays(held, -28), invitees: [...family(), { role: 'school', name: 'Demo SENCO (Riverside)', email: 'senco@riverside.example' }], mode: 'in-person' }, today);
  await recordReport(tx, senco, ceasing, { sentOn: plusDays(held, 10), recommendation: 'cease' }, today);
  await recordDecision(tx, officer, ceasing, { outcome: 'cease', notifiedOn: plusDays(today, -5), reasons: 'Demo: the outcomes are met and the school can meet the needs from its own resources.' }, today);
  return rows.length;
}
