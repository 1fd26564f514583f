import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';
import type { ReviewState } from '../types';

const decided = { planIssued: '2026-01-10', meetingDate: '2026-11-05', decision: { outcome: 'amend' as const, notifiedOn: '2026-11-20' } };
const kinds = (state: ReviewState, today: string) => remindersFor(state, today).map((r) => `${r.kind} ${r.dueOn}->${r.sendOn}`);

describe('the LA officer’s amendment reminders', () => {
  it('chases a decision to amend notified on Friday 2026-11-20 with no notice on Monday 2026-11-23, and weekly (Reg 22(2))', () => {
    const state = reviewStateFor(decided);
    expect(kinds(state, '2026-11-21').filter((k) => k.startsWith('amendment'))).toEqual(['amendment-notice-missing 2026-11-21->2026-11-23', 'amendment-notice-missing 2026-11-28->2026-11-30']);
    expect(remindersFor(state, '2026-11-21').find((r) => r.kind === 'amendment-notice-missing')?.source).toContain('Reg 22(2); R (L) v Devon CC');
  });

  it('reminds on Friday 2026-12-04 that the family’s 15 days from a notice served on 2026-11-20 end that day', () => {
    const state = reviewStateFor({ ...decided, amendmentNoticeServed: '2026-11-20' });
    expect(kinds(state, '2026-11-25')).toContain('family-window-closing 2026-12-04->2026-12-04');
  });

  it('reminds 7 days before the final plan is due (2027-01-08) and, once overdue, on Monday 2027-01-18 for Saturday 2027-01-16', () => {
    const state = reviewStateFor({ ...decided, amendmentNoticeServed: '2026-11-20' });
    expect(kinds(state, '2027-01-05').filter((k) => k.startsWith('final'))).toEqual(['final-plan-due-soon 2027-01-08->2027-01-08']);
    expect(kinds(state, '2027-01-16').filter((k) => k.startsWith('final'))).toEqual(['final-plan-overdue 2027-01-16->2027-01-18', 'final-plan-overdue 2027-01-23->2027-01-25']);
  });

  it('stops the window reminder once the family responds, and everything once the final plan is issued', () => {
    const state = reviewStateFor({ ...decided, amendmentNoticeServed: '2026-11-20' });
    state.amendment = { noticeServedOn: '2026-11-20', familyRespondedOn: '2026-11-23', finalPlanIssuedOn: null };
    expect(kinds(state, '2026-11-25').filter((k) => k.startsWith('family'))).toEqual([]);
    state.amendment = { noticeServedOn: '2026-11-20', familyRespondedOn: '2026-11-23', finalPlanIssuedOn: '2026-11-25' };
    expect(kinds(state, '2026-11-25').filter((k) => !k.startsWith('next-review'))).toEqual([]);
  });
});

describe('the next review’s deadline', () => {
  it('tells the SENCO on 2026-11-20, the day a decision to maintain is notified, that the next review is due by 2027-11-19', () => {
    const state = reviewStateFor({ ...decided, decision: { outcome: 'maintain', notifiedOn: '2026-11-20' } });
    expect(remindersFor(state, '2026-11-20')).toEqual([
      expect.objectContaining({ kind: 'next-review-deadline', recipient: { role: 'senco', personId: null, email: null }, sendOn: '2026-11-20', deadline: '2027-11-19', source: 'CFA 2014 s44(1); CoP 9.169' }),
    ]);
  });

  it('after a decision to cease sends no next-review reminder, only, on 2027-01-21, the request to confirm the plan’s end once the time to appeal is over', () => {
    const kinds = remindersFor(reviewStateFor({ ...decided, decision: { outcome: 'cease', notifiedOn: '2026-11-20' } }), '2026-11-20').map((r) => `${r.kind} ${r.sendOn}`);
    expect(kinds).toEqual(['plan-end-confirm 2027-01-21']);
  });
});
