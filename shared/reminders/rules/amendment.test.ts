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

describe('the family’s reminder before their 15 days end', () => {
  const served = { ...decided, amendmentNoticeServed: '2026-11-20' };
  const family = [
    { role: 'parent' as const, email: 'parent@home.example' },
    { role: 'school' as const, email: 'senco@north-school.example' },
  ];
  const familyReminders = (state: ReviewState, today: string) => remindersFor(state, today).filter((r) => r.kind === 'family-response-reminder');

  it('emails the parent on Friday 2026-11-27 for Sunday 2026-11-29, five days before the window served on 2026-11-20 ends on 2026-12-04 (Reg 22(2)(c))', () => {
    const [r, ...rest] = familyReminders(reviewStateFor(served, { invitees: family }), '2026-11-21');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ recipient: { role: 'parent', personId: null, email: 'parent@home.example' }, dueOn: '2026-11-29', sendOn: '2026-11-27', deadline: '2026-12-04', expiresOn: '2026-12-04', link: { to: 'reply' }, source: 'Reg 22(2)(c); CoP 9.194' });
    expect(r?.action).toContain('You have until 2026-12-04');
    expect(r?.action).toContain('ask for a particular school or college');
  });

  it('goes to the young person rather than the parent where the young person is invited', () => {
    const [r] = familyReminders(reviewStateFor(served, { invitees: [...family, { role: 'young-person', email: 'yp@home.example' }] }), '2026-11-21');
    expect(r?.recipient).toEqual({ role: 'young-person', personId: null, email: 'yp@home.example' });
  });

  it('follows the council’s setting: 2 days before is Wednesday 2026-12-02; 0 sends none', () => {
    expect(familyReminders(reviewStateFor(served, { invitees: family, familyReminderDaysBefore: 2 }), '2026-11-21').map((r) => r.sendOn)).toEqual(['2026-12-02']);
    expect(familyReminders(reviewStateFor(served, { invitees: family, familyReminderDaysBefore: 0 }), '2026-11-21')).toEqual([]);
  });

  it('never goes before the day after the notice: 14 days before a window ending 2026-12-04 is sent on Monday 2026-11-23, not with the notice', () => {
    const [r] = familyReminders(reviewStateFor(served, { invitees: family, familyReminderDaysBefore: 14 }), '2026-11-20');
    expect(r).toMatchObject({ dueOn: '2026-11-21', sendOn: '2026-11-23' });
  });

  it('counts from the day a posted notice is served: posted 2026-11-20 and served 2026-11-22, the window ends 2026-12-06 and the parent hears on Tuesday 2026-12-01', () => {
    const [r] = familyReminders(reviewStateFor({ ...decided, amendmentNoticeServed: '2026-11-22' }, { invitees: family }), '2026-11-23');
    expect(r).toMatchObject({ dueOn: '2026-12-01', sendOn: '2026-12-01', deadline: '2026-12-06' });
  });

  it('sends nothing to a family who asked for post, one with no address, or once they have responded', () => {
    expect(familyReminders(reviewStateFor(served, { invitees: family, familyContact: 'post' }), '2026-11-21')).toEqual([]);
    expect(familyReminders(reviewStateFor(served, { invitees: [{ role: 'parent' }] }), '2026-11-21')).toEqual([]);
    const responded = reviewStateFor(served, { invitees: family, amendment: { noticeServedOn: '2026-11-20', familyRespondedOn: '2026-11-24', finalPlanIssuedOn: null } });
    expect(familyReminders(responded, '2026-11-25')).toEqual([]);
  });

  it('is gone after the window ends on 2026-12-04', () => {
    expect(familyReminders(reviewStateFor(served, { invitees: family }), '2026-12-05')).toEqual([]);
  });
});
