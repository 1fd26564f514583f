import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';

const afterMeeting = (meetingDate: string, extra = {}) => reviewStateFor({ planIssued: '2026-01-10', meetingDate }, extra);
const report = (meetingDate: string, today: string, extra = {}) =>
  remindersFor(afterMeeting(meetingDate, extra), today)
    .filter((r) => r.kind.startsWith('report'))
    .map((r) => `${r.kind} ${r.dueOn}->${r.sendOn}`);

describe('the SENCO’s report reminders', () => {
  it('reminds on 2026-11-19 that the report of a meeting on 2026-11-05 is due (meeting + 14 days)', () => {
    expect(report('2026-11-05', '2026-11-10')).toEqual(['report-due 2026-11-19->2026-11-19']);
  });

  it('reminds the day after it was due and weekly while it is not recorded', () => {
    expect(report('2026-11-05', '2026-11-20')).toEqual(['report-overdue 2026-11-20->2026-11-20', 'report-overdue 2026-11-27->2026-11-27']);
  });

  it('sends the "due" reminder on Friday 2026-10-23 when the report falls due in the autumn half term (Wednesday 2026-10-28)', () => {
    expect(report('2026-10-14', '2026-10-20')).toEqual(['report-due 2026-10-28->2026-10-23']);
  });

  it('sends one overdue reminder on the first day of the spring term (2027-01-04), not one for each week of the Christmas holiday', () => {
    // Meeting 2026-12-03: due Thursday 2026-12-17; term ends Friday 2026-12-18.
    expect(report('2026-12-03', '2027-01-04')).toEqual(['report-overdue 2027-01-01->2027-01-04', 'report-overdue 2027-01-08->2027-01-08']);
  });

  it('cites Reg 20(7)-(8)', () => {
    expect(remindersFor(afterMeeting('2026-11-05'), '2026-11-10')[0]?.source).toBe('Reg 20(7)-(8); CoP 9.176');
  });

  it('stops once the report is recorded', () => {
    expect(report('2026-11-05', '2026-11-20', { report: { sentOn: '2026-11-20' } })).toEqual([]);
  });
});
