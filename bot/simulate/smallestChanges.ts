import type { TermCalendar } from '../../shared/calendar/termDates';
import type { SimPlan } from './caseload';
import { scaleDistribution } from './distributions';
import { runSimulation } from './engine';
import { measureTargets, type RunMetrics } from './metrics';
import type { SimulationParameters } from './parameters';
import type { ReminderSchedule } from './reminderSchedule';

/** The two figures a manager is asked to reach, with the product. */
export const targets = [
  { key: 'decisionsWithin4Weeks', label: 'decisions within 4 weeks', share: 0.95 },
  { key: 'concludedWithin12Months', label: 'reviews concluded within 12 months', share: 0.98 },
] as const satisfies readonly { key: keyof RunMetrics; label: string; share: number }[];
export type TargetKey = (typeof targets)[number]['key'];

/** What a council can change, each tried alone and then all together, on the same seed. */
export const levers = ['officers', 'firstLook', 'report', 'booking'] as const;
export type Lever = (typeof levers)[number] | 'all';

export const leverLabels: Record<Lever, string> = {
  officers: 'more officers',
  firstLook: "officers' first look faster (delays.decisionPickup)",
  report: 'reports faster (delays.report)',
  booking: 'SENCOs book sooner after the book-by date (delays.booking)',
  all: 'all four together',
};

/** The delays tried: halved, then cut to a tenth (each run with changed delays asks the reminder rules afresh, so few are tried; the tenth first). */
const FACTORS = [0.5, 0.1] as const;
/** Officer counts tried, as multiples of today's, the fewest first; then refined between the last short and the first enough. */
const OFFICER_FACTORS = [1.5, 2, 3, 5] as const;
/** All four together: this many times the officers, every delay cut to a tenth. */
const ALL_OFFICERS = 2;
const ALL_FACTOR = 0.1;

export interface ChangeTried {
  lever: Lever;
  /** What was changed, in words: "26 officers (now 20)", "delays.report x0.5". */
  change: string;
  /** The officer count, or the factor the delay was multiplied by. */
  value: number;
  metrics: { decisionsWithin4Weeks: number; concludedWithin12Months: number };
}

export interface SmallestChange {
  target: TargetKey;
  lever: Lever;
  /** The smallest change tried that reaches the target, or null when none does. */
  reached: ChangeTried | null;
  /** The strongest change tried, to show how far it gets when it does not reach. */
  strongest: ChangeTried;
}

export interface SmallestChanges {
  /** The product run these changes start from. */
  now: { decisionsWithin4Weeks: number; concludedWithin12Months: number };
  rows: SmallestChange[];
}

/**
 * For each target and each lever alone (and all four together), the smallest change
 * tried that reaches the target with the product: officers by count, refined between
 * the last count short and the first enough; the delays halved, then cut to a tenth. Each change is a
 * run on the same seed, so the differences are the change's, not the luck's. Runs are
 * shared between the two targets.
 */
export function smallestChanges(
  plans: readonly SimPlan[],
  p: SimulationParameters,
  now: RunMetrics,
  options: { seed: number; terms?: TermCalendar | undefined; reminders: ReminderSchedule },
): SmallestChanges {
  const memo = new Map<string, ChangeTried['metrics']>();
  const measure = (key: string, params: SimulationParameters) => {
    let m = memo.get(key);
    if (!m) {
      m = measureTargets(runSimulation(plans, params, { product: true, seed: options.seed, terms: options.terms, reminders: options.reminders }).reviews, params.from, params.to);
      memo.set(key, m);
    }
    return m;
  };
  const withOfficers = (q: SimulationParameters, officers: number) => ({ ...q, council: { ...q.council, officers } });
  const scaled = (q: SimulationParameters, lever: 'firstLook' | 'report' | 'booking', f: number): SimulationParameters => {
    const key = lever === 'firstLook' ? 'decisionPickup' : lever;
    return { ...q, delays: { ...q.delays, [key]: scaleDistribution(q.delays[key], f) } };
  };
  const officers = p.council.officers;
  const tryOfficers = (n: number): ChangeTried => ({ lever: 'officers', change: `${n} officers (now ${officers})`, value: n, metrics: measure(`o${n}`, withOfficers(p, n)) });
  const tryDelay = (lever: 'firstLook' | 'report' | 'booking', f: number): ChangeTried => ({
    lever,
    change: `${lever === 'firstLook' ? 'delays.decisionPickup' : `delays.${lever}`} x${f}`,
    value: f,
    metrics: measure(`${lever}${f}`, scaled(p, lever, f)),
  });
  const tryAll = (): ChangeTried => {
    const n = Math.ceil(officers * ALL_OFFICERS);
    const f = ALL_FACTOR;
    const q = scaled(scaled(scaled(withOfficers(p, n), 'firstLook', f), 'report', f), 'booking', f);
    return { lever: 'all', change: `${n} officers, the three delays x${f}`, value: f, metrics: measure('all', q) };
  };
  const reaches = (t: (typeof targets)[number], c: ChangeTried) => c.metrics[t.key] >= t.share;

  memo.set(`o${officers}`, { decisionsWithin4Weeks: now.decisionsWithin4Weeks.share, concludedWithin12Months: now.concludedWithin12Months.share });
  const rows: SmallestChange[] = [];
  for (const t of targets) {
    const { enough, strongest } = fewestOfficers(officers, tryOfficers, (c) => reaches(t, c));
    rows.push({ target: t.key, lever: 'officers', reached: enough, strongest });
    for (const lever of ['firstLook', 'report', 'booking'] as const) rows.push(ladder(t, lever, (f) => tryDelay(lever, f)));
    const all = tryAll();
    rows.push({ target: t.key, lever: 'all', reached: reaches(t, all) ? all : null, strongest: all });
  }
  return { now: { decisionsWithin4Weeks: now.decisionsWithin4Weeks.share, concludedWithin12Months: now.concludedWithin12Months.share }, rows };

  // The strongest change first: when it does not reach the target, no smaller one will, and one run says so.
  function ladder(t: (typeof targets)[number], lever: Lever, attempt: (f: number) => ChangeTried): SmallestChange {
    const strongest = attempt(FACTORS[FACTORS.length - 1] as number);
    if (!reaches(t, strongest)) return { target: t.key, lever, reached: null, strongest };
    for (const f of FACTORS) {
      const c = attempt(f);
      if (reaches(t, c)) return { target: t.key, lever, reached: c, strongest };
    }
    return { target: t.key, lever, reached: strongest, strongest };
  }
}

/**
 * The fewest officers whose run reaches a target: five times today's count first (if
 * that falls short, none tried reaches it), then the ladder of multiples of today's
 * count, then two halvings of the gap between the last count short and the first enough
 * (the answer to within an eighth of the last step, at two more runs).
 */
export function fewestOfficers(officers: number, run: (n: number) => ChangeTried, reaches: (c: ChangeTried) => boolean): { enough: ChangeTried | null; strongest: ChangeTried } {
  const tried = new Map<number, ChangeTried>();
  const attempt = (n: number) => {
    let c = tried.get(n);
    if (!c) {
      c = run(n);
      tried.set(n, c);
    }
    return c;
  };
  let short = officers;
  let enough: ChangeTried | null = null;
  const now = attempt(officers);
  if (reaches(now)) return { enough: now, strongest: now };
  // The most officers first: when they do not reach the target, fewer will not, and one run says so.
  const strongest = attempt(Math.ceil(officers * (OFFICER_FACTORS[OFFICER_FACTORS.length - 1] as number)));
  if (!reaches(strongest)) return { enough: null, strongest };
  for (const k of OFFICER_FACTORS) {
    const c = attempt(Math.ceil(officers * k));
    if (reaches(c)) {
      enough = c;
      break;
    }
    short = c.value;
  }
  for (let i = 0; i < 2 && enough && enough.value - short > 1; i++) {
    const c = attempt(Math.floor((short + enough.value) / 2));
    if (reaches(c)) enough = c;
    else short = c.value;
  }
  return { enough, strongest };
}
