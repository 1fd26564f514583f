import { remindersFor } from '../../shared/reminders/remindersFor';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import { promptingKinds, promptingRules, reminderScheduleFromRules } from './reminderSchedule';

const none = { bookedOn: null, meetingDate: null, invitationsSentOn: null, adviceDueOn: null, reportSentOn: null, decision: null, noticeServedOn: null };

describe('the reminders the simulation acts on', () => {
  const schedule = reminderScheduleFromRules();

  it('are the shared rules’ own send days for booking: the due list two weeks before term, then "book by"', () => {
    // Last review concluded 2025-03-10: latest meeting 2026-02-09, book by 2025-12-15, in the
    // autumn term 2025; the due list is due two weeks before it starts (CoP 9.172), in the
    // summer holiday, so it goes on the last school day before, 2025-07-22. The simulation
    // asks from the end of the cycle's first month (2025-04-07).
    const c = { planIssued: '2020-05-01', lastReviewConcluded: '2025-03-10' };
    const days = schedule.days('book', { live: { ...none, case: c }, since: '2025-04-07', untilDays: 260 });
    const direct = remindersFor(
      { timeline: computeTimeline(c), meeting: null, invitees: [], adviceRequests: [], report: null, decision: null, amendment: null },
      '2025-04-07',
      { horizonDays: 280 },
    )
      .filter((r) => r.kind === 'due-list' || r.kind === 'book-by')
      .map((r) => r.sendOn);
    expect(days).toEqual(direct);
    expect(days).toEqual(['2025-07-22', '2025-12-15']);
  });

  it('prompt an officer when the report arrives, before the decision is due, on the day and each week after', () => {
    const c = { planIssued: '2020-05-01', lastReviewConcluded: '2025-03-10', meetingDate: '2025-11-05' };
    const days = schedule.days('decide', { live: { ...none, case: c, meetingDate: c.meetingDate, bookedOn: '2025-09-15', reportSentOn: '2025-11-14' }, since: '2025-11-14', untilDays: 60 });
    // Decision due 2025-12-03 (meeting + 4 weeks): the report is in, 7 days before, on the
    // day, then each week from the day after, to the officer and to the manager.
    expect(days.slice(0, 7)).toEqual(['2025-11-14', '2025-11-26', '2025-12-03', '2025-12-04', '2025-12-04', '2025-12-11', '2025-12-11']);
    expect([...days].sort()).toEqual(days);
  });

  it('remind the school of its report on days 7 and 11 after the meeting, then from day 15 each week while it is overdue', () => {
    // Meeting Thursday 2026-11-05: the report is due on day 14 (Reg 20(7)); the shared rule
    // reminds on 2026-11-12 and 2026-11-16, then 2026-11-20, 2026-11-27, ... (to the SENCO,
    // and from day 15 to the case officer and the head teacher too: one day, several reminders).
    const c = { planIssued: '2021-05-01', lastReviewConcluded: '2026-03-10', meetingDate: '2026-11-05' };
    const days = schedule.days('report', { live: { ...none, case: c, meetingDate: c.meetingDate, bookedOn: '2026-09-14' }, since: c.meetingDate, untilDays: 40 });
    expect([...new Set(days)].slice(0, 5)).toEqual(['2026-11-12', '2026-11-16', '2026-11-20', '2026-11-27', '2026-12-04']);
  });

  it('answers the same question from its cache with the same days', () => {
    const q = { live: { ...none, case: { planIssued: '2024-06-01' } }, since: '2025-01-06', untilDays: 90 };
    expect(schedule.days('book', q)).toBe(schedule.days('book', q));
  });
});

describe('the rules asked for each action', () => {
  // States along one review's way: before booking, booked with advice asked, met, reported, amending.
  const c = { planIssued: '2020-05-01', lastReviewConcluded: '2025-03-10' };
  const met = { ...c, meetingDate: '2025-11-05' };
  const meeting = { date: met.meetingDate, invitationsSentOn: '2025-09-15', mode: 'in-person' as const, teamsJoinUrl: null };
  const base = { invitees: [], adviceRequests: [], report: null, decision: null, amendment: null };
  const states = [
    { ...base, timeline: computeTimeline(c), meeting: null },
    { ...base, timeline: computeTimeline(met), meeting, adviceRequests: [{ role: 'health' as const, personId: null, email: null, requestedOn: '2025-09-15', dueOn: '2025-10-21', receivedOn: null }] },
    { ...base, timeline: computeTimeline(met), meeting },
    { ...base, timeline: computeTimeline(met), meeting, report: { sentOn: '2025-11-14' } },
    {
      ...base,
      timeline: computeTimeline({ ...met, decision: { outcome: 'amend' as const, notifiedOn: '2025-12-01' }, amendmentNoticeServed: '2025-12-01' }),
      meeting,
      report: { sentOn: '2025-11-14' },
      decision: { outcome: 'amend' as const, notifiedOn: '2025-12-01' },
      amendment: { noticeServedOn: '2025-12-01', familyRespondedOn: null, finalPlanIssuedOn: null },
    },
  ];

  it('give exactly the reminders of the kinds that prompt it that all the rules together give', () => {
    for (const [action, kinds] of Object.entries(promptingKinds) as [keyof typeof promptingKinds, readonly string[]][]) {
      let found = 0;
      for (const state of states) {
        const of = (rules?: Parameters<typeof remindersFor>[2]) => remindersFor(state, '2025-05-01', { horizonDays: 366, ...rules }).filter((r) => kinds.includes(r.kind));
        const all = of();
        found += all.length;
        expect(of({ rules: promptingRules[action] })).toEqual(all);
      }
      expect(found).toBeGreaterThan(0);
    }
  });
});
