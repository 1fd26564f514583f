import { type Distribution, DistributionError, formatDistribution, parseDistribution } from './distributions';

/**
 * Every number the simulation runs on, in one place, each with where it comes from: a
 * published figure, a council's own guidance, or "assumption" (then the README's
 * sensitivity table shows how much it matters). Delays are whole calendar days.
 */
export interface SimulationParameters {
  /** First and last day counted (the census year). Reviews due in it are "expected". */
  from: string;
  to: string;
  caseload: {
    /** Plans in a synthetic caseload (ignored when a caseload file is given). */
    plans: number;
    plansPerSchool: number;
    /** Share of expected reviews that are a plan's first review (anchored on the plan's issue). */
    firstReviewShare: number;
  };
  council: {
    officers: number;
    /** Annual-review decisions one officer can make in a working week alongside other work. */
    decisionsPerOfficerWeek: number;
    /** Share of working days an officer is away (leave, sickness, training). */
    officerAbsence: number;
    /** Professionals asked for advice per review (health, social care, EP...). */
    professionalsPerReview: number;
  };
  /** How long each actor takes, without a reminder. */
  delays: {
    /** After the "book by" date (latest meeting - 8 weeks), until the SENCO books. */
    booking: Distribution;
    /** For a review the school holds early (see probabilities.bookedEarly): how long before the "book by" date it books. */
    earlyBooking: Distribution;
    /** From booking to the meeting date the SENCO picks. */
    meetingLead: Distribution;
    /** From booking to the invitations going out. */
    invitations: Distribution;
    /** Advice arrives this long after it was due (2 weeks before the meeting); per professional. */
    advice: Distribution;
    /** From the meeting to the school's report. */
    report: Distribution;
    /** From the report arriving until an officer takes the decision up (the officers' first look). */
    decisionPickup: Distribution;
    /** From the decision to serving the amendment notice (without the product). */
    amendmentNotice: Distribution;
    /** From the amendment notice to the final plan. */
    finalPlan: Distribution;
    /** How far a postponed meeting moves. */
    postponement: Distribution;
  };
  probabilities: {
    /** A review the school holds early, well before its "book by" date (at a set time of the school year, or ahead of a move), so it can conclude before the year it was due in. */
    bookedEarly: number;
    /** A meeting is postponed for reasons the product does not touch (illness, a parent cannot come). */
    meetingPostponed: number;
    /** A meeting is postponed when advice has not arrived a week before it. */
    postponedForLateAdvice: number;
    amend: number;
    cease: number;
  };
  /** What the product changes beyond reminders, as assumptions (the output shows each halved and doubled). */
  product: {
    /** Share of reports written in the meeting (the side panel) and submitted on the day. */
    reportsInMeeting: number;
  };
  reminders: {
    /** Chance that one reminder makes its recipient act now rather than when they would have. */
    actProbability: number;
    /** Days from the reminder to the action, when it works. */
    response: Distribution;
  };
}

/** Where each default comes from; the README prints this table. */
export const parameterSources: Record<string, string> = {
  from: 'DfE "Number of annual reviews of EHC plans", calendar year 2025',
  to: 'DfE "Number of annual reviews of EHC plans", calendar year 2025',
  'caseload.plans': 'assumption: a mid-sized council (England had about 640,000 plans in 2025)',
  'caseload.plansPerSchool': 'assumption (about 25,000 schools and settings hold plans)',
  'caseload.firstReviewShare': 'assumption: about 1 plan in 7 is new each year (DfE EHCP statistics 2025, new plans vs. all plans)',
  'council.officers': 'assumption: about 1 SEND officer per 250 plans',
  'council.decisionsPerOfficerWeek': 'assumption: not identified by the DfE figures (the first look is fitted instead; the output shows the officer counts with this halved and doubled)',
  'council.officerAbsence': 'assumption: 25 days of leave, sickness and training a year (about 10% of working days)',
  'council.professionalsPerReview': 'assumption: health, social care and one more (Reg 20(2))',
  'delays.booking': 'calibration: review_not_completed / review_expected_2025 (24.0%, DfE 2025, ages 10-14)',
  'delays.earlyBooking': 'assumption: early reviews come in the school year before the one they are due in (autumn transfer reviews, reviews held at a set time of year)',
  'delays.meetingLead': 'EHC Hub guidance timeline: request advice in week 1, meeting in week 8 (about 6 weeks from booking)',
  'delays.invitations': 'assumption',
  'delays.advice': 'assumption: most advice on time, a long tail of the late (Ombudsman reports)',
  'delays.report': 'assumption: the statutory 2 weeks is usually met or missed by days, sometimes by weeks',
  'delays.decisionPickup': 'calibration: decision_4_weeks / (decision_4_weeks + decision_over_4_weeks) (47.4%, DfE 2025, ages 10-14)',
  'delays.amendmentNotice': 'assumption: councils that send the draft later than the decision ("7 steps" step 6)',
  'delays.finalPlan': 'assumption: final plans often take longer than the 8 weeks of Reg 22(3)',
  'delays.postponement': 'assumption',
  'probabilities.bookedEarly': 'calibration: review_completed_prior_2025 / review_expected_2025 (15.1%, DfE 2025, ages 10-14), with the Reg 18 transfer reviews that the timeline brings forward',
  'probabilities.meetingPostponed': 'assumption',
  'probabilities.postponedForLateAdvice': 'assumption',
  'probabilities.amend': 'assumption: about half of reviews lead to amendments',
  'probabilities.cease': 'assumption: a small share of reviews cease the plan',
  'product.reportsInMeeting': 'assumption: the share of reports written in the meeting and submitted on the day; the output shows it halved and doubled',
  'reminders.actProbability': 'assumption: the effect of a reminder is a parameter, not a conclusion; the output shows it halved and doubled',
  'reminders.response': 'assumption',
};

const d = parseDistribution;

/** The defaults: the DfE 2025 national baseline (see parameterSources and the README). */
export const defaultParameters: SimulationParameters = {
  from: '2025-01-01',
  to: '2025-12-31',
  caseload: { plans: 5000, plansPerSchool: 25, firstReviewShare: 0.14 },
  council: { officers: 20, decisionsPerOfficerWeek: 4.4, officerAbsence: 0.1, professionalsPerReview: 3 },
  delays: {
    booking: d('lognormal(31, 435)'),
    earlyBooking: d('uniform(60, 240)'),
    meetingLead: d('normal(42, 10)'),
    invitations: d('lognormal(7, 30)'),
    advice: d('lognormal(3, 25)'),
    report: d('lognormal(12, 40)'),
    decisionPickup: d('lognormal(6.7, 24)'),
    amendmentNotice: d('lognormal(21, 60)'),
    finalPlan: d('lognormal(60, 150)'),
    postponement: d('uniform(14, 42)'),
  },
  probabilities: { bookedEarly: 0.24, meetingPostponed: 0.1, postponedForLateAdvice: 0.3, amend: 0.5, cease: 0.05 },
  product: { reportsInMeeting: 0.3 },
  reminders: { actProbability: 0.4, response: d('lognormal(2, 7)') },
};

/** One problem with a parameter file, naming the parameter. */
export interface ParameterProblem {
  parameter: string;
  message: string;
}

export class ParameterError extends Error {
  constructor(readonly problems: ParameterProblem[]) {
    super(problems.map((p) => `${p.parameter}: ${p.message}`).join('\n'));
    this.name = 'ParameterError';
  }
}

type Range = { min: number; max?: number; integer?: boolean };
const numericRules: Record<string, Range> = {
  'caseload.plans': { min: 1, max: 5_000_000, integer: true },
  'caseload.plansPerSchool': { min: 1, integer: true },
  'caseload.firstReviewShare': { min: 0, max: 1 },
  'council.officers': { min: 1, max: 100_000, integer: true },
  'council.decisionsPerOfficerWeek': { min: 0.1 },
  'council.officerAbsence': { min: 0, max: 0.9 },
  'council.professionalsPerReview': { min: 0, max: 20, integer: true },
  'probabilities.bookedEarly': { min: 0, max: 1 },
  'probabilities.meetingPostponed': { min: 0, max: 1 },
  'probabilities.postponedForLateAdvice': { min: 0, max: 1 },
  'probabilities.amend': { min: 0, max: 1 },
  'probabilities.cease': { min: 0, max: 1 },
  'product.reportsInMeeting': { min: 0, max: 1 },
  'reminders.actProbability': { min: 0, max: 1 },
};
const distributionKeys = new Set([
  ...Object.keys(defaultParameters.delays).map((k) => `delays.${k}`),
  'reminders.response',
]);

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
}

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

/**
 * The defaults with `overrides` (a parsed JSON parameter file, in the same shape, any
 * subset; distributions as text) applied and every value checked. Each problem names
 * its parameter; unknown parameters are problems too, so a typo is never ignored.
 *
 * @example withOverrides({ council: { officers: 12 } }).council.officers //=> 12
 */
export function withOverrides(overrides: unknown): SimulationParameters {
  const known = new Map<string, unknown>();
  flatten({ ...defaultParameters, delays: mapValues(defaultParameters.delays, formatDistribution), reminders: { ...defaultParameters.reminders, response: formatDistribution(defaultParameters.reminders.response) } }, '', known);
  const given = new Map<string, unknown>();
  if (overrides !== undefined && (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides))) {
    throw new ParameterError([{ parameter: 'parameters', message: 'must be a JSON object such as {"council": {"officers": 12}}' }]);
  }
  flatten(overrides ?? {}, '', given);
  const problems: ParameterProblem[] = [];
  const merged = new Map(known);
  for (const [key, value] of given) {
    if (!known.has(key)) {
      problems.push({ parameter: key, message: `is not a parameter; the parameters are ${[...known.keys()].join(', ')}` });
      continue;
    }
    merged.set(key, value);
  }
  const out = new Map<string, unknown>();
  for (const [key, value] of merged) {
    if (distributionKeys.has(key)) {
      if (typeof value !== 'string') {
        problems.push({ parameter: key, message: 'must be a distribution written as text, e.g. "lognormal(10, 30)"' });
        continue;
      }
      try {
        out.set(key, parseDistribution(value));
      } catch (e) {
        problems.push({ parameter: key, message: e instanceof DistributionError ? e.message : String(e) });
      }
    } else if (key === 'from' || key === 'to') {
      if (typeof value !== 'string' || !isRealDate(value)) problems.push({ parameter: key, message: `${JSON.stringify(value)} is not a real calendar date; use YYYY-MM-DD` });
      else out.set(key, value);
    } else {
      const rule = numericRules[key] as Range;
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ parameter: key, message: `must be a number, not ${JSON.stringify(value)}` });
      else if (value < rule.min || (rule.max !== undefined && value > rule.max)) problems.push({ parameter: key, message: `${value} is out of range; use ${rule.min} to ${rule.max ?? 'any higher number'}` });
      else if (rule.integer && !Number.isInteger(value)) problems.push({ parameter: key, message: `${value} must be a whole number` });
      else out.set(key, value);
    }
  }
  const from = out.get('from') as string | undefined;
  const to = out.get('to') as string | undefined;
  if (from && to && to < from) problems.push({ parameter: 'to', message: `${to} is before from (${from})` });
  if (from && to && (Date.parse(to) - Date.parse(from)) / 86_400_000 > 366 * 5) problems.push({ parameter: 'to', message: 'simulate at most 5 years at a time' });
  const amend = out.get('probabilities.amend') as number | undefined;
  const cease = out.get('probabilities.cease') as number | undefined;
  if (amend !== undefined && cease !== undefined && amend + cease > 1) problems.push({ parameter: 'probabilities.cease', message: `amend (${amend}) and cease (${cease}) add up to more than 1` });
  if (problems.length) throw new ParameterError(problems);
  return unflatten(out) as unknown as SimulationParameters;
}

function mapValues<T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function unflatten(flat: Map<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of flat) {
    const parts = key.split('.');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      node[p] ??= {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = value;
  }
  return root;
}
