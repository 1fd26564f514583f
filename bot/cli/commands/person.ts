import type { Db } from '../../store/db';
import type { FieldProblem } from '../../store/errors';
import { InvalidInputError } from '../../store/errors';
import { addPerson, listPeople, parsePerson, personSchema, removePerson } from '../../store/onboarding';
import { parseCommandArgs } from '../args';
import { type CliIo, type Command, UsageError, write } from '../io';
import { readCsvFile } from './admin/csvRows';
import { operator, table, withAdminStore } from './admin/store';

const usage = `Usage:
  ehcp-review person add --org ORG_ID --object-id OBJECT_ID --role ROLE [--email EMAIL] [--name NAME]
  ehcp-review person list [--org ORG_ID] [--format table|json]
  ehcp-review person remove --org ORG_ID --object-id OBJECT_ID
  ehcp-review person import FILE.csv       (columns org,objectId,role,email,name; "-" reads standard input)
  (all take [--data-dir DIR] [--operator NAME])

Registers a person's role in an organisation. OBJECT_ID is their Microsoft Entra object id
(Entra admin centre > Users > the user > Object ID). ROLE is senco (a school), la-officer or
la-manager (a council), or professional (a provider, council or school). Someone registered
at several organisations (a trust's SENCO at two academies) chooses one per request.
People whose administrator assigned them an app role need no registration, except in a
tenant holding several organisations their role fits (a trust's academies).
remove ends the membership (within 30 seconds for someone signed in); the person stays in
the records that name them. import checks every row first and registers none if any is
wrong. Every change is written to the audit log under --operator (default: your login name).`;

const options = {
  org: { type: 'string' },
  'object-id': { type: 'string' },
  role: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  format: { type: 'string' },
  'data-dir': { type: 'string' },
  operator: { type: 'string' },
} as const;

const csvColumns = ['org', 'objectId', 'role', 'email', 'name'] as const;

export const personCommand: Command = {
  name: 'person',
  summary: 'register, list and remove people in organisations (one by one or from CSV)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, usage);
    const [action, file, extra] = positionals;
    const actor = operator(io, values.operator);
    if (action !== 'import' && file !== undefined) throw new UsageError([`unexpected "${file}"`, usage]);
    if (extra !== undefined) throw new UsageError([`unexpected "${extra}"`, usage]);
    if (action === 'add') {
      const fields = asUsage(() => parsePerson({ org: values.org, objectId: values['object-id'], role: values.role, email: values.email || undefined, name: values.name || undefined }));
      const outcome = await withAdminStore(io, values['data-dir'], (db) => db.transaction((tx) => addPerson(tx, fields, actor)));
      await write(io.stdout, `${outcome === 'added' ? 'Registered' : 'Updated'} ${fields.name ?? fields.email ?? fields.objectId} as ${fields.role} in ${fields.org}\n`);
      return 0;
    }
    if (action === 'remove') {
      const fields = asUsage(() => parsePerson({ org: values.org, objectId: values['object-id'], role: 'professional' }));
      await withAdminStore(io, values['data-dir'], (db) => db.transaction((tx) => removePerson(tx, fields.org, fields.objectId, actor)));
      await write(io.stdout, `Removed ${fields.objectId} from ${fields.org}\n`);
      return 0;
    }
    if (action === 'list') {
      const format = values.format ?? 'table';
      if (format !== 'table' && format !== 'json') throw new UsageError([`--format: "${format}" is not one of table, json`]);
      const rows = await withAdminStore(io, values['data-dir'], (db) => listPeople(db, values.org));
      if (format === 'json') await write(io.stdout, `${JSON.stringify(rows, null, 2)}\n`);
      else {
        const shown = rows.map((r) => [r.org, r.objectId, r.role, r.email ?? '', r.name ?? '', r.removed ? 'removed' : r.source === 'token' ? 'app role' : 'registered']);
        await write(io.stdout, `${table(['ORG', 'OBJECT ID', 'ROLE', 'EMAIL', 'NAME', 'STATUS'], shown)}\n`);
      }
      return 0;
    }
    if (action === 'import') {
      if (!file) throw new UsageError(['import: name the CSV file ("-" for standard input)', usage]);
      return importPeople(io, file, values['data-dir'], actor);
    }
    throw new UsageError([action === undefined ? 'say what to do: add, list, remove or import' : `"${action}" is not one of add, list, remove, import`, usage]);
  },
};

function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InvalidInputError) throw new UsageError(e.problems.map((p) => `${p.field}: ${p.message}`));
    throw e;
  }
}

/** Thrown inside the import's transaction to roll every row back when any is wrong. */
class RowsRefused extends Error {}

async function importPeople(io: CliIo, file: string, dataDir: string | undefined, actor: ReturnType<typeof operator>): Promise<number> {
  let read: Awaited<ReturnType<typeof readCsvFile>>;
  try {
    read = await readCsvFile(file, io.stdin);
  } catch (e) {
    throw new UsageError([`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  const [header, ...rows] = read.records;
  if (!header) throw new UsageError([`${file}: is empty; the first line names the columns ${csvColumns.join(',')}`]);
  const index = new Map(header.fields.map((h, i) => [h.trim(), i]));
  const missing = ['org', 'objectId', 'role'].filter((c) => !index.has(c));
  if (missing.length) throw new UsageError([`line ${header.line}: the header has no ${missing.join(', ')} column; columns: ${csvColumns.join(',')}`]);
  const names = Object.fromEntries(Object.keys(personSchema.shape).map((k) => [k, k]));
  const problems: string[] = [...read.malformed];
  const seen = new Map<string, number>();
  const parsed: Array<{ line: number; fields: ReturnType<typeof parsePerson> }> = [];
  for (const row of rows) {
    const cell = (c: string) => {
      const i = index.get(c);
      const v = i === undefined ? undefined : row.fields[i]?.trim();
      return v === '' ? undefined : v;
    };
    try {
      const fields = parsePerson({ org: cell('org'), objectId: cell('objectId'), role: cell('role'), email: cell('email'), name: cell('name') }, names);
      const key = `${fields.org}/${fields.objectId.toLowerCase()}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) problems.push(`line ${row.line}: objectId: ${fields.objectId} in ${fields.org} is already on line ${earlier}`);
      else {
        seen.set(key, row.line);
        parsed.push({ line: row.line, fields });
      }
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      for (const p of e.problems) problems.push(`line ${row.line}: ${p.field}: ${p.message}`);
    }
  }
  let counts = { added: 0, updated: 0 };
  if (problems.length === 0) {
    try {
      counts = await withAdminStore(io, dataDir, (db: Db) =>
        db.transaction(async (tx) => {
          const c = { added: 0, updated: 0 };
          const refused: string[] = [];
          for (const { line, fields } of parsed) {
            try {
              c[await addPerson(tx, fields, actor)]++;
            } catch (e) {
              if (!(e instanceof InvalidInputError)) throw e;
              // The store names options (--org); a CSV user knows columns.
              refused.push(...e.problems.map((p: FieldProblem) => `line ${line}: ${p.field.replace(/^--object-id$/, 'objectId').replace(/^--/, '')}: ${p.message}`));
            }
          }
          if (refused.length) {
            problems.push(...refused);
            throw new RowsRefused();
          }
          return c;
        }),
      );
    } catch (e) {
      if (!(e instanceof RowsRefused)) throw e;
    }
  }
  if (problems.length) {
    await write(io.stderr, `${problems.join('\n')}\nNo one was registered: fix the rows above and import the file again.\n`);
    return 2;
  }
  await write(io.stdout, `Registered ${counts.added} and updated ${counts.updated} people from ${file}\n`);
  return 0;
}
