import type { TermCalendar } from '../../shared/calendar/termDates';
import type { SimPlan } from './caseload';
import { type CalibrationResult, calibrate, type CalibrationTargets } from './calibrate';
import { runSimulation, type WeeklyBacklog } from './engine';
import { measureRun, type RunMetrics } from './metrics';
import type { SimulationParameters } from './parameters';
import { type ReminderSchedule, reminderScheduleFromRules } from './reminderSchedule';
import { type OfficerCount, officerRange } from './officerRange';
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
  const reminders: ReminderSchedule = reminderScheduleFromRules(options.terms);
  const calibration = options.calibrate ? calibrate(plans, given, options.calibrate, { seed: options.seed, terms: options.terms }) : null;
  const p = calibration?.parameters ?? given;
  const run = (params: SimulationParameters, product: boolean) => runSimulation(plans, params, { product, seed: options.seed, terms: options.terms, reminders });
  const measure = (params: SimulationParameters, product: boolean) => measureRun(run(params, product).reviews, params.from, params.to);
  const baseline = run(p, false);
  const product = run(p, true);
  const sensitivity: SimulationReport['sensitivity'] = [];
  for (const factor of [0.5, 2]) {
    const value = Math.min(1, p.reminders.actProbability * factor);
    sensitivity.push({ parameter: 'reminders.actProbability', factor, value, product: measure({ ...p, reminders: { ...p.reminders, actProbability: value } }, true) });
  }
  for (const factor of [0.5, 2]) {
    const value = Math.min(1, p.product.reportsInMeeting * factor);
    sensitivity.push({ parameter: 'product.reportsInMeeting', factor, value, product: measure({ ...p, product: { ...p.product, reportsInMeeting: value } }, true) });
  }
  const productMetrics = measureRun(product.reviews, p.from, p.to);
  const baselineMetrics = measureRun(baseline.reviews, p.from, p.to);
  const search = options.search ?? true;
  const shared = { seed: options.seed, terms: options.terms, reminders };
  const changes = search ? smallestChanges(plans, p, productMetrics, shared) : null;
  const atAssumed = changes?.rows.find((r) => r.lever === 'officers' && r.target === 'decisionsWithin4Weeks')?.reached?.value ?? null;
  return {
    seed: options.seed,
    plans: plans.length,
    parameters: p,
    calibration,
    baseline: baselineMetrics,
    product: productMetrics,
    sensitivity,
    backlog: { baseline: baseline.backlog, product: product.backlog },
    changes,
    officerRange: search ? officerRange(plans, p, baselineMetrics.dfe.decisions4w, atAssumed, shared) : null,
  };
}
