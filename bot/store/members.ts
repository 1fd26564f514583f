import { conversationFromRow, type ConversationRow, type StoredConversation } from './conversations';
import type { Queryable } from './db';
import { type OrgKind, type Principal, roleOrgKinds } from './principal';

/**
 * Who the sender is. `conversation` is there when the lookup was asked for a conversation:
 * its stored reference, or null when none is stored.
 */
export type MemberLookup = { found: Principal; conversation?: StoredConversation | null } | { found: null; reason: 'unregistered' | 'several'; orgs: string[] };

interface Row extends Omit<ConversationRow, 'person_id' | 'conversation_id'> {
  person_id: number;
  org_id: string;
  org_kind: OrgKind;
  council_id: string | null;
  role: Principal['role'];
  email: string | null;
  /** The stored conversation's columns (null when none is stored or none was asked for). */
  conversation_id: string | null;
  conversation_person_id: number | null;
}

/**
 * The registered person a Teams sender is, from the activity alone: their Entra object id
 * (`from.aadObjectId`) in an organisation registered with that tenant
 * (`organisations.entra_tenant_id`). Card data never names the actor.
 *
 * `anyTenant` is for local development only (Agents Playground invents a tenant, and the
 * demo organisations have none): the object id alone then picks the demo person.
 *
 * `conversationId`: also read that conversation's stored reference, in the same statement.
 * Every message turn needs both (to store the reference when it changed); a turn's profile
 * put 0.53 ms of its 4.4 ms of CPU in the socket writes of its three statements alone.
 */
export async function findMember(
  db: Queryable,
  sender: { tenantId: string | undefined; aadObjectId: string | undefined },
  options: { anyTenant: boolean; conversationId?: string | undefined },
): Promise<MemberLookup> {
  if (!sender.aadObjectId || (!sender.tenantId && !options.anyTenant)) return { found: null, reason: 'unregistered', orgs: [] };
  const rows = await db.query<Row>(
    `select p.id::int as person_id, o.id as org_id, o.kind as org_kind, o.council_id, p.role, p.email,
            c.conversation_id, c.conversation_type, c.service_url, c.tenant_id, c.bot_id, c.person_id::int as conversation_person_id, c.aad_object_id
       from people p join organisations o on o.id = p.org_id
       left join teams_conversations c on c.conversation_id = $4
      where p.entra_object_id = $1 and ($3::boolean or o.entra_tenant_id = $2) order by o.id`,
    [sender.aadObjectId, sender.tenantId ?? '', options.anyTenant, options.conversationId ?? null],
    { prepare: true },
  );
  const usable = rows.filter((r) => roleOrgKinds[r.role].includes(r.org_kind));
  if (usable.length === 0) return { found: null, reason: 'unregistered', orgs: [] };
  if (usable.length > 1) return { found: null, reason: 'several', orgs: usable.map((r) => r.org_id) };
  const m = usable[0] as Row;
  const conversation =
    options.conversationId === undefined ? undefined : m.conversation_id === null ? null : conversationFromRow({ ...m, conversation_id: m.conversation_id, person_id: m.conversation_person_id });
  return {
    ...(conversation === undefined ? {} : { conversation }),
    found: {
      orgId: m.org_id,
      orgKind: m.org_kind,
      role: m.role,
      userId: sender.aadObjectId,
      personId: m.person_id,
      email: m.email,
      councilId: m.org_kind === 'council' ? m.org_id : m.council_id,
    },
  };
}
