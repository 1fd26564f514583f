import { plusDays } from '../../shared/calendar/londonDay';
import { endOfPeriodStartingWith } from '../../shared/calendar/periods';
import type { PlanRowInput } from '../../shared/planning/planReview';
import type { SimulationParameters } from './parameters';
import { createRandom } from './random';

/** One plan the simulation follows: the planner's row, and which school holds it. */
export interface SimPlan extends PlanRowInput {
  id: string;
  school: number;
}

/**
 * A synthetic caseload of `plans` plans whose next review deadline falls evenly across
 * the 12 months starting with `from`, as in a council where reviews are spread over the
 * year. About `firstReviewShare` are new plans (first review); the rest were last
 * reviewed a year before. Year 6 and Year 11 pupils transfer phase that September, so
 * their reviews run to the 15 February and 31 March deadlines (Reg 18).
 *
 * @example syntheticCaseload(defaultParameters, 1).length //=> 5000
 */
export function syntheticCaseload(p: SimulationParameters, seed: number): SimPlan[] {
  const r = createRandom(seed, 0x5eed);
  const n = p.caseload.plans;
  const year = Number(p.from.slice(0, 4));
  const schools = Math.max(1, Math.ceil(n / p.caseload.plansPerSchool));
  const out: SimPlan[] = [];
  for (let i = 0; i < n; i++) {
    // The anchor is the start of the 12-month period whose last day falls in the year.
    const anchor = plusDays(p.from, -365 + Math.floor(r.next() * 365) + 1);
    const ncYear = Math.min(13, Math.floor(r.next() * 14));
    const first = r.next() < p.caseload.firstReviewShare;
    const plan: SimPlan = {
      id: `SIM-${String(i + 1).padStart(6, '0')}`,
      school: Math.floor(r.next() * schools),
      planIssued: first ? anchor : plusDays(anchor, -365 * (1 + Math.floor(r.next() * 6)) - Math.floor(r.next() * 200)),
      ncYear,
    };
    if (!first) plan.lastReviewConcluded = anchor;
    if (ncYear === 6 || ncYear === 11) {
      // A review due before the September move is the transfer review.
      const transferDate = `${year}-09-01`;
      if (endOfPeriodStartingWith(anchor, 12) < transferDate) plan.transfer = { kind: ncYear === 6 ? 'school' : 'post16', date: transferDate };
    }
    out.push(plan);
  }
  return out;
}

/** A council's own caseload, from planner rows: schools are not in the file, so plans are spread over them. */
export function caseloadFromRows(rows: (PlanRowInput & { id: string })[], p: SimulationParameters): SimPlan[] {
  const schools = Math.max(1, Math.ceil(rows.length / p.caseload.plansPerSchool));
  return rows.map((row, i) => ({ ...row, school: i % schools }));
}
