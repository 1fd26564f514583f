import type { StoredConversation } from '../conversations';
import type { Queryable } from '../db';
import type { ClaimedReminder } from './outbox';

/** Who a reminder reaches, once its role or address is turned into a person where possible. */
export interface ResolvedRecipient {
  personId: number | null;
  email: string | null;
  aadObjectId: string | null;
  /** The person's organisation's tenant, if known. */
  tenantId: string | null;
  conversation: StoredConversation | null;
  /** The council's tenant: the bot's and the shared mailbox's. */
  councilTenantId: string | null;
}

interface PersonRow {
  id: number;
  email: string | null;
  entra_object_id: string | null;
  tenant_id: string | null;
  conversation: { conversationId: string; conversationType: StoredConversation['conversationType']; serviceUrl: string; tenantId: string; botId: string | null; aadObjectId: string | null } | null;
}

/** Invitee roles that are the school's or the council's own staff. */
const STAFF_ROLE: Partial<Record<string, 'senco' | 'la-officer' | 'la-manager'>> = {
  senco: 'senco',
  school: 'senco',
  'la-officer': 'la-officer',
  'la-send-officer': 'la-officer',
  'la-manager': 'la-manager',
};

// The person with their organisation's tenant and their newest personal chat with the bot, in one round trip.
const personSql = `select p.id::int as id, p.email, p.entra_object_id, o.entra_tenant_id as tenant_id,
       (select json_build_object('conversationId', c.conversation_id, 'conversationType', c.conversation_type, 'serviceUrl', c.service_url,
                                 'tenantId', c.tenant_id, 'botId', c.bot_id, 'aadObjectId', c.aad_object_id)
          from teams_conversations c where c.person_id = p.id and c.conversation_type = 'personal' order by c.updated_at desc limit 1) as conversation
  from people p join organisations o on o.id = p.org_id`;

/** Councils' tenants, looked up once per sweep. */
export type TenantCache = Map<string, string | null>;

/** Turns the reminder's recipient (person, address or role) into addresses to deliver to. */
export async function resolveRecipient(q: Queryable, r: ClaimedReminder, defaultCouncilTenant: string | null, tenants: TenantCache = new Map()): Promise<ResolvedRecipient> {
  if (!tenants.has(r.councilId)) {
    const council = await q.query<{ tenant_id: string | null }>('select entra_tenant_id as tenant_id from organisations where id = $1', [r.councilId]);
    tenants.set(r.councilId, council[0]?.tenant_id ?? null);
  }
  const councilTenantId = tenants.get(r.councilId) ?? defaultCouncilTenant;
  let person: PersonRow | undefined;
  if (r.recipientPerson !== null) {
    person = (await q.query<PersonRow>(`${personSql} where p.id = $1`, [r.recipientPerson]))[0];
  } else if (r.recipientEmail) {
    person = (await q.query<PersonRow>(`${personSql} where lower(p.email) = lower($1) and p.source = 'admin' and p.removed_at is null order by p.id limit 1`, [r.recipientEmail]))[0];
  } else {
    const staff = STAFF_ROLE[r.recipientRole];
    const org = staff === 'senco' ? r.schoolId : staff ? r.councilId : null;
    if (staff && org) person = (await q.query<PersonRow>(`${personSql} where p.org_id = $1 and p.role = $2 order by p.id limit 1`, [org, staff]))[0];
  }
  const c = person?.conversation;
  return {
    personId: person?.id ?? null,
    email: r.recipientEmail ?? person?.email ?? null,
    aadObjectId: person?.entra_object_id ?? null,
    tenantId: person?.tenant_id ?? null,
    conversation: c && person ? { ...c, personId: person.id } : null,
    councilTenantId,
  };
}
