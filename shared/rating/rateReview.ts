/**
 * Green / amber / red triage of a review (Derby annual review toolkit): decides how
 * much LA and professional presence a review needs and whether it may be virtual.
 * Any red factor makes the review red; otherwise any amber factor makes it amber.
 */

export type RatingLevel = 'green' | 'amber' | 'red';

export interface RatingFactors {
  /** Red: child looked after. */
  lookedAfter?: boolean;
  /** Red: placement at immediate risk of breakdown. */
  placementAtRisk?: boolean;
  /** Red: poor attendance or a part-time timetable. */
  poorAttendanceOrPartTime?: boolean;
  /** Red: in an independent setting. */
  independentSetting?: boolean;
  /** Red: high level of multi-agency provision (EHCP sections F/G/H1/H2). */
  highMultiAgencyProvision?: boolean;
  /** Amber: only some progress towards outcomes. */
  someProgressOnly?: boolean;
  /** Amber: parent/young person and setting disagree about progress. */
  disagreementOnProgress?: boolean;
  /** Amber: at a key transition and likely to need more provision at the next setting. */
  transitionNeedingMoreProvision?: boolean;
}

export interface Rating {
  level: RatingLevel;
  /** The factors that set the level, in plain words. */
  reasons: string[];
  meetingMode: 'virtual-allowed' | 'face-to-face-offered' | 'face-to-face';
  laAttendance: 'not-required' | 'recommended' | 'essential';
  professionalInput: 'advice-recommended' | 'essential';
  source: string;
}

const RED: [keyof RatingFactors, string][] = [
  ['lookedAfter', 'child looked after'],
  ['placementAtRisk', 'placement at immediate risk of breakdown'],
  ['poorAttendanceOrPartTime', 'poor attendance or part-time timetable'],
  ['independentSetting', 'independent setting'],
  ['highMultiAgencyProvision', 'high level of multi-agency provision (sections F/G/H1/H2)'],
];

const AMBER: [keyof RatingFactors, string][] = [
  ['someProgressOnly', 'only some progress towards outcomes'],
  ['disagreementOnProgress', 'family and setting disagree about progress'],
  ['transitionNeedingMoreProvision', 'transition likely to need increased provision'],
];

export const ratingSource = 'Derby annual review toolkit (green/amber/red)';

/**
 * Rates a review and says what the level implies.
 * @example rateReview({ lookedAfter: true }).level //=> 'red'
 * @example rateReview({}).meetingMode //=> 'virtual-allowed'
 */
export function rateReview(factors: RatingFactors): Rating {
  const red = RED.filter(([k]) => factors[k]).map(([, why]) => why);
  if (red.length) return { level: 'red', reasons: red, meetingMode: 'face-to-face', laAttendance: 'essential', professionalInput: 'essential', source: ratingSource };
  const amber = AMBER.filter(([k]) => factors[k]).map(([, why]) => why);
  if (amber.length) return { level: 'amber', reasons: amber, meetingMode: 'face-to-face-offered', laAttendance: 'recommended', professionalInput: 'advice-recommended', source: ratingSource };
  return { level: 'green', reasons: ['good progress, minimal amendments likely, family and setting agree'], meetingMode: 'virtual-allowed', laAttendance: 'not-required', professionalInput: 'advice-recommended', source: ratingSource };
}
