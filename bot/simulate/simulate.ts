import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TermCalendar } from '../../shared/calendar/termDates';
import type { SimPlan } from './caseload';
import { type CalibrationResult, calibrate, type CalibrationTargets } from './calibrate';
import { type RunResult, runSimulation, type WeeklyBacklog } from './engine';
import { measureRun, type RunMetrics } from './metrics';
import { atAssumedCapacity, atOtherCapacities, type OfficerCount, officerRange } from './officerRange';
import type { SimulationParameters } from './parameters';
import { type ReminderSchedule, reminderScheduleFromRules } from './reminderSchedule';
import { type SmallestChanges, smallestChanges } from './smallestChanges';

export interface SimulationReport {
  seed: number;
  plans: number;
  parameters: SimulationParameters;
  /** How the tunable parameters were fitted to a council's figures (`--calibrate`); null without. */
  calibration: CalibrationResult | null;
  baseline: RunMetrics;
  product: RunMetrics;
  /** The product run again with each assumption about it halved and doubled (shares capped at 1). */
  sensitivity: { parameter: 'reminders.actProbability' | 'product.reportsInMeeting'; factor: number; value: number; product: RunMetrics }[];
  backlog: { baseline: WeeklyBacklog[]; product: WeeklyBacklog[] };
  /** Null when the search was skipped. */
  changes: SmallestChanges | null;
  /** The officers needed for 95% of decisions within 4 weeks at the assumed capacity and at it halved and doubled (see officerRange.ts); null when the search was skipped. */
  officerRange: OfficerCount[] | null;
}

export interface SimulateOptions {
  seed: number;
  terms?: TermCalendar | undefined;
  /** Skip the smallest-changes search (it runs the simulation about twenty more times). */
  search?: boolean | undefined;
  /** A council's own figures to fit the tunable parameters to before anything else runs. */
  calibrate?: CalibrationTargets | undefined;
}

/**
 * A council's year twice on the same seed, without the product and with it, plus each
 * assumption about the product halved and doubled, and the smallest changes that reach
 * 95% of decisions within 4 weeks and 98% of reviews concluded within 12 months. With
 * `calibrate`, the tunable parameters are first fitted to the council's own figures and
 * everything after uses them. The library function behind `ehcp-review simulate`.
 */
export function simulateCouncil(plans: readonly SimPlan[], given: SimulationParameters, options: SimulateOptions): SimulationReport {
  const start = prepare(plans, given, options);
  const { p, shared } = start;
  const sensitivity = sensitivityRuns(plans, p, shared);
  const made = productAndChanges(plans, start);
  const range = start.search ? officerRange(plans, p, start.baseline.dfe.decisions4w, made.atAssumed, shared) : null;
  return assemble(plans, start, made, sensitivity, range);
}

/**
 * The same report as `simulateCouncil`, its runs shared between this thread and a worker
 * (`simulateWorker.js`): the worker runs the assumptions halved and doubled and the officer
 * range at other capacities while this thread runs the product and the smallest changes.
 * Each run is on the same seed either way, so the answer is the same; on two cores it
 * comes in about half the time. Without the compiled worker beside this file (under
 * the test runner, from source), everything runs here.
 */
export async function simulateCouncilInParallel(plans: readonly SimPlan[], given: SimulationParameters, options: SimulateOptions): Promise<SimulationReport> {
  const workerFile = path.join(__dirname, 'simulateWorker.js');
  if (!existsSync(workerFile)) return simulateCouncil(plans, given, options);
  const start = prepare(plans, given, options);
  const { p } = start;
  const job: WorkerJob = { plans, parameters: p, seed: options.seed, terms: options.terms, baselineDecisions4w: start.baseline.dfe.decisions4w, search: start.search };
  const worker = new Worker(workerFile, { workerData: job });
  const answer = new Promise<WorkerAnswer>((resolve, reject) => {
    worker.once('message', (m: WorkerAnswer) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the simulation worker stopped with exit code ${code}`));
    });
  });
  let made: ProductAndChanges;
  try {
    made = productAndChanges(plans, start);
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  const { sensitivity, otherCapacities } = await answer;
  return assemble(plans, start, made, sensitivity, otherCapacities ? [atAssumedCapacity(p, made.atAssumed), ...otherCapacities] : null);
}

/** What the worker is given: everything is plain data (the reminder schedule is rebuilt there). */
export interface WorkerJob {
  plans: readonly SimPlan[];
  parameters: SimulationParameters;
  seed: number;
  terms: TermCalendar | undefined;
  baselineDecisions4w: number;
  search: boolean;
}

export interface WorkerAnswer {
  sensitivity: SimulationReport['sensitivity'];
  otherCapacities: OfficerCount[] | null;
}

/** The worker's share of the runs (see simulateCouncilInParallel). */
export function workerRuns(job: WorkerJob): WorkerAnswer {
  const shared = { seed: job.seed, terms: job.terms, reminders: reminderScheduleFromRules(job.terms) };
  return {
    sensitivity: sensitivityRuns(job.plans, job.parameters, shared),
    otherCapacities: job.search ? atOtherCapacities(job.plans, job.parameters, job.baselineDecisions4w, shared) : null,
  };
}

interface Start {
  p: SimulationParameters;
  calibration: CalibrationResult | null;
  search: boolean;
  shared: { seed: number; terms: TermCalendar | undefined; reminders: ReminderSchedule };
  baselineRun: RunResult;
  baseline: RunMetrics;
}

/** The council's figures fitted (with `calibrate`), then the run without the product. */
function prepare(plans: readonly SimPlan[], given: SimulationParameters, options: SimulateOptions): Start {
  const reminders: ReminderSchedule = reminderScheduleFromRules(options.terms);
  const calibration = options.calibrate ? calibrate(plans, given, options.calibrate, { seed: options.seed, terms: options.terms }) : null;
  const p = calibration?.parameters ?? given;
  const baselineRun = runSimulation(plans, p, { product: false, seed: options.seed, terms: options.terms });
  return { p, calibration, search: options.search ?? true, shared: { seed: options.seed, terms: options.terms, reminders }, baselineRun, baseline: measureRun(baselineRun.reviews, p.from, p.to) };
}

/** The product run again with each assumption about it halved and doubled (shares capped at 1). */
function sensitivityRuns(plans: readonly SimPlan[], p: SimulationParameters, shared: Start['shared']): SimulationReport['sensitivity'] {
  const measure = (q: SimulationParameters) => measureRun(runSimulation(plans, q, { product: true, ...shared }).reviews, q.from, q.to);
  const out: SimulationReport['sensitivity'] = [];
  for (const factor of [0.5, 2]) {
    const value = Math.min(1, p.reminders.actProbability * factor);
    out.push({ parameter: 'reminders.actProbability', factor, value, product: measure({ ...p, reminders: { ...p.reminders, actProbability: value } }) });
  }
  for (const factor of [0.5, 2]) {
    const value = Math.min(1, p.product.reportsInMeeting * factor);
    out.push({ parameter: 'product.reportsInMeeting', factor, value, product: measure({ ...p, product: { ...p.product, reportsInMeeting: value } }) });
  }
  return out;
}

interface ProductAndChanges {
  productRun: RunResult;
  product: RunMetrics;
  changes: SmallestChanges | null;
  atAssumed: number | null;
}

/** The run with the product, and the smallest changes that reach the targets from it. */
function productAndChanges(plans: readonly SimPlan[], start: Start): ProductAndChanges {
  const { p, shared } = start;
  const productRun = runSimulation(plans, p, { product: true, ...shared });
  const product = measureRun(productRun.reviews, p.from, p.to);
  const changes = start.search ? smallestChanges(plans, p, product, shared) : null;
  const atAssumed = changes?.rows.find((r) => r.lever === 'officers' && r.target === 'decisionsWithin4Weeks')?.reached?.value ?? null;
  return { productRun, product, changes, atAssumed };
}

function assemble(plans: readonly SimPlan[], start: Start, made: ProductAndChanges, sensitivity: SimulationReport['sensitivity'], range: OfficerCount[] | null): SimulationReport {
  return {
    seed: start.shared.seed,
    plans: plans.length,
    parameters: start.p,
    calibration: start.calibration,
    baseline: start.baseline,
    product: made.product,
    sensitivity,
    backlog: { baseline: start.baselineRun.backlog, product: made.productRun.backlog },
    changes: made.changes,
    officerRange: start.search ? range : null,
  };
}
