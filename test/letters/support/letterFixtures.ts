import type { CouncilSettings, DecisionLetterInput } from '../../../shared';
import { replaceCouncilSettings } from '../../../bot/store/councilSettings';
import type { Db } from '../../../bot/store/db';
import { registerOrganisation } from '../../../bot/store/organisations';
import type { Principal } from '../../../bot/store/principal';

/** A complete set of a fictional council's letter settings. */
export const demoSettings: Required<CouncilSettings> = {
  councilName: 'Demo Borough Council',
  // A 1x1 PNG: the link pages' logo.
  councilLogo: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  councilAddress: ['Town Hall', '1 High Street', 'Demo Town', 'DT1 1AA'],
  sendTeamName: 'SEND Team',
  sendTeamEmail: 'send@demo-council.example',
  sendTeamPhone: '01234 567890',
  signatoryName: 'Sam Officer',
  signatoryJobTitle: 'SEND Case Officer',
  sendiassName: 'Demo SENDIASS',
  sendiassContact: '01234 000111 or help@demo-sendiass.example',
  mediationServiceName: 'Demo Mediation Service',
  mediationServiceContact: '0800 000 222 or mediation@demo-mediation.example',
  mediationCouncilContactName: 'Jo Mediation Officer',
  mediationCouncilContact: '01234 567899 or mediation@demo-council.example',
  disagreementResolutionName: 'Demo Disagreement Resolution Service',
  disagreementResolutionContact: '0800 000 333',
  localOfferUrl: 'https://localoffer.demo-council.example/schools',
  healthCommissionerName: 'NHS Demo Integrated Care Board',
  healthCommissionerEmail: 'ehcp@demo-icb.example',
  postDeliveryDays: 2,
  letterDelivery: 'send',
  sharedMailbox: 'sen-team@council.test',
  ceaseConsultationDays: 15,
  adviceLeadDays: 7,
  escalateAfterDays: 14,
  familyResponseReminderDays: 5,
  redMeansInPerson: 'warn',
  allThroughTransfer: true,
  nextReviewFrom: 'decision',
  termDates: [
    { name: 'Autumn 2026', start: '2026-09-03', end: '2026-12-18', halfTerm: { start: '2026-10-26', end: '2026-10-30' } },
    { name: 'Spring 2027', start: '2027-01-05', end: '2027-03-26', halfTerm: { start: '2027-02-15', end: '2027-02-19' } },
    { name: 'Summer 2027', start: '2027-04-12', end: '2027-07-21', halfTerm: { start: '2027-05-31', end: '2027-06-04' } },
  ],
};

export function letterInput(overrides: Partial<DecisionLetterInput> = {}): DecisionLetterInput {
  return {
    outcome: 'maintain',
    reasons: 'The plan still describes Ada’s needs and the support she gets at school.',
    letterDate: '2027-02-02',
    meetingDate: '2027-01-05',
    child: { name: 'Ada Example', laReference: 'DEMO-0007' },
    addressee: { kind: 'parent', name: 'Pat Example', email: 'pat@family.example' },
    schoolName: 'Oakfield Primary',
    meetingHeldBy: 'Oakfield Primary',
    proposedAmendments: [
      { section: 'B (special educational needs)', change: 'Add Ada’s difficulty with spoken language' },
      { section: 'F (special educational provision)', change: 'Add a weekly session of speech and language therapy' },
    ],
    dates: { appealDeadline: '2027-04-02', mediationAdviserBy: '2027-04-02', familyResponseBy: '2027-02-16', finalAmendedPlanDue: '2027-03-30', nextReviewDeadline: '2028-02-01' },
    settings: demoSettings,
    ...overrides,
  };
}

/** Everyone a letters test's review invites: a named parent and SENCO, so letters and emails have names to use. */
export const letterInvitees = [
  { role: 'parent' as const, name: 'Pat Example', email: 'pat@family.example' },
  { role: 'school' as const, name: 'Sam Senco', email: 'senco@north-school.example' },
  { role: 'la-send-officer' as const, email: 'officer@north.example' },
  { role: 'health' as const, email: 'ep@nhs.example' },
  { role: 'social-care' as const, email: 'sw@north.example' },
];

/**
 * North Council set up to send its letters: its Microsoft 365 tenant is the local Graph's, its
 * letter settings are `settings`, and its review folders are in the library `driveId`.
 */
export async function councilMailingFromLibrary(db: Db, manager: Principal, settings: CouncilSettings, tenantId: string, driveId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: tenantId });
    await replaceCouncilSettings(tx, manager, settings);
    await tx.query("insert into advice_drives (council_id, drive_id) values ('north-council', $1)", [driveId]);
  });
}
