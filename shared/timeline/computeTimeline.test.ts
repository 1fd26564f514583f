import { computeTimeline } from './computeTimeline';

describe('a whole review cycle', () => {
  const base = { planIssued: '2025-12-01', meetingDate: '2026-10-13' };

  it('gives every date of a review with a meeting on 2026-10-13 for a plan issued on 2025-12-01', () => {
    const t = computeTimeline(base);
    expect(t).toMatchObject({
      reviewDeadline: '2026-11-30',
      latestMeetingDate: '2026-11-02',
      transferDeadline: null,
      adviceRequestedBy: '2026-08-25',
      invitationsBy: '2026-09-28',
      adviceCirculatedBy: '2026-09-28',
      reportDue: '2026-10-27',
      decisionDue: '2026-11-10',
      amendmentNoticeDue: null,
      familyResponseBy: null,
      finalAmendedPlanDue: null,
      nextReviewDeadline: null,
      appealDeadline: null,
      under5ReviewBy: null,
      preparingForAdulthood: false,
    });
  });

  it('moves invitations to 2026-09-29 under the lenient notice reading', () => {
    const t = computeTimeline({ ...base, settings: { notice: 'lenient' } });
    expect(t.invitationsBy).toBe('2026-09-29');
    expect(t.adviceCirculatedBy).toBe('2026-09-29');
  });

  it('works the pre-meeting dates back from the latest meeting date 2026-11-02 before a meeting is booked', () => {
    const t = computeTimeline({ planIssued: '2025-12-01' });
    expect(t.invitationsBy).toBe('2026-10-18');
    expect(t.reportDue).toBeNull();
    expect(t.decisionDue).toBeNull();
  });

  it('runs the amendment clock from a notice served with a decision to amend on 2026-11-06', () => {
    const t = computeTimeline({ ...base, decision: { outcome: 'amend', notifiedOn: '2026-11-06' }, amendmentNoticeServed: '2026-11-06' });
    expect(t.amendmentNoticeDue).toBe('2026-11-10');
    expect(t.familyResponseBy).toBe('2026-11-20');
    expect(t.finalAmendedPlanDue).toBe('2027-01-01');
    expect(t.nextReviewDeadline).toBe('2027-11-05');
    expect(t.appealDeadline).toBeNull();
    expect(t.warnings.map((w) => w.code)).not.toContain('amendment-notice-late');
  });

  it('flags an amendment notice served after the decision was due as late, even inside a local 4-week indicator', () => {
    const t = computeTimeline({ ...base, decision: { outcome: 'amend', notifiedOn: '2026-11-06' }, amendmentNoticeServed: '2026-11-20' });
    expect(t.warnings.map((w) => w.code)).toContain('amendment-notice-late');
  });

  it('gives the family until 2027-01-06 to appeal a decision to maintain notified on 2026-11-06', () => {
    const t = computeTimeline({ ...base, decision: { outcome: 'maintain', notifiedOn: '2026-11-06' } });
    expect(t.appealDeadline).toBe('2027-01-06');
    expect(t.nextReviewDeadline).toBe('2027-11-05');
  });

  it('gives until 2027-01-20 when a mediation certificate is issued on 2026-12-20', () => {
    const t = computeTimeline({ ...base, decision: { outcome: 'cease', notifiedOn: '2026-11-06' }, mediationCertificate: '2026-12-20' });
    expect(t.appealDeadline).toBe('2027-01-20');
  });

  it('starts the next cycle with the meeting (2027-10-12) under the meeting anchor setting', () => {
    const t = computeTimeline({ ...base, decision: { outcome: 'maintain', notifiedOn: '2026-11-06' }, settings: { anchor: 'meeting' } });
    expect(t.nextReviewDeadline).toBe('2027-10-12');
  });

  it('caps the decision at the review deadline and warns when the meeting is after the latest meeting date', () => {
    const t = computeTimeline({ planIssued: '2025-12-01', meetingDate: '2026-11-16' });
    expect(t.decisionDue).toBe('2026-11-30');
    expect(t.warnings.map((w) => w.code)).toContain('meeting-after-latest-date');
  });

  it('warns when the meeting is after the review deadline itself', () => {
    const t = computeTimeline({ planIssued: '2025-12-01', meetingDate: '2026-12-03' });
    expect(t.warnings.map((w) => w.code)).toContain('meeting-after-review-deadline');
  });

  it('warns that a decision notified on 2026-11-12 was late when it was due on 2026-11-10', () => {
    const t = computeTimeline({ ...base, decision: { outcome: 'maintain', notifiedOn: '2026-11-12' } });
    expect(t.warnings.map((w) => w.code)).toContain('decision-late');
  });

  it('brings the latest meeting forward to 2026-11-22 for a school transfer in September 2027', () => {
    const t = computeTimeline({ planIssued: '2026-07-01', transfer: { kind: 'school', date: '2027-09-01' } });
    expect(t.reviewDeadline).toBe('2027-06-30');
    expect(t.transferDeadline).toBe('2027-02-14');
    expect(t.latestMeetingDate).toBe('2026-11-22');
  });

  it('caps the final amended plan at the post-16 transfer deadline 2027-03-30', () => {
    const t = computeTimeline({
      planIssued: '2026-07-01',
      ncYear: 11,
      transfer: { kind: 'post16', date: '2027-09-01' },
      meetingDate: '2027-01-05',
      decision: { outcome: 'amend', notifiedOn: '2027-02-01' },
      amendmentNoticeServed: '2027-02-01',
    });
    expect(t.finalAmendedPlanDue).toBe('2027-03-29');
    const late = computeTimeline({
      planIssued: '2026-07-01',
      ncYear: 11,
      transfer: { kind: 'post16', date: '2027-09-01' },
      meetingDate: '2027-01-05',
      decision: { outcome: 'amend', notifiedOn: '2027-02-02' },
      amendmentNoticeServed: '2027-02-10',
    });
    expect(late.finalAmendedPlanDue).toBe('2027-03-30');
    expect(late.preparingForAdulthood).toBe(true);
  });

  it('suggests a review by 2026-05-31 for a two-year-old whose plan was issued on 2025-12-01', () => {
    const t = computeTimeline({ planIssued: '2025-12-01', dateOfBirth: '2023-04-01' });
    expect(t.under5ReviewBy).toBe('2026-05-31');
    expect(t.warnings.map((w) => w.code)).toContain('under-5-cadence');
  });

  it('warns that a review deadline of Sunday 2027-02-28 is not a working day, and does not move it', () => {
    const t = computeTimeline({ planIssued: '2026-03-01' });
    expect(t.reviewDeadline).toBe('2027-02-28');
    expect(t.warnings.some((w) => w.code === 'deadline-not-working-day' && w.message.includes('2027-02-28'))).toBe(true);
  });

  it('marks each step done, due or overdue against today (2026-10-20)', () => {
    const t = computeTimeline(base, { today: '2026-10-20' });
    const state = Object.fromEntries(t.steps.map((s) => [s.id, s.state]));
    expect(state).toMatchObject({ invitationsBy: 'done', latestMeetingDate: 'done', reportDue: 'due', decisionDue: 'due' });
    const late = computeTimeline(base, { today: '2026-11-12' });
    expect(late.steps.find((s) => s.id === 'decisionDue')?.state).toBe('overdue');
  });

  it('lists the steps in date order with their sources', () => {
    const t = computeTimeline(base);
    const dates = t.steps.map((s) => s.date);
    expect(dates).toEqual([...dates].sort());
    expect(t.steps.every((s) => s.source.length > 0)).toBe(true);
  });

  it('does not restart the clock when an amended plan is issued later: only the plan and the last conclusion count', () => {
    const t = computeTimeline({ planIssued: '2025-12-01', amendedPlanIssued: '2026-04-01' } as never);
    expect(t.reviewDeadline).toBe('2026-11-30');
  });

  it('gives the same dates whatever the machine’s time zone (run under TZ=UTC and TZ=Europe/London)', () => {
    expect(computeTimeline({ planIssued: '2026-03-29', meetingDate: '2027-02-10' }).reviewDeadline).toBe('2027-03-28');
    expect(computeTimeline({ planIssued: '2026-10-25' }).latestMeetingDate).toBe('2027-09-26');
  });
});

describe('the family’s windows', () => {
  it('shows the 15-day response window as over, not overdue, once it has closed', () => {
    const t = computeTimeline(
      { planIssued: '2025-12-01', meetingDate: '2026-10-13', decision: { outcome: 'amend', notifiedOn: '2026-11-06' }, amendmentNoticeServed: '2026-11-06' },
      { today: '2026-11-24' },
    );
    expect(t.steps.find((s) => s.id === 'familyResponseBy')?.state).toBe('done');
    expect(t.steps.find((s) => s.id === 'finalAmendedPlanDue')?.state).toBe('due');
  });
});
