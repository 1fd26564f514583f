import type { Role } from '../auth';

export type OrgKind = 'council' | 'school' | 'provider';

/** Who is asking: a person acting for one organisation in one role. */
export interface Principal {
  orgId: string;
  orgKind: OrgKind;
  role: Role;
  /** Entra object id or dev user id (what Idempotency-Keys are scoped by). */
  userId: string;
  /** The person's row in `people`: decisions and audit entries name it. */
  personId: number;
  email: string | null;
  /** For a school: its maintaining council. */
  councilId: string | null;
}

/** Which organisation kind each role belongs to. */
export const roleOrgKinds: Record<Role, OrgKind[]> = {
  senco: ['school'],
  'la-officer': ['council'],
  'la-manager': ['council'],
  professional: ['provider', 'council', 'school'],
};
