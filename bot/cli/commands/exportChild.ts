import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportChild } from '../../app/subjectAccess/exportChild';
import { silentLogger } from '../../log/logger';
import { parseOptions } from '../args';
import { type Command, UsageError, write } from '../io';
import { operator, withAdminStore } from './admin/store';

const usage = `Usage: ehcp-review export --child LA_REFERENCE --council COUNCIL_ID --out FILE.zip [--data-dir DIR] [--operator NAME]

A subject access export (UK GDPR Article 15) of everything the service holds about one child
of one council: a JSON file per kind of record, summary.html and manifest.json with each
file's SHA-256. Letters and advice files stay in the council's SharePoint and are listed with
their ids (the LA manager's GET /api/children/{ref}/subject-access fetches them through Graph).
The export is audited under --operator (default: your login name).`;

export const exportChildCommand: Command = {
  name: 'export',
  summary: 'a subject access export of one child (zip)',
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      { child: { type: 'string' }, council: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' }, operator: { type: 'string' } },
      usage,
    );
    const missing = (['child', 'council', 'out'] as const).filter((k) => !values[k]);
    if (missing.length > 0) throw new UsageError([`${missing.map((m) => `--${m}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`, usage]);
    const out = path.resolve(io.cwd, values.out as string);
    const who = { operator: operator(io, values.operator).userId, councilId: values.council as string };
    const { zip, manifest } = await withAdminStore(io, values['data-dir'], (db) => exportChild({ db, logger: silentLogger, now: () => io.now() }, who, values.child as string));
    // Written beside the target, then renamed: an export file is whole or absent.
    await writeFile(`${out}.partial`, zip);
    await rename(`${out}.partial`, out);
    await write(io.stdout, `Exported ${manifest.laReference} of ${manifest.councilId} to ${out}: ${manifest.files.length} files, ${manifest.notFetched.length} SharePoint files listed by id\n`);
    return 0;
  },
};
