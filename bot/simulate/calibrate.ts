import type { TermCalendar } from '../../shared/calendar/termDates';
import type { SimPlan } from './caseload';
import { CALIBRATION_TOLERANCE, type DfeShares } from './dfeFigures';
import { scaleDistribution } from './distributions';
import { runSimulation } from './engine';
import { type DfeFigures, measureDfe } from './metrics';
import type { SimulationParameters } from './parameters';

/** A council's own figures for its expected reviews, as shares (any three or all four). */
export type CalibrationTargets = Partial<DfeShares>;
const names = ['completed', 'completedEarly', 'notCompleted', 'decisions4w'] as const;
type Name = (typeof names)[number];

/** A `--calibrate` value that cannot be read; the message says what to write. */
export class CalibrationInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'CalibrationInputError';
  }
}

/**
 * Reads `completed=0.61,completedEarly=0.15,notCompleted=0.24,decisions4w=0.47` (shares,
 * or percentages written with %). At least three figures, each named once.
 *
 * @example parseCalibrationTargets('completed=61%,completedEarly=15%,notCompleted=24%') //=> { completed: 0.61, completedEarly: 0.15, notCompleted: 0.24 }
 */
export function parseCalibrationTargets(text: string): CalibrationTargets {
  const out: CalibrationTargets = {};
  const problems: string[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)\s*=\s*([0-9.]+)\s*(%?)$/.exec(part);
    if (!m) {
      problems.push(`"${part}" should look like name=share, e.g. completed=0.61 or completed=61%`);
      continue;
    }
    const name = m[1] as Name;
    if (!names.includes(name)) {
      problems.push(`"${m[1]}" is not a figure; use ${names.join(', ')}`);
      continue;
    }
    const value = Number(m[2]) / (m[3] ? 100 : 1);
    if (!Number.isFinite(value) || value < 0 || value > 1) problems.push(`${name}=${m[2]}${m[3]} is not a share from 0 to 1 (or 0% to 100%)`);
    else if (out[name] !== undefined) problems.push(`${name} is given twice`);
    else out[name] = value;
  }
  if (!problems.length && Object.keys(out).length < 3) problems.push(`give at least three of ${names.join(', ')}; got ${Object.keys(out).join(', ') || 'none'}`);
  if (problems.length) throw new CalibrationInputError(problems);
  return out;
}

/** One figure: what the council gave, what the fitted run gives, and why not, when it is not within the tolerance. */
export interface FittedFigure {
  figure: Name;
  target: number;
  fitted: number;
  withinTolerance: boolean;
  why: string | null;
}

export interface CalibrationResult {
  parameters: SimulationParameters;
  /** The parameters fitted, as a parameter file would give them. */
  fitted: { 'probabilities.bookedEarly': number; 'delays.booking x': number; 'delays.decisionPickup x': number };
  figures: FittedFigure[];
  tolerance: number;
}

// The tunable parameters and how far each may go: the share of reviews held early, and
// the booking delay and officers' first look multiplied by a factor in [1/16, 16].
const FACTOR_MIN = 1 / 16;
const FACTOR_MAX = 16;
const STEPS = 6;

/**
 * Fits the tunable parameters to a council's figures for the baseline (today's practice,
 * without the product): the share of reviews held early to `completedEarly`, the SENCOs'
 * booking delay to `notCompleted` (or `completed`), and the officers' first look to
 * `decisions4w`, each by bisection on the same seed, twice round because they interact.
 * Officers' capacity is not fitted: the figures cannot tell it apart from the first look.
 * A figure the parameters cannot reach is said, with why.
 */
export function calibrate(
  plans: readonly SimPlan[],
  p: SimulationParameters,
  given: CalibrationTargets,
  options: { seed: number; terms?: TermCalendar | undefined; /** Fit to every plan (a council's figures) or to ages 10-14 (the DfE rows the defaults are fitted to). */ population?: 'all' | 'ages10to14' },
): CalibrationResult {
  const t = completeTargets(given);
  const base = { booking: p.delays.booking, pickup: p.delays.decisionPickup };
  let early = p.probabilities.bookedEarly;
  let bookingX = 1;
  let pickupX = 1;
  const paramsOf = (e: number, b: number, k: number): SimulationParameters => ({
    ...p,
    probabilities: { ...p.probabilities, bookedEarly: e },
    delays: { ...p.delays, booking: scaleDistribution(base.booking, b), decisionPickup: scaleDistribution(base.pickup, k) },
  });
  const memo = new Map<string, DfeFigures>();
  const figuresAt = (e: number, b: number, k: number) => {
    const key = `${e}|${b}|${k}`;
    let f = memo.get(key);
    if (!f) {
      const q = paramsOf(e, b, k);
      const m = measureDfe(runSimulation(plans, q, { product: false, seed: options.seed, terms: options.terms }).reviews, q.from, q.to);
      f = options.population === 'ages10to14' ? m.dfeAges10to14 : m.dfe;
      memo.set(key, f);
    }
    return f;
  };
  for (let round = 0; round < 2; round++) {
    if (t.completedEarly !== undefined) early = bisect(0, 1, (e) => figuresAt(e, bookingX, pickupX).completedEarly, t.completedEarly, false);
    if (t.notCompleted !== undefined) bookingX = bisect(FACTOR_MIN, FACTOR_MAX, (b) => figuresAt(early, b, pickupX).notCompleted, t.notCompleted, true);
    if (t.decisions4w !== undefined) pickupX = bisect(FACTOR_MIN, FACTOR_MAX, (k) => figuresAt(early, bookingX, k).decisions4w, t.decisions4w, true, true);
  }
  const at = figuresAt(early, bookingX, pickupX);
  const figures: FittedFigure[] = [];
  for (const figure of names) {
    const target = given[figure];
    if (target === undefined) continue;
    const fitted = at[figure];
    const within = Math.abs(fitted - target) <= CALIBRATION_TOLERANCE;
    figures.push({ figure, target, fitted, withinTolerance: within, why: within ? null : whyNot(figure, fitted < target, given, t, { early, bookingX }) });
  }
  return {
    parameters: paramsOf(early, bookingX, pickupX),
    fitted: { 'probabilities.bookedEarly': round4(early), 'delays.booking x': round4(bookingX), 'delays.decisionPickup x': round4(pickupX) },
    figures,
    tolerance: CALIBRATION_TOLERANCE,
  };
}

/** The three shares of expected reviews add up to 1: a missing one follows from the other two. */
function completeTargets(given: CalibrationTargets): CalibrationTargets {
  const t = { ...given };
  if (t.notCompleted === undefined && t.completed !== undefined && t.completedEarly !== undefined) t.notCompleted = Math.max(0, 1 - t.completed - t.completedEarly);
  if (t.completedEarly === undefined && t.completed !== undefined && t.notCompleted !== undefined) t.completedEarly = Math.max(0, 1 - t.completed - t.notCompleted);
  return t;
}

function whyNot(figure: Name, tooLow: boolean, given: CalibrationTargets, t: CalibrationTargets, at: { early: number; bookingX: number }): string {
  const { completed, completedEarly, notCompleted } = given;
  if (completed !== undefined && completedEarly !== undefined && notCompleted !== undefined && Math.abs(completed + completedEarly + notCompleted - 1) > CALIBRATION_TOLERANCE) {
    return `completed + completedEarly + notCompleted = ${pct(completed + completedEarly + notCompleted)}, but every expected review is exactly one of the three (DfE: review_completed_2025 + review_completed_prior_2025 + review_not_completed = review_expected_2025); check the figures`;
  }
  if (figure === 'decisions4w' && tooLow) return `even with the officers' first look ${Math.round(1 / FACTOR_MIN)} times faster, reports that come late and the officers' queue keep decisions within 4 weeks below ${pct(t.decisions4w ?? 0)}; try more officers (--officers) or council.decisionsPerOfficerWeek`;
  if (figure === 'decisions4w') return `even with the officers' first look ${Math.round(FACTOR_MAX)} times slower, more than ${pct(t.decisions4w ?? 0)} of decisions come within 4 weeks; try fewer officers (--officers)`;
  if (figure === 'completedEarly') return `the reviews the timeline itself brings forward (Reg 18 transfers) and the share held early (fitted ${pct(at.early)}) cannot give ${pct(t.completedEarly ?? 0)}`;
  if (figure === 'notCompleted' && !tooLow) return `even with SENCOs booking ${Math.round(1 / FACTOR_MIN)} times sooner, later steps (meetings, reports, decisions) leave more than ${pct(t.notCompleted ?? 0)} not completed`;
  return `the booking delay (x${round4(at.bookingX)}) and the share held early cannot give all of completed, completedEarly and notCompleted at once`;
}

/**
 * The value in [lo, hi] whose figure is nearest `target`, by bisection (geometric when
 * `geometric`), for a figure that rises with the value (or falls, when `falling`).
 */
function bisect(lo: number, hi: number, figure: (x: number) => number, target: number, geometric: boolean, falling = false): number {
  let a = lo;
  let b = hi;
  const mid = (x: number, y: number) => (geometric ? Math.sqrt(x * y) : (x + y) / 2);
  for (let i = 0; i < STEPS; i++) {
    const m = mid(a, b);
    const above = figure(m) > target;
    if (above !== falling) b = m;
    else a = m;
  }
  return mid(a, b);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

