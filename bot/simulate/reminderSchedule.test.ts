import { remindersFor } from '../../shared/reminders/remindersFor';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import { reminderScheduleFromRules } from './reminderSchedule';

const none = { bookedOn: null, meetingDate: null, invitationsSentOn: null, adviceDueOn: null, reportSentOn: null, decision: null, noticeServedOn: null };

describe('the reminders the simulation acts on', () => {
  const schedule = reminderScheduleFromRules();

  it('are the shared rules’ own send days for booking: the due list at the start of term, then "book by"', () => {
    const c = { planIssued: '2020-05-01', lastReviewConcluded: '2025-03-10' };
    const days = schedule.days('book', { live: { ...none, case: c }, since: '2025-09-01', untilDays: 120 });
    const direct = remindersFor(
      { timeline: computeTimeline(c), meeting: null, invitees: [], adviceRequests: [], report: null, decision: null, amendment: null },
      '2025-09-01',
      { horizonDays: 140 },
    )
      .filter((r) => r.kind === 'due-list' || r.kind === 'book-by')
      .map((r) => r.sendOn);
    expect(days).toEqual(direct);
    expect(days.length).toBeGreaterThanOrEqual(1);
  });

  it('prompt an officer when the report arrives, before the decision is due, on the day and each week after', () => {
    const c = { planIssued: '2020-05-01', lastReviewConcluded: '2025-03-10', meetingDate: '2025-11-05' };
    const days = schedule.days('decide', { live: { ...none, case: c, meetingDate: c.meetingDate, bookedOn: '2025-09-15', reportSentOn: '2025-11-14' }, since: '2025-11-14', untilDays: 60 });
    // Decision due 2025-12-03 (meeting + 4 weeks): the report is in, 7 days before, on the
    // day, then each week from the day after, to the officer and to the manager.
    expect(days.slice(0, 7)).toEqual(['2025-11-14', '2025-11-26', '2025-12-03', '2025-12-04', '2025-12-04', '2025-12-11', '2025-12-11']);
    expect([...days].sort()).toEqual(days);
  });

  it('answers the same question from its cache with the same days', () => {
    const q = { live: { ...none, case: { planIssued: '2024-06-01' } }, since: '2025-01-06', untilDays: 90 };
    expect(schedule.days('book', q)).toBe(schedule.days('book', q));
  });
});
