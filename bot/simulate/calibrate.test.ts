import { CalibrationInputError, calibrate, parseCalibrationTargets } from './calibrate';
import { syntheticCaseload } from './caseload';
import { withOverrides } from './parameters';

describe('calibrating to a council’s own figures', () => {
  const p = withOverrides({ caseload: { plans: 1500 } });
  const plans = syntheticCaseload(p, 2);
  const small = syntheticCaseload(withOverrides({ caseload: { plans: 600 } }), 2);

  it('reads shares or percentages, and names what is wrong', () => {
    expect(parseCalibrationTargets('completed=61%,completedEarly=15%,notCompleted=24%')).toEqual({ completed: 0.61, completedEarly: 0.15, notCompleted: 0.24 });
    expect(parseCalibrationTargets('decisions4w=0.3, notCompleted=0.35, completedEarly=0.05')).toEqual({ decisions4w: 0.3, notCompleted: 0.35, completedEarly: 0.05 });
    const problems = (text: string) => {
      try {
        parseCalibrationTargets(text);
      } catch (e) {
        if (e instanceof CalibrationInputError) return e.problems;
        throw e;
      }
      return [];
    };
    expect(problems('completed=61,late=3,notCompleted')).toEqual([
      'completed=61 is not a share from 0 to 1 (or 0% to 100%)',
      '"late" is not a figure; use completed, completedEarly, notCompleted, decisions4w',
      '"notCompleted" should look like name=share, e.g. completed=0.61 or completed=61%',
    ]);
    expect(problems('completed=0.6,completedEarly=0.1')).toEqual(['give at least three of completed, completedEarly, notCompleted, decisions4w; got completed, completedEarly']);
  });

  it('fits a council that completes fewer reviews and decides fewer in time, within 3 points of each figure', () => {
    const given = { completed: 0.5, completedEarly: 0.08, notCompleted: 0.42, decisions4w: 0.3 };
    const r = calibrate(plans, p, given, { seed: 2 });
    expect(r.figures.map((f) => f.figure)).toEqual(['completed', 'completedEarly', 'notCompleted', 'decisions4w']);
    for (const f of r.figures) {
      expect(Math.abs(f.fitted - f.target)).toBeLessThanOrEqual(0.03);
      expect(f.withinTolerance).toBe(true);
    }
    expect(r.fitted['delays.booking x']).toBeGreaterThan(1);
    expect(r.fitted['delays.decisionPickup x']).toBeGreaterThan(1);
  });

  it('says which figures cannot be fitted and why', () => {
    const r = calibrate(small, p, { completed: 0.7, completedEarly: 0.3, notCompleted: 0.3 }, { seed: 2 });
    const bad = r.figures.filter((f) => !f.withinTolerance);
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]?.why).toContain('completed + completedEarly + notCompleted = 130.0%, but every expected review is exactly one of the three');
    const fast = calibrate(small, p, { completedEarly: 0.1, notCompleted: 0.25, decisions4w: 0.99 }, { seed: 2 });
    const d = fast.figures.find((f) => f.figure === 'decisions4w');
    expect(d?.withinTolerance).toBe(false);
    expect(d?.why).toMatch(/even with the officers' first look 16 times faster/);
  });
});
