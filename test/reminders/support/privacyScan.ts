import type { ConnectorServer } from '../../../testkit/bot-framework/connectorServer';
import type { GraphTestServer } from '../../../testkit/graph-server/graphServer';
import type { Queryable } from '../../../bot/store/db';

/** Everything a reminder test sent out: Teams activities (text and cards) and Graph mail (subject and body). */
export function everythingSent(connector: ConnectorServer, graph?: GraphTestServer): string[] {
  const activities = connector.calls.filter((c) => c.method === 'POST').map((c) => JSON.stringify(c.body));
  const mail = graph ? graph.state.sentMail.map((m) => JSON.stringify(m.message)) : [];
  return [...activities, ...mail];
}

/**
 * The children's full names and dates of birth (in the forms a message could show them)
 * found anywhere in what was sent: none is the pass.
 */
export async function personalDataIn(sent: string[], db: Queryable): Promise<string[]> {
  const children = await db.query<{ name: string; date_of_birth: string | null }>('select name, date_of_birth from children');
  const needles = new Set<string>();
  for (const c of children) {
    needles.add(c.name.toLowerCase());
    if (c.date_of_birth) {
      const [y, m, d] = c.date_of_birth.split('-');
      needles.add(c.date_of_birth);
      needles.add(`${d}/${m}/${y}`);
      needles.add(new Date(`${c.date_of_birth}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).toLowerCase());
    }
  }
  const found: string[] = [];
  for (const text of sent) {
    const lower = text.toLowerCase();
    for (const needle of needles) if (lower.includes(needle)) found.push(`"${needle}" in ${text.slice(0, 120)}…`);
  }
  return found;
}
