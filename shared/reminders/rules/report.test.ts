import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';

const afterMeeting = (meetingDate: string, extra = {}) => reviewStateFor({ planIssued: '2026-01-10', meetingDate }, extra);
const report = (meetingDate: string, today: string, extra = {}) =>
  remindersFor(afterMeeting(meetingDate, extra), today)
    .filter((r) => r.kind.startsWith('report'))
    .map((r) => `${r.kind} ${r.recipient.role} ${r.dueOn}->${r.sendOn}`);

describe('the report reminders', () => {
  it('reminds the SENCO on day 7 (2026-11-12) and day 11 (2026-11-16) after a meeting on 2026-11-05, ahead of the report due 2026-11-19', () => {
    expect(report('2026-11-05', '2026-11-06')).toEqual(['report-due senco 2026-11-12->2026-11-12', 'report-due senco 2026-11-16->2026-11-16']);
  });

  it('from day 15 (2026-11-20) tells the SENCO, the LA case officer and the head teacher, weekly while it is not recorded', () => {
    expect(report('2026-11-05', '2026-11-20')).toEqual([
      'report-overdue senco 2026-11-20->2026-11-20',
      'report-overdue la-officer 2026-11-20->2026-11-20',
      'report-overdue school 2026-11-20->2026-11-20',
      'report-overdue senco 2026-11-27->2026-11-27',
      'report-overdue la-officer 2026-11-27->2026-11-27',
      'report-overdue school 2026-11-27->2026-11-27',
    ]);
  });

  it('sends the day-11 reminder on Friday 2026-10-23 when it falls in the autumn half term (Sunday 2026-10-25 for a meeting on 2026-10-14)', () => {
    expect(report('2026-10-14', '2026-10-20')).toEqual(['report-due senco 2026-10-21->2026-10-21', 'report-due senco 2026-10-25->2026-10-23']);
  });

  it('sends one overdue reminder to the SENCO on the first day of the spring term (2027-01-04), not one for each week of the Christmas holiday', () => {
    // Meeting 2026-12-03: due Thursday 2026-12-17; term ends Friday 2026-12-18.
    expect(report('2026-12-03', '2027-01-04').filter((r) => r.includes(' senco '))).toEqual(['report-overdue senco 2027-01-01->2027-01-04', 'report-overdue senco 2027-01-08->2027-01-08']);
  });

  it('goes to the LA officer, and to no school, where the council runs the review (Reg 21: no school or institution)', () => {
    expect(report('2026-11-05', '2026-11-20', { runBy: 'reg21' })).toEqual(['report-overdue la-officer 2026-11-20->2026-11-20', 'report-overdue la-officer 2026-11-27->2026-11-27']);
  });

  it('cites Reg 20(7)-(8)', () => {
    expect(remindersFor(afterMeeting('2026-11-05'), '2026-11-10').find((r) => r.kind === 'report-due')?.source).toBe('Reg 20(7)-(8); CoP 9.176');
  });

  it('stops once the report is recorded, or the LA has decided without it', () => {
    expect(report('2026-11-05', '2026-11-20', { report: { sentOn: '2026-11-20' } })).toEqual([]);
    expect(report('2026-11-05', '2026-11-20', { decision: { outcome: 'maintain', notifiedOn: '2026-11-19' } })).toEqual([]);
  });
});
