import type { TermCalendar } from '../../shared/calendar/termDates';
import type { SimPlan } from './caseload';
import { CALIBRATION_TOLERANCE } from './dfeFigures';
import { scaleDistribution } from './distributions';
import { runSimulation } from './engine';
import { measureDfe, measureTargets } from './metrics';
import type { SimulationParameters } from './parameters';
import type { ReminderSchedule } from './reminderSchedule';
import { type ChangeTried, fewestOfficers, targets } from './smallestChanges';

/**
 * Why a range: the one figure about officers the DfE publishes (decisions within 4 weeks)
 * is fitted by the officers' first look for an assumed weekly capacity, and another
 * capacity with another first look fits it as well. So the officer count needed is given
 * for the assumed capacity and for it halved and doubled, the first look re-fitted each
 * time to the same baseline figure; a capacity the figure cannot be fitted with is not
 * consistent with the data and is said so.
 */
export interface OfficerCount {
  decisionsPerOfficerWeek: number;
  /** The first look that fits the baseline's decisions within 4 weeks at this capacity (a factor on delays.decisionPickup). */
  firstLookFactor: number;
  /** False when no first look reproduces the baseline figure at this capacity. */
  consistent: boolean;
  /** The fewest officers reaching 95% of decisions within 4 weeks with the product; null when none tried does. */
  officers: number | null;
  why: string | null;
}

const CAPACITY_FACTORS = [0.5, 2] as const;
const NOT_REACHED = 'no officer count tried (up to 5 times today’s) reaches 95%: decisions still wait for late reports or a slow first look';
const FIT_STEPS = 5;
const FIT_RANGE = [1 / 16, 16] as const;

/** The officer counts for the assumed capacity (`atAssumed`, from the smallest-changes search) and for it halved and doubled. */
export function officerRange(
  plans: readonly SimPlan[],
  p: SimulationParameters,
  baselineDecisions4w: number,
  atAssumed: number | null,
  options: { seed: number; terms?: TermCalendar | undefined; reminders: ReminderSchedule },
): OfficerCount[] {
  return [atAssumedCapacity(p, atAssumed), ...atOtherCapacities(plans, p, baselineDecisions4w, options)];
}

/** The row for the assumed capacity: its officer count comes from the smallest-changes search. */
export function atAssumedCapacity(p: SimulationParameters, atAssumed: number | null): OfficerCount {
  return { decisionsPerOfficerWeek: p.council.decisionsPerOfficerWeek, firstLookFactor: 1, consistent: true, officers: atAssumed, why: atAssumed === null ? NOT_REACHED : null };
}

/** The rows for the assumed capacity halved and doubled, the first look re-fitted to the baseline figure for each. */
export function atOtherCapacities(
  plans: readonly SimPlan[],
  p: SimulationParameters,
  baselineDecisions4w: number,
  options: { seed: number; terms?: TermCalendar | undefined; reminders: ReminderSchedule },
): OfficerCount[] {
  const decisions = targets[0];
  const out: OfficerCount[] = [];
  for (const c of CAPACITY_FACTORS) {
    const rate = Math.round(p.council.decisionsPerOfficerWeek * c * 100) / 100;
    const at = (k: number): SimulationParameters => ({ ...p, council: { ...p.council, decisionsPerOfficerWeek: rate }, delays: { ...p.delays, decisionPickup: scaleDistribution(p.delays.decisionPickup, k) } });
    const baselineAt = (k: number) => {
      const q = at(k);
      return measureDfe(runSimulation(plans, q, { product: false, seed: options.seed, terms: options.terms }).reviews, q.from, q.to).dfe.decisions4w;
    };
    // Bisection on the first look (geometric): decisions within 4 weeks fall as it slows.
    let [lo, hi] = FIT_RANGE as readonly [number, number];
    // If even the fastest first look tried falls short, no first look fits: said at once.
    const fastest = baselineAt(lo);
    if (fastest < baselineDecisions4w - CALIBRATION_TOLERANCE) {
      out.push({ decisionsPerOfficerWeek: rate, firstLookFactor: lo, consistent: false, officers: null, why: inconsistent(rate, baselineDecisions4w, fastest) });
      continue;
    }
    for (let i = 0; i < FIT_STEPS; i++) {
      const mid = Math.sqrt(lo * hi);
      if (baselineAt(mid) > baselineDecisions4w) lo = mid;
      else hi = mid;
    }
    const k = Math.round(Math.sqrt(lo * hi) * 1000) / 1000;
    const fitted = baselineAt(k);
    if (Math.abs(fitted - baselineDecisions4w) > CALIBRATION_TOLERANCE) {
      out.push({
        decisionsPerOfficerWeek: rate,
        firstLookFactor: k,
        consistent: false,
        officers: null,
        why: inconsistent(rate, baselineDecisions4w, fitted),
      });
      continue;
    }
    const q = at(k);
    const attempt = (n: number): ChangeTried => {
      const metrics = measureTargets(runSimulation(plans, { ...q, council: { ...q.council, officers: n } }, { product: true, seed: options.seed, terms: options.terms, reminders: options.reminders }).reviews, q.from, q.to);
      return { lever: 'officers', change: `${n} officers`, value: n, metrics };
    };
    const { enough } = fewestOfficers(p.council.officers, attempt, (t) => t.metrics[decisions.key] >= decisions.share);
    out.push({ decisionsPerOfficerWeek: rate, firstLookFactor: k, consistent: true, officers: enough?.value ?? null, why: enough ? null : NOT_REACHED });
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const inconsistent = (rate: number, target: number, best: number) =>
  `at ${rate} decisions per officer-week no first look gives the baseline's ${pct(target)} of decisions within 4 weeks (best ${pct(best)}), so this capacity does not fit the data`;
