import { isBankHolidayInEngland } from '../calendar/bankHolidays';
import { isWeekend } from '../calendar/londonDay';
import { englandTypicalTerms, isSchoolHoliday } from '../calendar/termDates';
import { checkMeetingProposal } from './checkMeetingProposal';
import { proposeMeetingDates } from './proposeMeetingDates';

const everyone = ['parent', 'school', 'la-send-officer', 'health', 'social-care'] as const;

describe('proposeMeetingDates', () => {
  it('puts dates with the full 7 weeks for advice first, one a week, when a plan issued on 1 Mar 2026 is booked on 24 Nov 2026', () => {
    const p = proposeMeetingDates({ planIssued: '2026-03-01' }, '2026-11-24');
    expect(p.earliest).toBe('2026-12-09');
    expect(p.latest).toBe('2027-01-31');
    expect(p.dates.map((d) => d.date)).toEqual(['2027-01-12', '2027-01-18', '2027-01-25', '2026-12-09', '2026-12-14']);
    expect(p.dates[0]).toEqual({ date: '2027-01-12', invitationsBy: '2026-12-28', adviceCirculatedBy: '2026-12-28', fullAdviceTime: true });
    expect(p.dates[3]?.fullAdviceTime).toBe(false);
  });

  it('offers only the school days before the Christmas holidays when the latest meeting date is 22 Dec 2026', () => {
    const p = proposeMeetingDates({ planIssued: '2026-01-20' }, '2026-11-24');
    expect(p.latest).toBe('2026-12-22');
    expect(p.dates.map((d) => d.date)).toEqual(['2026-12-09', '2026-12-14']);
    expect(p.problem).toBeUndefined();
  });

  it('still proposes the earliest school days from 9 Dec 2026 when two weeks from 24 Nov 2026 is after the latest meeting date 21 Nov 2026, each saying how late', () => {
    const p = proposeMeetingDates({ planIssued: '2025-12-20' }, '2026-11-24');
    expect(p.problem).toMatch(/This review is late: with two weeks' notice the earliest meeting is 2026-12-09, after the latest meeting date 2026-11-21/);
    expect(p.dates.map((d) => d.date)).toEqual(['2026-12-09', '2026-12-14', '2027-01-04', '2027-01-11', '2027-01-18']);
    expect(p.dates[0]).toMatchObject({ invitationsBy: '2026-11-24', daysLate: 18 });
    // Past the review deadline (2026-12-19) the lateness counts from the deadline.
    expect(p.dates[2]).toMatchObject({ date: '2027-01-04', daysLate: 16 });
  });

  it('proposes for a review months overdue (plan issued 2025-11-06, DEMO-0008-like) dates from today, none in the past', () => {
    const p = proposeMeetingDates({ planIssued: '2025-11-06' }, '2026-12-07');
    // 22 Dec is the first day with two weeks' notice, but in the Christmas holidays: the first school day is 4 Jan.
    expect(p.earliest).toBe('2026-12-22');
    expect(p.dates[0]?.date).toBe('2027-01-04');
    expect(p.dates.every((d) => d.date >= '2026-12-22' && (d.daysLate ?? 0) > 0)).toBe(true);
    expect(p.problem).toContain('after the review deadline 2026-11-05');
  });

  it('gives one day less notice under the lenient reading (meeting 14 days after the invitations)', () => {
    const p = proposeMeetingDates({ planIssued: '2026-01-20', settings: { notice: 'lenient' } }, '2026-11-24');
    expect(p.earliest).toBe('2026-12-08');
  });

  it('never proposes a weekend, bank holiday or school holiday, and every date passes checkMeetingProposal with invitations sent today', () => {
    const terms = englandTypicalTerms();
    for (const [planIssued, today] of [
      ['2026-03-01', '2026-11-24'],
      ['2026-06-15', '2027-03-20'],
      ['2026-09-01', '2027-06-10'],
      ['2026-05-04', '2027-02-01'],
    ] as const) {
      const p = proposeMeetingDates({ planIssued }, today, { count: 8 });
      expect(p.dates.length).toBeGreaterThan(0);
      for (const { date } of p.dates) {
        expect(isWeekend(date) || isBankHolidayInEngland(date) || isSchoolHoliday(date, terms)).toBe(false);
        const findings = checkMeetingProposal({ case: { planIssued }, meetingDate: date, invitationsSentOn: today, invitees: [...everyone], mode: 'in-person', today });
        expect(findings).toEqual([]);
      }
    }
  });

  it('proposes only dates on or before the latest meeting date set by a post-16 transfer on 1 Sep 2027', () => {
    const p = proposeMeetingDates({ planIssued: '2026-06-01', transfer: { kind: 'post16', date: '2027-09-01' } }, '2026-11-24');
    expect(p.latest).toBe('2027-01-05'); // 31 Mar 2027 - 12 weeks
    for (const d of p.dates) expect(d.date <= p.latest).toBe(true);
  });
});
