import { applyRetentionEverywhere, type RetentionReport } from '../../app/retention/runRetention';
import { pendingGraphDeletions } from '../../store/graphDeletions';
import { parseOptions, todayFrom } from '../args';
import { type Command, UsageError, write } from '../io';
import { operator, table, withAdminStore } from './admin/store';

const usage = `Usage: ehcp-review retention --dry-run [--today YYYY-MM-DD] [--data-dir DIR]
       ehcp-review retention --apply [--today YYYY-MM-DD] [--data-dir DIR] [--operator NAME]

Applies each council's retention schedule (docs/data-protection.md, "Retention"): what is
past its period is deleted, with a tombstone in the audit log saying what kind, how many and
by which rule. --dry-run only reports what would go. A council that has not confirmed its
schedule (PUT /api/council/retention with confirm: true) is only reported, never deleted
from. The service runs the same every day; this is for a DPO's check and for catching up.`;

function describe(reports: RetentionReport[], dryRun: boolean): string {
  const rows = reports.flatMap((r) =>
    r.kinds.map((k) => [r.councilId, r.confirmed ? `v${r.scheduleVersion} confirmed` : 'not confirmed', k.kind, String(k.count), r.deleted ? 'deleted' : dryRun ? 'would delete' : 'kept (unconfirmed)', k.rule]),
  );
  return `${table(['council', 'schedule', 'kind', 'records', 'outcome', 'rule'], rows)}\n`;
}

export const retentionCommand: Command = {
  name: 'retention',
  summary: 'apply (or --dry-run) each council’s retention schedule',
  usage,
  async run(args, io) {
    const values = parseOptions(
      args,
      { 'dry-run': { type: 'boolean' }, apply: { type: 'boolean' }, today: { type: 'string' }, 'data-dir': { type: 'string' }, operator: { type: 'string' } },
      usage,
    );
    if (!values['dry-run'] === !values.apply) throw new UsageError(['say --dry-run (report only) or --apply (delete what is past its period)', usage]);
    const today = todayFrom(values.today, io);
    const dryRun = Boolean(values['dry-run']);
    const actor = operator(io, values.operator).userId;
    const { reports, files } = await withAdminStore(io, values['data-dir'], async (db) => {
      const reports = await applyRetentionEverywhere(db, today, { dryRun, actor });
      // SharePoint files retention and erasure took off the records; the service's daily job deletes them through Graph.
      const files = [];
      for (const r of reports) files.push({ councilId: r.councilId, ...(await pendingGraphDeletions(db, r.councilId)) });
      return { reports, files };
    });
    const waiting = files
      .filter((f) => f.pending > 0)
      .map((f) => `${f.councilId}: ${f.pending} SharePoint files waiting to be deleted through Graph${f.failing ? ` (${f.failing} failed at least once; last error: ${f.lastError})` : ''}\n`)
      .join('');
    await write(io.stdout, `Retention on ${today}${dryRun ? ' (dry run: nothing deleted)' : ''}\n${describe(reports, dryRun)}${waiting}`);
    return 0;
  },
};
