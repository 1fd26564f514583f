import { addOrganisation, listOrganisations, parseOrganisation } from '../../store/onboarding';
import { parseCommandArgs } from '../args';
import { type Command, UsageError, write } from '../io';
import { operator, table, withAdminStore } from './admin/store';

const usage = `Usage:
  ehcp-review org add --id ID --kind council|school|provider --name NAME [--tenant TENANT_ID] [--council COUNCIL_ID]
                      [--type school|college|early-years] [--urn URN]
  ehcp-review org list [--format table|json]
  (both take [--data-dir DIR] [--operator NAME])

Registers an organisation in the store the service uses ($DATABASE_URL, else the embedded
database in DIR, default $DATA_DIR or ./data), or updates its name, tenant or council.
--tenant is the organisation's Microsoft Entra tenant id: people signing in from it are
matched to it, and the app roles its administrator assigns are honoured there. A school
names its maintaining council with --council. A multi-academy trust registers each academy
as a school with the trust's tenant (and each academy's own council). A college or early
years provider is a school with --type college or --type early-years; --urn is its DfE URN
(or UKPRN) so councils find it. A setting is registered once: every council on the service
places children there, and --council records its local council. Every change is written to
the audit log under --operator (default: your login name).`;

const options = {
  id: { type: 'string' },
  kind: { type: 'string' },
  name: { type: 'string' },
  tenant: { type: 'string' },
  council: { type: 'string' },
  type: { type: 'string' },
  urn: { type: 'string' },
  format: { type: 'string' },
  'data-dir': { type: 'string' },
  operator: { type: 'string' },
} as const;

export const orgCommand: Command = {
  name: 'org',
  summary: 'register and list organisations (councils, schools, NHS providers)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, usage);
    const [action, extra] = positionals;
    if (extra !== undefined) throw new UsageError([`unexpected "${extra}"`, usage]);
    if (action === 'add') {
      const fields = parseOrganisationArgs(values);
      const outcome = await withAdminStore(io, values['data-dir'], (db) => db.transaction((tx) => addOrganisation(tx, fields, operator(io, values.operator))));
      await write(io.stdout, `${outcome === 'added' ? 'Registered' : 'Updated'} ${fields.kind} ${fields.id} (${fields.name})${fields.tenant ? `, tenant ${fields.tenant}` : ''}${fields.council ? `, council ${fields.council}` : ''}\n`);
      const allowed = (io.env.ENTRA_ALLOWED_TENANTS ?? '').split(',').map((t) => t.trim().toLowerCase());
      if (fields.tenant && !allowed.includes(fields.tenant.toLowerCase())) {
        await write(io.stderr, `Note: its people can sign in once the service's ENTRA_ALLOWED_TENANTS includes ${fields.tenant.toLowerCase()}.\n`);
      }
      return 0;
    }
    if (action === 'list') {
      const format = values.format ?? 'table';
      if (format !== 'table' && format !== 'json') throw new UsageError([`--format: "${format}" is not one of table, json`]);
      const rows = await withAdminStore(io, values['data-dir'], (db) => listOrganisations(db));
      if (format === 'json') await write(io.stdout, `${JSON.stringify(rows, null, 2)}\n`);
      else await write(io.stdout, `${table(['ID', 'KIND', 'NAME', 'TENANT', 'COUNCIL', 'PEOPLE'], rows.map((r) => [r.id, r.kind, r.name, r.tenant ?? '', r.council ?? '', String(r.people)]))}\n`);
      return 0;
    }
    throw new UsageError([action === undefined ? 'say what to do: add or list' : `"${action}" is not one of add, list`, usage]);
  },
};

function parseOrganisationArgs(values: Record<string, string | undefined>) {
  try {
    return parseOrganisation({
      id: values.id,
      kind: values.kind,
      name: values.name,
      tenant: values.tenant || undefined,
      council: values.council || undefined,
      settingType: values.type || undefined,
      urn: values.urn || undefined,
    });
  } catch (e) {
    const problems = (e as { problems?: Array<{ field: string; message: string }> }).problems;
    if (problems) throw new UsageError(problems.map((p) => `${p.field}: ${p.message}`));
    throw e;
  }
}
