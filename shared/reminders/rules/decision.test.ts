import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';

// Meeting 2026-11-05, report recorded 2026-11-12: decision due 2026-12-03.
const reported = (extra = {}, meetingDate = '2026-11-05') => reviewStateFor({ planIssued: '2026-01-10', meetingDate }, { report: { sentOn: '2026-11-12' }, ...extra });
const decision = (today: string, state = reported()) =>
  remindersFor(state, today)
    .filter((r) => r.kind.startsWith('decision'))
    .map((r) => `${r.kind} ${r.recipient.role} ${r.dueOn}->${r.sendOn}`);

describe('the LA officer’s decision reminders', () => {
  it('says a decision is needed the day the report is recorded, 2026-11-12, citing Reg 20(10)', () => {
    const [needed] = remindersFor(reported(), '2026-11-12').filter((r) => r.kind === 'decision-needed');
    expect(needed).toMatchObject({ recipient: { role: 'la-officer' }, dueOn: '2026-11-12', deadline: '2026-12-03', source: expect.stringContaining('Reg 20(10)'), expiresOn: null });
    // The meeting day's reminder (2026-11-05) gives way to the report's.
    expect(remindersFor(reported(), '2026-11-12').filter((r) => r.kind === 'decision-needed').map((r) => r.dueOn)).toEqual(['2026-11-12']);
    expect(remindersFor(reported(), '2026-11-06').filter((r) => r.kind === 'decision-needed').map((r) => r.dueOn)).toEqual(['2026-11-05', '2026-11-12']);
  });

  it('asks for the decision on the meeting day, 2026-11-05, with no report recorded: the 4 weeks run from the meeting', () => {
    const state = reviewStateFor({ planIssued: '2026-01-10', meetingDate: '2026-11-05' });
    expect(decision('2026-11-05', state)).toEqual(['decision-needed la-officer 2026-11-05->2026-11-05', 'decision-due-soon la-officer 2026-11-26->2026-11-26', 'decision-due la-officer 2026-12-03->2026-12-03']);
    expect(remindersFor(state, '2026-11-05').find((r) => r.kind === 'decision-needed')?.action).toContain("with or without the school's report");
  });

  it('reminds 7 days before the decision is due (2026-11-26) and on the day (2026-12-03)', () => {
    expect(decision('2026-11-20')).toEqual(['decision-needed la-officer 2026-11-12->2026-11-12', 'decision-due-soon la-officer 2026-11-26->2026-11-26', 'decision-due la-officer 2026-12-03->2026-12-03']);
  });

  it('tells the officer and the LA manager the day after it was due, and weekly', () => {
    expect(decision('2026-12-04')).toEqual([
      'decision-needed la-officer 2026-11-12->2026-11-12',
      'decision-overdue la-officer 2026-12-04->2026-12-04',
      'decision-overdue la-manager 2026-12-04->2026-12-04',
      'decision-overdue la-officer 2026-12-11->2026-12-11',
      'decision-overdue la-manager 2026-12-11->2026-12-11',
    ]);
  });

  it('sends the "due today" reminder on Thursday 2026-12-24 when the decision is due on the bank holiday Monday 2026-12-28', () => {
    expect(decision('2026-12-20', reported({}, '2026-11-30'))).toContain('decision-due la-officer 2026-12-28->2026-12-24');
  });

  it('sends nothing more once the decision is recorded', () => {
    expect(decision('2026-11-20', reported({ decision: { outcome: 'maintain', notifiedOn: '2026-11-19' } }))).toEqual([]);
  });
});
