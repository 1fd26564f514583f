import type { TermCalendar } from '../../shared/calendar/termDates';
import type { SimPlan } from './caseload';
import { runSimulation, type WeeklyBacklog } from './engine';
import { measureRun, type RunMetrics } from './metrics';
import type { SimulationParameters } from './parameters';
import { type ReminderSchedule, reminderScheduleFromRules } from './reminderSchedule';

/** The target an officer count is sized for: decisions within 4 weeks of the meeting. */
export const OFFICER_TARGET = 0.95;

export interface OfficersNeeded {
  /** The smallest officer count reaching the target, or null when no count does. */
  officers: number | null;
  /** The share of decisions within 4 weeks at that count. */
  decisionsWithin4Weeks: number;
  /** The share with so many officers that no decision waits: what officers alone can reach. */
  unlimitedOfficersShare: number;
  /** The smallest count within half a point of that share: beyond it more officers do not help. */
  officersBeyondWhichNoGain: number;
  /** Why no count reaches the target, when none does. */
  limit: string | null;
}

export interface SimulationReport {
  seed: number;
  plans: number;
  parameters: SimulationParameters;
  baseline: RunMetrics;
  product: RunMetrics;
  /** The product run again with the reminder effect halved and doubled (capped at 1). */
  sensitivity: { actProbability: number; product: RunMetrics }[];
  backlog: { baseline: WeeklyBacklog[]; product: WeeklyBacklog[] };
  /** Null when the search was skipped. */
  officersNeeded: { baseline: OfficersNeeded; product: OfficersNeeded } | null;
}

export interface SimulateOptions {
  seed: number;
  terms?: TermCalendar | undefined;
  /** Skip the officer search (it runs the simulation about a dozen more times). */
  officerSearch?: boolean | undefined;
}

/**
 * A council's year twice on the same seed, without the product and with it, plus the
 * reminder effect halved and doubled, and the smallest officer count that decides 95% of
 * reviews within 4 weeks. The library function behind `ehcp-review simulate`.
 */
export function simulateCouncil(plans: readonly SimPlan[], p: SimulationParameters, options: SimulateOptions): SimulationReport {
  const reminders = reminderScheduleFromRules(options.terms);
  const run = (params: SimulationParameters, product: boolean) => runSimulation(plans, params, { product, seed: options.seed, terms: options.terms, reminders });
  const baseline = run(p, false);
  const product = run(p, true);
  const sensitivity = [0.5, 2].map((factor) => {
    const actProbability = Math.min(1, p.reminders.actProbability * factor);
    return { actProbability, product: measureRun(run({ ...p, reminders: { ...p.reminders, actProbability } }, true).reviews, p.to) };
  });
  const search = options.officerSearch ?? true;
    return {
    seed: options.seed,
    plans: plans.length,
    parameters: p,
    baseline: measureRun(baseline.reviews, p.to),
    product: measureRun(product.reviews, p.to),
    sensitivity,
    backlog: { baseline: baseline.backlog, product: product.backlog },
    officersNeeded: search
      ? { baseline: officersNeeded(plans, p, false, options.seed, reminders, options.terms), product: officersNeeded(plans, p, true, options.seed, reminders, options.terms) }
      : null,
  };
}

/**
 * The smallest officer count whose run decides at least 95% of reviews within 4 weeks,
 * by bisection. More officers only shorten the queue, so the share rises with the count
 * (a fixed seed holds the draws still); what officers cannot fix is a report or a
 * pick-up that comes too late, so the search first asks what unlimited officers reach.
 */
export function officersNeeded(plans: readonly SimPlan[], p: SimulationParameters, product: boolean, seed: number, reminders: ReminderSchedule, terms?: TermCalendar): OfficersNeeded {
  const memo = new Map<number, number>();
  const shareAt = (officers: number) => {
    let s = memo.get(officers);
    if (s === undefined) {
      s = measureRun(runSimulation(plans, { ...p, council: { ...p.council, officers } }, { product, seed, terms, reminders }).reviews, p.to).decisionsWithin4Weeks.share;
      memo.set(officers, s);
    }
    return s;
  };
  /** The smallest count in [1, ceiling] whose share reaches `target` (the ceiling's does). */
  const smallestReaching = (target: number, ceiling: number) => {
    let low = 0;
    let high = ceiling;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (shareAt(mid) >= target) high = mid;
      else low = mid;
    }
    return high;
  };
  // Enough officers to clear a whole year's decisions in about two weeks: nothing waits.
  const ceiling = Math.max(1, Math.ceil(plans.length / 2 / p.council.decisionsPerOfficerWeek));
  const unlimited = shareAt(ceiling);
  const plateau = smallestReaching(unlimited - 0.005, ceiling);
  if (unlimited < OFFICER_TARGET) {
    return {
      officers: null,
      decisionsWithin4Weeks: shareAt(plateau),
      unlimitedOfficersShare: unlimited,
      officersBeyondWhichNoGain: plateau,
      limit: `no officer count reaches ${OFFICER_TARGET * 100}%: with no queue at all ${(unlimited * 100).toFixed(1)}% of decisions come within 4 weeks, because reports (or the officer's first look) come too late; more than ${plateau} officers add nothing`,
    };
  }
  const officers = smallestReaching(OFFICER_TARGET, ceiling);
  return { officers, decisionsWithin4Weeks: shareAt(officers), unlimitedOfficersShare: unlimited, officersBeyondWhichNoGain: plateau, limit: null };
}
