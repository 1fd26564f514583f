import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';
import type { AdviceRequestState } from '../types';

// Meeting Thursday 2026-12-10; advice asked Monday 2026-11-02, due with circulation on Wednesday 2026-11-25.
const request: AdviceRequestState = { role: 'health', email: 'ep@nhs.example', requestedOn: '2026-11-02', dueOn: '2026-11-25', receivedOn: null };
const withAdvice = (r: Partial<AdviceRequestState>) => reviewStateFor({ planIssued: '2026-01-10', meetingDate: '2026-12-10' }, { adviceRequests: [{ ...request, ...r }] });
const advice = (today: string, r: Partial<AdviceRequestState> = {}) =>
  remindersFor(withAdvice(r), today, { horizonDays: 60 })
    .filter((x) => x.kind.startsWith('advice'))
    .map((x) => `${x.kind} ${x.dueOn}->${x.sendOn}`);

describe('reminders to a professional asked for advice', () => {
  it('goes when asked (2026-11-02), 7 days before it is due (2026-11-18), on the day (2026-11-25) and weekly while overdue until the meeting', () => {
    expect(advice('2026-11-02')).toEqual([
      'advice-requested 2026-11-02->2026-11-02',
      'advice-due-soon 2026-11-18->2026-11-18',
      'advice-due 2026-11-25->2026-11-25',
      'advice-overdue 2026-11-26->2026-11-26',
      'advice-overdue 2026-12-03->2026-12-03',
    ]);
  });

  it('is addressed to the professional by email, citing Reg 20(4)', () => {
    const [r] = remindersFor(withAdvice({}), '2026-11-02');
    expect(r).toMatchObject({ recipient: { role: 'health', personId: null, email: 'ep@nhs.example' }, source: 'Reg 20(4); CoP 9.176', deadline: '2026-11-25' });
  });

  it('sends the "due today" reminder on Friday 2026-11-20 when the advice is due on Sunday 2026-11-22, never after it', () => {
    expect(advice('2026-11-10', { dueOn: '2026-11-22' })).toContain('advice-due 2026-11-22->2026-11-20');
  });

  it('sends an overdue reminder that falls on Saturday 2026-11-28 on Monday 2026-11-30, not before the advice was late', () => {
    expect(advice('2026-11-26', { dueOn: '2026-11-27' })).toContain('advice-overdue 2026-11-28->2026-11-30');
  });

  it('moves "due in 7 days" from the bank holiday Monday 2026-12-28 to Thursday 2026-12-24', () => {
    expect(advice('2026-12-01', { dueOn: '2027-01-04', requestedOn: '2026-12-01' })).toContain('advice-due-soon 2026-12-28->2026-12-24');
  });

  it('skips "due in 7 days" when the advice was asked for only 5 days before it is due', () => {
    expect(advice('2026-11-20', { requestedOn: '2026-11-20' }).filter((k) => k.startsWith('advice-due-soon'))).toEqual([]);
  });

  it('sends nothing once the advice has arrived (the review moved on)', () => {
    expect(advice('2026-11-10', { receivedOn: '2026-11-09' })).toEqual([]);
  });

  it('lets "due in 7 days" lapse once the due day comes, leaving the due and overdue ones', () => {
    expect(advice('2026-11-25')).toEqual(['advice-due 2026-11-25->2026-11-25', 'advice-overdue 2026-11-26->2026-11-26', 'advice-overdue 2026-12-03->2026-12-03']);
  });
});
