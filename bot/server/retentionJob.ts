import { applyRetentionEverywhere } from '../app/retention/runRetention';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';

/** How often the job looks whether a new London day has begun. */
export const RETENTION_CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The daily retention job (#29 item 1), inside the service: once per London day (at start,
 * then on the first hourly check of each new day) each council's confirmed schedule is
 * applied; an unconfirmed one is only reported in the log. It never keeps the process alive,
 * and a failure is logged and tried again at the next check.
 */
export function startRetentionJob(db: Db, today: () => string, logger: Logger): { stop(): Promise<void> } {
  let lastDay: string | undefined;
  let running: Promise<void> | undefined;
  const run = () => {
    const day = today();
    if (day === lastDay || running) return;
    running = applyRetentionEverywhere(db, day, { dryRun: false, logger })
      .then(() => {
        lastDay = day;
      })
      .catch((error: unknown) => logger.warn('retention failed; will try again within the hour', { error: (error as Error).message }))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, RETENTION_CHECK_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
