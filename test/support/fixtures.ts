import type { Db } from '../../bot/store/db';
import { importCaseload } from '../../bot/store/caseload/importCaseload';
import { registerOrganisation, registerPerson } from '../../bot/store/organisations';
import type { Principal } from '../../bot/store/principal';

/** Two councils, a school of each, an NHS provider, and one person per role. */
export async function registerPeople(db: Db) {
  return db.transaction(async (tx) => {
    await registerOrganisation(tx, { id: 'north-council', kind: 'council', name: 'North Council', entraTenantId: '11111111-1111-4111-8111-111111111111' });
    await registerOrganisation(tx, { id: 'south-council', kind: 'council', name: 'South Council', entraTenantId: '22222222-2222-4222-8222-222222222222' });
    await registerOrganisation(tx, { id: 'north-school', kind: 'school', name: 'North Primary', councilId: 'north-council', entraTenantId: '33333333-3333-4333-8333-333333333333' });
    await registerOrganisation(tx, { id: 'north-school-b', kind: 'school', name: 'North Academy', councilId: 'north-council' });
    await registerOrganisation(tx, { id: 'south-school', kind: 'school', name: 'South Primary', councilId: 'south-council' });
    await registerOrganisation(tx, { id: 'nhs', kind: 'provider', name: 'NHS Trust', entraTenantId: '44444444-4444-4444-8444-444444444444' });
    const make = async (orgId: string, orgKind: Principal['orgKind'], role: Principal['role'], userId: string, email: string, councilId: string | null): Promise<Principal> => {
      const personId = await registerPerson(tx, { orgId, entraObjectId: userId, role, email, displayName: userId });
      return { orgId, orgKind, role, userId, personId, email, councilId };
    };
    return {
      officer: await make('north-council', 'council', 'la-officer', 'officer', 'officer@north.example', 'north-council'),
      manager: await make('north-council', 'council', 'la-manager', 'manager', 'manager@north.example', 'north-council'),
      senco: await make('north-school', 'school', 'senco', 'senco', 'senco@north-school.example', 'north-council'),
      otherSenco: await make('north-school-b', 'school', 'senco', 'senco-b', 'senco@north-academy.example', 'north-council'),
      southOfficer: await make('south-council', 'council', 'la-officer', 'south-officer', 'officer@south.example', 'south-council'),
      southSenco: await make('south-school', 'school', 'senco', 'south-senco', 'senco@south-school.example', 'south-council'),
      professional: await make('nhs', 'provider', 'professional', 'ep', 'ep@nhs.example', null),
      otherProfessional: await make('nhs', 'provider', 'professional', 'nurse', 'nurse@nhs.example', null),
    };
  });
}

export type People = Awaited<ReturnType<typeof registerPeople>>;

export const CSV_HEADER = 'laReference,childName,school,planIssued,lastReviewConcluded,dateOfBirth,ncYear,transferKind,transferDate,meetingDate';

/** Imports rows for `officer`'s council and returns the open review id of each laReference. */
export async function importRows(db: Db, officer: Principal, rows: string[]): Promise<Record<string, string>> {
  await db.transaction((tx) => importCaseload(tx, officer, `${CSV_HEADER}\n${rows.join('\n')}\n`));
  const found = await db.query<{ la_reference: string; id: string }>(
    `select c.la_reference, r.id from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id
      where r.stage in ('not-booked', 'booked', 'reported') and c.council_id = $1`,
    [officer.orgId],
  );
  return Object.fromEntries(found.map((f) => [f.la_reference, f.id]));
}

/** Everyone a review must invite, with the given professional's email for health. */
export function fullInvitees(healthEmail = 'ep@nhs.example') {
  return [
    { role: 'parent' as const, email: 'parent@home.example' },
    { role: 'school' as const, email: 'senco@north-school.example' },
    { role: 'la-send-officer' as const, email: 'officer@north.example' },
    { role: 'health' as const, email: healthEmail },
    { role: 'social-care' as const, email: 'sw@north.example' },
  ];
}
