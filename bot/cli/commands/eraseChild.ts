import { type ErasurePreview, eraseChild } from '../../app/eraseChild';
import { parseCommandArgs } from '../args';
import { type Command, UsageError, write } from '../io';
import { operator, table, withAdminStore } from './admin/store';

const usage = `Usage: ehcp-review erase --child LA_REFERENCE --council COUNCIL_ID --reason TEXT [--confirm CONFIRMATION] [--data-dir DIR] [--operator NAME]

Erases one child of one council (UK GDPR Article 17), in two steps. Without --confirm it
prints what would be erased and a confirmation, and erases nothing. Run it again with
--confirm and that confirmation to erase: the child's personal data is removed everywhere the
service holds it, the case rows stay anonymised for the council's counts, the audit entries
keep who, what and when (their personal data is shredded with the child's key), and the
SharePoint files made for the child are queued for deletion through Graph (the service's daily
job deletes them). The reason is kept in the audit under --operator: do not name the child.`;

export const eraseChildCommand: Command = {
  name: 'erase',
  summary: 'erase one child (two steps: what would go, then --confirm)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { child: { type: 'string' }, council: { type: 'string' }, reason: { type: 'string' }, confirm: { type: 'string' }, 'data-dir': { type: 'string' }, operator: { type: 'string' } },
      usage,
    );
    if (positionals.length > 0) throw new UsageError([`unexpected "${positionals[0]}"`, usage]);
    const missing = (['child', 'council', 'reason'] as const).filter((k) => !values[k]);
    if (missing.length > 0) throw new UsageError([`${missing.map((m) => `--${m}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required`, usage]);
    const who = { operator: operator(io, values.operator).userId, councilId: values.council as string };
    const input = { reason: values.reason, ...(values.confirm !== undefined ? { confirm: values.confirm } : {}) };
    const result = await withAdminStore(io, values['data-dir'], (db) => eraseChild({ db }, { who, laReference: values.child as string, input }));
    const body = result.body as Partial<ErasurePreview> & { erased?: boolean; reference?: string; removed?: Record<string, number>; sharePointFilesQueued?: number };
    const rows = (counts: Record<string, number>) => table(['table', 'rows'], Object.entries(counts).filter(([, n]) => n > 0).map(([t, n]) => [t, String(n)]));
    if (body.erased) {
      await write(io.stdout, `Erased ${values.child} of ${values.council}: it is now ${body.reference}; ${body.sharePointFilesQueued ?? 0} SharePoint files queued for deletion\n${rows(body.removed ?? {})}\n`);
      return 0;
    }
    await write(
      io.stdout,
      `Nothing erased yet. Erasing ${values.child} of ${values.council} would remove or blank:\n${rows(body.wouldErase ?? {})}\nand delete ${body.sharePointFiles ?? 0} SharePoint files.\nTo erase, run again with --confirm ${body.confirmation}\n`,
    );
    return 0;
  },
};
