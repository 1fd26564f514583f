import { defaultTermCalendar } from '../../calendar/termDates';
import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';

// Plan issued 2026-01-10: review deadline 2027-01-09, latest meeting Saturday 2026-12-12, book by Saturday 2026-10-17.
const unbooked = reviewStateFor({ planIssued: '2026-01-10' });
const kinds = (today: string, state = unbooked) => remindersFor(state, today).map((r) => `${r.kind} ${r.sendOn}`);

describe('the SENCO’s due list and book-by reminders', () => {
  it('puts the review on the due list on 2026-09-03, the first day of the autumn term in which it must be booked', () => {
    const [dueList] = remindersFor(unbooked, '2026-09-01').filter((r) => r.kind === 'due-list');
    expect(dueList).toMatchObject({ dueOn: '2026-09-03', sendOn: '2026-09-03', deadline: '2026-10-17', recipient: { role: 'senco', personId: null, email: null }, source: expect.stringContaining('CoP 9.172') });
  });

  it('sends "book by" on Friday 2026-10-16 when the book-by date is Saturday 2026-10-17, never after it', () => {
    const [bookBy] = remindersFor(unbooked, '2026-10-01').filter((r) => r.kind === 'book-by');
    expect(bookBy).toMatchObject({ dueOn: '2026-10-17', sendOn: '2026-10-16', deadline: '2026-10-17' });
  });

  it('lets the due list lapse on 2026-10-17, when the book-by reminder takes over', () => {
    expect(kinds('2026-10-17')).not.toContain('due-list 2026-09-03');
    expect(kinds('2026-10-17')).toContain('book-by 2026-10-16');
  });

  it('uses the council’s own term dates: a term starting 2026-10-05 puts it on that day’s list', () => {
    const terms = { council: 'test', terms: [...defaultTermCalendar(2025, 2025).terms, { name: 'Late', start: '2026-10-05', end: '2026-12-18' }] };
    const [dueList] = remindersFor(unbooked, '2026-09-01', { terms }).filter((r) => r.kind === 'due-list');
    expect(dueList?.sendOn).toBe('2026-10-05');
  });

  it('sends neither once a meeting is booked (the review has moved on)', () => {
    const booked = reviewStateFor({ planIssued: '2026-01-10', meetingDate: '2026-12-10' });
    expect(kinds('2026-09-01', booked).filter((k) => k.startsWith('due-list') || k.startsWith('book-by'))).toEqual([]);
  });
});

describe('the invitations reminder', () => {
  it('reminds the SENCO on 2026-11-25 to invite for a meeting on 2026-12-10 when no invitations are recorded', () => {
    const state = reviewStateFor({ planIssued: '2026-01-10', meetingDate: '2026-12-10' });
    state.meeting = { date: '2026-12-10', invitationsSentOn: null, mode: 'in-person', teamsJoinUrl: null };
    const [r] = remindersFor(state, '2026-11-20').filter((x) => x.kind === 'invitations-due');
    expect(r).toMatchObject({ dueOn: '2026-11-25', sendOn: '2026-11-25', expiresOn: '2026-12-09', source: 'Reg 20(2)-(3); CoP 9.176, 9.185' });
  });

  it('reminds on Friday 2026-11-27, 15 days before the latest meeting date (Saturday 2026-12-12), while nothing is booked', () => {
    const [r] = remindersFor(unbooked, '2026-11-01').filter((x) => x.kind === 'invitations-due');
    expect(r).toMatchObject({ dueOn: '2026-11-27', sendOn: '2026-11-27' });
  });

  it('sends nothing once the invitations are recorded as sent', () => {
    const state = reviewStateFor({ planIssued: '2026-01-10', meetingDate: '2026-12-10' });
    expect(remindersFor(state, '2026-11-20').filter((x) => x.kind === 'invitations-due')).toEqual([]);
  });
});
