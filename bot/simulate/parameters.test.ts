import { dfeDefinitions, dfeTargets2025 } from './dfeFigures';
import { defaultParameters, ParameterError, parameterSources, withOverrides } from './parameters';

function problems(overrides: unknown): string[] {
  try {
    withOverrides(overrides);
  } catch (e) {
    if (e instanceof ParameterError) return e.problems.map((p) => `${p.parameter}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('simulation parameters', () => {
  it('gives the defaults when nothing is overridden, and applies a partial file', () => {
    expect(withOverrides(undefined)).toEqual(defaultParameters);
    const p = withOverrides({ council: { officers: 12 }, delays: { report: 'lognormal(10, 30)' } });
    expect(p.council).toEqual({ ...defaultParameters.council, officers: 12 });
    expect(p.delays.report).toEqual({ kind: 'lognormal', median: 10, p90: 30 });
    expect(p.delays.booking).toEqual(defaultParameters.delays.booking);
  });

  it('names every parameter that is wrong, and why', () => {
    expect(
      problems({ council: { decisionsPerOfficerWeek: -1, officers: 2.5 }, delays: { advice: 'soon' }, probabilities: { amend: 0.8, cease: 0.4 }, from: '2025-02-30', colour: 'red' }),
    ).toEqual([
      `colour: is not a parameter; the parameters are ${Object.keys(parameterSources).join(', ')}`,
      'from: "2025-02-30" is not a real calendar date; use YYYY-MM-DD',
      'council.officers: 2.5 must be a whole number',
      'council.decisionsPerOfficerWeek: -1 is out of range; use 0.1 to any higher number',
      'delays.advice: "soon" is not a distribution: it should look like name(numbers); write one of fixed(x), uniform(min, max), normal(mean, sd), lognormal(median, p90), exponential(mean)',
      'probabilities.cease: amend (0.8) and cease (0.4) add up to more than 1',
    ]);
    expect(problems([1, 2])).toEqual(['parameters: must be a JSON object such as {"council": {"officers": 12}}']);
    expect(problems({ from: '2025-06-01', to: '2025-01-01' })).toEqual(['to: 2025-01-01 is before from (2025-06-01)']);
  });

  it('documents where every parameter comes from', () => {
    expect(Object.values(parameterSources).every((s) => s.length > 5)).toBe(true);
    expect(dfeTargets2025.tolerance).toBeLessThanOrEqual(0.03);
    // The calibrated parameters say which DfE column they are fitted to, by its name in the data set.
    expect(parameterSources['probabilities.bookedEarly']).toContain('review_completed_prior_2025');
    expect(parameterSources['delays.booking']).toContain('review_not_completed');
    expect(parameterSources['delays.decisionPickup']).toContain('decision_4_weeks');
    expect(dfeDefinitions.review_expected_2025).toBe('"Annual review was expected in 2025"');
  });
});
