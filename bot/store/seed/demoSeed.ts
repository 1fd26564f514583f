import { type CouncilSettings, type InviteeRole, plusDays, plusMonths } from '../../../shared';
import { replaceCouncilSettings } from '../councilSettings';
import { importCaseload } from '../caseload/importCaseload';
import type { Db, Queryable } from '../db';
import { registerOrganisation, registerPerson } from '../organisations';
import type { Principal } from '../principal';
import { recordAmendment } from '../reviews/recordAmendment';
import { recordDecision } from '../reviews/recordDecision';
import { recordMeeting } from '../reviews/recordMeeting';
import { recordReport } from '../reviews/recordReport';
import { seedEveryReview } from './demoEveryReview';

export const DEMO_COUNCIL = 'demo-council';
export const DEMO_SCHOOLS = ['demo-school-1', 'demo-school-2'] as const;
export const DEMO_PROVIDER = 'demo-nhs';
/** Each demo school's SENCO (their development token's --user, and their email): the tour and the add-in preview sign in as them. */
export const DEMO_SENCOS: Record<string, { userId: string; name: string; email: string }> = {
  'demo-school-1': { userId: 'demo-senco-1', name: 'Demo SENCO (Oakfield)', email: 'senco@oakfield.example' },
  'demo-school-2': { userId: 'demo-senco-2', name: 'Demo SENCO (Riverside)', email: 'senco@riverside.example' },
};
/** The demo educational psychologist's email: `dev-token --role professional --org demo-nhs --user demo-ep` sees their reviews. */
export const DEMO_EP_EMAIL = 'ep@demo-nhs.example';

/** The demo council's letter settings: every service and contact obviously fictional. */
export const DEMO_LETTER_SETTINGS: CouncilSettings = {
  councilName: 'Demo Borough Council (fictional)',
  councilAddress: ['Town Hall', '1 High Street', 'Demo Town', 'DT1 1AA'],
  sendTeamName: 'SEND Team',
  sendTeamEmail: 'send.team@demo-council.example',
  sendTeamPhone: '01632 960000',
  signatoryName: 'Demo SEND Officer',
  signatoryJobTitle: 'SEND Case Officer',
  sendiassName: 'Demo Borough SENDIASS (fictional)',
  sendiassContact: '01632 960111 or help@demo-sendiass.example',
  mediationServiceName: 'Demo Mediation Service (fictional)',
  mediationServiceContact: '01632 960222 or mediation@demo-mediation.example',
  mediationCouncilContactName: 'the Demo Borough SEND Mediation Officer (fictional)',
  mediationCouncilContact: '01632 960333 or mediation@demo-council.example',
  disagreementResolutionName: 'Demo Disagreement Resolution Service (fictional)',
  disagreementResolutionContact: '01632 960444 or resolve@demo-resolution.example',
  localOfferUrl: 'https://localoffer.demo-council.example/schools-and-colleges',
  healthCommissionerName: 'NHS Demo Integrated Care Board (fictional)',
  healthCommissionerEmail: 'ehcp@demo-icb.example',
  postDeliveryDays: 2,
  letterDelivery: 'draft',
  sharedMailbox: 'send.team@demo-council.example',
};

const FIRST = ['Ada', 'Ben', 'Cara', 'Dev', 'Ema', 'Finn', 'Gita', 'Hal', 'Isla', 'Jon', 'Kit', 'Lena', 'Max', 'Nia', 'Omar', 'Pia', 'Quin', 'Rosa'];
const LAST = ['Example', 'Sample', 'Placeholder', 'Testcase'];

type Stage = 'not-booked' | 'booked' | 'awaiting-report' | 'awaiting-decision' | 'amending' | 'concluded';

interface DemoCase {
  stage: Stage;
  /** Months before today the plan was issued (cases not yet booked). */
  issuedMonthsAgo: number;
  ncYear: number;
  variant: number;
}

/** A few dozen cases spread over every status, some overdue, dated relative to today. */
function demoCases(): DemoCase[] {
  const plan: [Stage, number[]][] = [
    ['not-booked', [3, 6, 8, 9, 10, 10.5, 12.5, 13]],
    ['booked', [0, 0, 0, 0, 0, 0]],
    ['awaiting-report', [0, 0, 0, 0, 0]],
    ['awaiting-decision', [0, 0, 0, 0, 0]],
    ['amending', [0, 0, 0, 0]],
    ['concluded', [0, 0, 0, 0, 0, 0]],
  ];
  return plan.flatMap(([stage, months]) => months.map((issuedMonthsAgo, variant) => ({ stage, issuedMonthsAgo, ncYear: 1 + ((variant * 3) % 8), variant })));
}

/**
 * Seeds the demo council, its two schools, an NHS provider, the people who work there, and
 * realistic but obviously fictional cases at every step, through the same store functions
 * the API uses. Runs once: a database that already has the demo council is left alone.
 */
export async function seedDemoData(db: Db, today: string): Promise<{ seeded: boolean; cases: number }> {
  const exists = await db.query('select 1 from organisations where id = $1', [DEMO_COUNCIL]);
  if (exists.length) return { seeded: false, cases: 0 };
  const cases = demoCases();
  let extra = 0;
  await db.transaction(async (tx) => {
    await registerOrganisation(tx, { id: DEMO_COUNCIL, kind: 'council', name: 'Demo Borough Council (fictional)' });
    await registerOrganisation(tx, { id: 'demo-school-1', kind: 'school', name: 'Oakfield Primary (demo)', councilId: DEMO_COUNCIL });
    await registerOrganisation(tx, { id: 'demo-school-2', kind: 'school', name: 'Riverside Academy (demo)', councilId: DEMO_COUNCIL });
    await registerOrganisation(tx, { id: DEMO_PROVIDER, kind: 'provider', name: 'Demo NHS Community Trust (fictional)' });
    const officer = await person(tx, DEMO_COUNCIL, 'demo-officer', 'la-officer', 'Demo SEND Officer', 'send.officer@demo-council.example', 'council');
    const manager = await person(tx, DEMO_COUNCIL, 'demo-manager', 'la-manager', 'Demo SEND Manager', 'send.manager@demo-council.example', 'council');
    await replaceCouncilSettings(tx, manager, DEMO_LETTER_SETTINGS);
    const sencos = [
      await sencoOf(tx, 'demo-school-1'),
      await sencoOf(tx, 'demo-school-2'),
    ];
    await person(tx, DEMO_PROVIDER, 'demo-ep', 'professional', 'Demo Educational Psychologist', DEMO_EP_EMAIL, 'provider');

    const rows = cases.map((c, i) => {
      const name = `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`;
      // A booked case's plan was issued about ten months before its meeting, as a SENCO would book it.
      const issued =
        c.stage === 'not-booked'
          ? plusDays(plusMonths(today, -Math.floor(c.issuedMonthsAgo)), -Math.round((c.issuedMonthsAgo % 1) * 30))
          : plusDays(plusMonths(demoMeetingDate(c, today), -10), -c.variant);
      const born = plusMonths(today, -12 * (c.ncYear + 5) - 3);
      return `DEMO-${String(i + 1).padStart(4, '0')},${name},${DEMO_SCHOOLS[i % 2]},${issued},,${born},${c.ncYear}`;
    });
    await importCaseload(tx, officer, `laReference,childName,school,planIssued,lastReviewConcluded,dateOfBirth,ncYear\n${rows.join('\n')}\n`);
    const reviews = await tx.query<{ id: string; la_reference: string; school_id: string }>(
      'select r.id, c.la_reference, r.school_id from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id where r.council_id = $1 order by c.la_reference',
      [DEMO_COUNCIL],
    );
    for (const [i, c] of cases.entries()) {
      const review = reviews[i];
      if (!review || c.stage === 'not-booked') continue;
      const senco = sencos[review.school_id === 'demo-school-1' ? 0 : 1] as Principal;
      await advance(tx, review.id, c, senco, officer, today);
    }
    extra = await seedEveryReview(tx, officer, sencos[1] as Principal, DEMO_COUNCIL, today);
  });
  return { seeded: true, cases: cases.length + extra };
}

/** Days ago the meeting was held (negative: still to come); later stages are further on, some overdue. */
function demoMeetingDate(c: DemoCase, today: string): string {
  const ago = { booked: -21, 'awaiting-report': c.variant % 2 ? 20 : 5, 'awaiting-decision': 25 + c.variant * 5, amending: 60, concluded: 75, 'not-booked': 0 }[c.stage];
  return plusDays(today, -ago);
}

/** Takes one case through the real steps to where the demo wants it. */
async function advance(tx: Queryable, id: string, c: DemoCase, senco: Principal, officer: Principal, today: string) {
  // Days ago the meeting was held (negative: still to come); later stages are further on.
  const meetingDate = demoMeetingDate(c, today);
  const invitees: { role: InviteeRole; name: string; email?: string }[] = [
    { role: 'parent', name: 'Parent (demo)', email: 'parent@family.example' },
    { role: 'school', name: senco.email ?? 'SENCO', email: senco.email ?? undefined },
    { role: 'la-send-officer', name: 'Demo SEND Officer', email: 'send.officer@demo-council.example' },
    { role: 'health', name: 'School nurse (demo)', email: 'nurse@demo-nhs.example' },
    { role: 'social-care', name: 'Social worker (demo)', email: 'social.care@demo-council.example' },
  ];
  if (c.variant % 2 === 0) invitees.push({ role: 'educational-psychologist', name: 'Demo Educational Psychologist', email: DEMO_EP_EMAIL });
  await recordMeeting(tx, senco, id, { meetingDate, invitationsSentOn: plusDays(meetingDate, -28), invitees, mode: c.variant % 3 === 0 ? 'virtual' : 'in-person', rating: c.variant % 3 === 0 ? 'green' : 'amber' }, today);
  if (c.stage === 'booked' || c.stage === 'awaiting-report') return;
  await recordReport(tx, senco, id, { sentOn: plusDays(meetingDate, 10), recommendation: c.stage === 'amending' ? 'amend' : 'maintain' }, today);
  if (c.stage === 'awaiting-decision') return;
  const outcome = c.stage === 'amending' || c.variant === 2 ? 'amend' : c.variant === 5 ? 'cease' : 'maintain';
  const notifiedOn = plusDays(meetingDate, 25);
  const proposedAmendments = outcome === 'amend' ? [{ section: 'F (special educational provision)', change: 'Demo amendment: add a weekly small-group literacy session' }] : undefined;
  await recordDecision(tx, officer, id, { outcome, notifiedOn, reasons: 'Demo decision: the plan reflects the child’s current needs as discussed at the review.', proposedAmendments }, today);
  if (outcome !== 'amend') return;
  if (c.stage === 'amending' && c.variant % 2) return;
  await recordAmendment(tx, officer, id, { noticeServedOn: notifiedOn }, today);
  if (c.stage === 'concluded') await recordAmendment(tx, officer, id, { familyRespondedOn: plusDays(notifiedOn, 10), finalPlanIssuedOn: plusDays(notifiedOn, 30) }, today);
}

async function person(
  tx: Queryable,
  orgId: string,
  oid: string,
  role: Principal['role'],
  name: string,
  email: string,
  orgKind: Principal['orgKind'],
  councilId: string | null = null,
): Promise<Principal> {
  const personId = await registerPerson(tx, { orgId, entraObjectId: oid, role, displayName: name, email });
  return { orgId, orgKind, role, userId: oid, personId, email, councilId: orgKind === 'council' ? orgId : councilId };
}

function sencoOf(tx: Queryable, schoolId: 'demo-school-1' | 'demo-school-2'): Promise<Principal> {
  const s = DEMO_SENCOS[schoolId] as { userId: string; name: string; email: string };
  return person(tx, schoolId, s.userId, 'senco', s.name, s.email, 'school', DEMO_COUNCIL);
}
