import type { AdviceStorage } from '../advice/storage';
import { drainGraphDeletions } from '../app/retention/deleteFiles';
import { applyRetentionEverywhere } from '../app/retention/runRetention';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { type PeriodicJob, startPeriodicJob } from './periodicJob';

/** How often the job looks whether a new London day has begun. */
export const RETENTION_CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The daily retention job (#29 item 1), inside the service: once per London day (at start,
 * then on the first hourly check of each new day) each council's confirmed schedule is
 * applied; an unconfirmed one is only reported in the log. Every check also deletes, through
 * Graph, the SharePoint files retention and erasure queued (graph_deletions) whose next try
 * is due, so a failed deletion is retried with its backoff. It never keeps the process alive,
 * and a failure is logged and tried again at the next check.
 */
export function startRetentionJob(db: Db, today: () => string, logger: Logger, storage?: AdviceStorage): PeriodicJob {
  let lastDay: string | undefined;
  return startPeriodicJob(
    async () => {
      const day = today();
      if (day !== lastDay) {
        await applyRetentionEverywhere(db, day, { dryRun: false, logger });
        lastDay = day;
      }
      await drainGraphDeletions({ db, storage, logger });
    },
    RETENTION_CHECK_EVERY_MS,
    (error) => logger.warn('retention failed; will try again within the hour', { error: error.message }),
  );
}
