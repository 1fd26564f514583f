import type { AdviceStorage } from '../../advice/storage';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import { claimGraphDeletions, countDueGraphDeletions, graphDeletionDone, graphDeletionFailed } from '../../store/graphDeletions';

/** Backoff between attempts at one file: an hour, doubling, at most a day (the daily job tries at least once a day). */
export function retryAfterSeconds(attempts: number): number {
  return Math.min(3600 * 2 ** Math.max(0, attempts), 86_400);
}

export interface FileDeletionReport {
  deleted: number;
  alreadyGone: number;
  failed: number;
  /** Without Graph (no EHCP_GRAPH_* settings) nothing can be deleted: the files stay queued and this says so. */
  notConfigured: number;
}

/**
 * Deletes, through Graph, the SharePoint files retention or erasure took off the records
 * (graph_deletions), each in its own step: a file deleted (or found already gone) leaves the
 * queue; a failure stays, with its error and the next try (a backoff), and is reported in the
 * log and by `ehcp-review retention`. Impure: calls Graph, writes the queue.
 */
export async function drainGraphDeletions(deps: { db: Db; storage?: AdviceStorage | undefined; logger: Logger }, options: { councilId?: string; limit?: number } = {}): Promise<FileDeletionReport> {
  const report: FileDeletionReport = { deleted: 0, alreadyGone: 0, failed: 0, notConfigured: 0 };
  const remove = deps.storage?.remove;
  if (!remove) {
    report.notConfigured = await countDueGraphDeletions(deps.db, options.limit ?? 500, options.councilId);
    if (report.notConfigured) deps.logger.warn('SharePoint files wait to be deleted but Graph is not configured (EHCP_GRAPH_* settings)', { files: report.notConfigured });
    return report;
  }
  // Claimed, not just read: every service process drains (bot/server/retentionJob.ts).
  const due = await claimGraphDeletions(deps.db, options.limit ?? 500, options.councilId);
  for (const file of due) {
    try {
      const outcome = await remove(file.tenantId, { driveId: file.driveId, itemId: file.itemId });
      await graphDeletionDone(deps.db, file.id);
      if (outcome === 'deleted') report.deleted++;
      else report.alreadyGone++;
    } catch (error) {
      report.failed++;
      const message = (error as Error).message;
      await graphDeletionFailed(deps.db, file.id, message, retryAfterSeconds(file.attempts));
      // Ids only: a file's name may name the child.
      deps.logger.warn('a SharePoint file could not be deleted; it stays queued and is tried again', { councilId: file.councilId, reason: file.reason, attempts: file.attempts + 1, error: message.slice(0, 300) });
    }
  }
  if (report.deleted || report.alreadyGone || report.failed) deps.logger.info('SharePoint files deleted for retention and erasure', { ...report });
  return report;
}
