import { rateReview } from './rateReview';

describe('green / amber / red rating (Derby toolkit)', () => {
  it('rates a review with nothing of concern green: virtual allowed, LA attendance not required', () => {
    expect(rateReview({})).toMatchObject({ level: 'green', meetingMode: 'virtual-allowed', laAttendance: 'not-required' });
  });
  it('rates disagreement about progress amber: face to face offered, LA attendance recommended', () => {
    expect(rateReview({ disagreementOnProgress: true })).toMatchObject({ level: 'amber', meetingMode: 'face-to-face-offered', laAttendance: 'recommended' });
  });
  it('rates a looked-after child red even with amber factors: face to face, LA attendance essential', () => {
    const r = rateReview({ lookedAfter: true, someProgressOnly: true });
    expect(r).toMatchObject({ level: 'red', meetingMode: 'face-to-face', laAttendance: 'essential', professionalInput: 'essential' });
    expect(r.reasons).toEqual(['child looked after']);
  });
  it('rates each red factor red', () => {
    for (const f of ['placementAtRisk', 'poorAttendanceOrPartTime', 'independentSetting', 'highMultiAgencyProvision'] as const) {
      expect(rateReview({ [f]: true }).level).toBe('red');
    }
  });
});
