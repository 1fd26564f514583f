/**
 * The DfE's published figures the simulation is calibrated to, as counts, read with the
 * data set's own definitions. Source: DfE, Explore Education Statistics, "Education,
 * health and care plans", data set "Number of annual reviews of EHC plans" (calendar
 * year 2025, geographic level National, breakdown "Age at 31 August 2025"),
 * https://explore-education-statistics.service.gov.uk/data-catalogue/data-set/49159ef4-a116-47d7-9e16-61feb9981089
 *
 * Only the rows for ages 10 to 14 could be read here (the catalogue page's preview).
 * The national all-ages row is not among them and no copy of it was found offline, so
 * `allAges` is null: nothing is derived from a guess, and the ages 10-14 rows are the
 * calibration target until the all-ages row is entered here.
 *
 * Looked for, in the stored copies of public pages, documentation and code (December
 * 2026): the data set's catalogue page (its preview is the first five rows, ages 10-14,
 * and its variable list stops after "Annual r"); the release's data guidance for
 * reporting years 2025 and 2026 (they list "the number of annual reviews and phase
 * transfers" among the contents, with no figures); the release page (its headline
 * figures are not in the copy); the column names (`review_completed_prior`,
 * `review_not_completed`, `decision_over_4_weeks`) in public code; news and council
 * pages on annual review timeliness (none quotes the national 2025 figures; one council,
 * Devon, publishes its own 4-week share for 2021/22 to 2024, not a national one).
 * shared/DOMAIN.md cites no DfE annual review figure either. So there is no published
 * all-ages number here to calibrate to, and none is made up.
 *
 * What there is for all ages is the project brief's statement of the national 2025
 * headline, in words ("about a quarter of expected reviews not completed in the year;
 * under half of decisions within 4 weeks"). It is not a DfE row: `briefHeadline` holds it
 * as a check on the every-plan baseline (not completed within 3 points of 25%, decisions
 * within 4 weeks under 50%), not as a target to fit. Enter the all-ages row in `allAges`
 * when it is obtained, and the headline check gives way to it.
 */

/** The data set's own words, quoted from its catalogue page (the variable list is cut off there after "Annual r"). */
export const dfeDefinitions = {
  dataSet: 'Number of annual reviews of EHC plans: "The number of annual reviews of EHC plans recorded by local authorities during the 2025 calendar year. Data is shown on a calendar year basis."',
  review_expected_2025: '"Annual review was expected in 2025"',
  review_not_expected_2025: '"Annual review was not expected in 2025"',
  total_ehc_plans: '"Total number of EHC plans"',
  breakdown: '"Characteristics of EHC plan for which annual review is expected - Filter by characteristics of child or young person or years EHC plan in place"',
  reading:
    'review_completed_2025 + review_completed_prior_2025 + review_not_completed = review_expected_2025 in every row (ages 10-14: 132,847 + 32,897 + 52,301 = 218,045), and decision_4_weeks + decision_over_4_weeks = review_completed_2025; so an expected review is completed in 2025, completed before 2025 (early), or not completed, and the 4-week split is of the reviews completed in 2025',
} as const;

/** One row's counts, as the data set names its columns. */
export interface DfeReviewCounts {
  review_expected_2025: number;
  review_completed_2025: number;
  review_completed_prior_2025: number;
  review_not_completed: number;
  decision_4_weeks: number;
  decision_over_4_weeks: number;
}

/** England, by age at 31 August 2025 (the catalogue page's preview rows, copied as published). */
export const dfeByAge2025: Record<10 | 11 | 12 | 13 | 14, DfeReviewCounts> = {
  10: { review_expected_2025: 37622, review_completed_2025: 27712, review_completed_prior_2025: 2333, review_not_completed: 7577, decision_4_weeks: 13267, decision_over_4_weeks: 14445 },
  11: { review_expected_2025: 41194, review_completed_2025: 21267, review_completed_prior_2025: 10284, review_not_completed: 9643, decision_4_weeks: 10564, decision_over_4_weeks: 10703 },
  12: { review_expected_2025: 46133, review_completed_2025: 28707, review_completed_prior_2025: 6280, review_not_completed: 11146, decision_4_weeks: 13567, decision_over_4_weeks: 15140 },
  13: { review_expected_2025: 46455, review_completed_2025: 28097, review_completed_prior_2025: 6689, review_not_completed: 11669, decision_4_weeks: 13227, decision_over_4_weeks: 14870 },
  14: { review_expected_2025: 46641, review_completed_2025: 27064, review_completed_prior_2025: 7311, review_not_completed: 12266, decision_4_weeks: 12314, decision_over_4_weeks: 14750 },
};

/** The four shares a council compares itself with (the first three add up to 1). */
export interface DfeShares {
  /** review_completed_2025 / review_expected_2025 */
  completed: number;
  /** review_completed_prior_2025 / review_expected_2025: completed before the year, early */
  completedEarly: number;
  /** review_not_completed / review_expected_2025 */
  notCompleted: number;
  /** decision_4_weeks / (decision_4_weeks + decision_over_4_weeks) */
  decisions4w: number;
}

/** The shares of the sum of some rows. */
export function dfeShares(rows: readonly DfeReviewCounts[]): DfeShares {
  const sum = (k: keyof DfeReviewCounts) => rows.reduce((a, r) => a + r[k], 0);
  const expected = sum('review_expected_2025');
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    completed: round(sum('review_completed_2025') / expected),
    completedEarly: round(sum('review_completed_prior_2025') / expected),
    notCompleted: round(sum('review_not_completed') / expected),
    decisions4w: round(sum('decision_4_weeks') / (sum('decision_4_weeks') + sum('decision_over_4_weeks'))),
  };
}

/** How close the baseline must come to each figure, absolute (a share). */
export const CALIBRATION_TOLERANCE = 0.03;

/** The figures the defaults are calibrated to, and the second check. */
export const dfeTargets2025 = {
  /** England, all ages: not available offline (see the module comment). */
  allAges: null as DfeShares | null,
  allAgesMissing:
    "the national all-ages row of the data set could not be read offline (the catalogue preview shows ages 10-14 only; the data guidance and the release page copies give no annual review figures); so the defaults are calibrated to ages 10-14, and all ages are checked only against the project brief's headline (briefHeadline) until the row is entered in bot/simulate/dfeFigures.ts",
  /**
   * England, all ages, as the project brief states the national 2025 headline (its words,
   * not a DfE row): the every-plan baseline is checked against it, not fitted to it.
   */
  briefHeadline: {
    words: 'about a quarter of expected reviews not completed in the year; under half of decisions within 4 weeks',
    source: "the project brief's statement of the DfE's national 2025 headline (not the data set's all-ages row, which is to be entered in bot/simulate/dfeFigures.ts when obtained)",
    /** review_not_completed / review_expected_2025, "about a quarter": the baseline within `tolerance` of it. */
    notCompleted: 0.25,
    /** decision_4_weeks / (decision_4_weeks + decision_over_4_weeks), "under half": the baseline below it. */
    decisions4wBelow: 0.5,
  },
  /** Ages 10-14 pooled (218,045 expected reviews): 60.9% completed, 15.1% early, 24.0% not completed, 47.4% of decisions within 4 weeks. */
  ages10to14: dfeShares(Object.values(dfeByAge2025)),
  /** Age 11, the year of the move to secondary school: 25.0% completed early. */
  age11: dfeShares([dfeByAge2025[11]]),
  tolerance: CALIBRATION_TOLERANCE,
  source: "DfE, \"Number of annual reviews of EHC plans\", calendar year 2025, England, ages 10-14 at 31 August 2025 (the all-ages row was not available; all ages checked against the project brief's headline)",
} as const;
