/** A job the service runs in the background: stopped on shutdown after the run in progress ends. */
export interface PeriodicJob {
  stop(): Promise<void>;
}

/**
 * Runs `task` now and then every `everyMs`, never two at once (a run still going when the
 * next is due is left to finish), and never keeping the process alive. A failed run is
 * passed to `onError` and the job goes on: the next run tries again.
 */
export function startPeriodicJob(task: () => Promise<void>, everyMs: number, onError: (error: Error) => void): PeriodicJob {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= task()
      .catch((error: unknown) => onError(error as Error))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
