import { parentPort, workerData } from 'node:worker_threads';
import { type WorkerJob, workerRuns } from './simulate';

// The worker thread of simulateCouncilInParallel: its share of the runs, answered once.
parentPort?.postMessage(workerRuns(workerData as WorkerJob));
