import { defaultTermCalendar } from '../../calendar/termDates';
import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';

// Plan issued 2026-01-10: review deadline 2027-01-09, latest meeting Saturday 2026-12-12, book by Saturday 2026-10-17.
const unbooked = reviewStateFor({ planIssued: '2026-01-10' });
const kinds = (today: string, state = unbooked) => remindersFor(state, today).map((r) => `${r.kind} ${r.sendOn}`);

describe('the SENCO’s due list and book-by reminders', () => {
  it('sends the due list for the autumn term starting 2026-09-03 by 2026-08-19, two weeks before it; the school reads it on its last term day, 2026-07-22', () => {
    const [dueList] = remindersFor(unbooked, '2026-07-01').filter((r) => r.kind === 'due-list');
    expect(dueList).toMatchObject({ dueOn: '2026-08-19', sendOn: '2026-07-22', deadline: '2026-10-17', recipient: { role: 'school', personId: null, email: null }, source: expect.stringContaining('CoP 9.172') });
  });

  it('sends the due list to the health and social care contacts the review knows as well', () => {
    const state = { ...unbooked, invitees: [{ role: 'health' as const, email: 'nurse@nhs.example' }, { role: 'educational-psychologist' as const, email: 'ep@nhs.example' }] };
    expect(remindersFor(state, '2026-07-01').filter((r) => r.kind === 'due-list').map((r) => `${r.recipient.role} ${r.sendOn}`)).toEqual(['school 2026-07-22', 'health 2026-08-19']);
  });

  it('sends "book by" on Friday 2026-10-16 when the book-by date is Saturday 2026-10-17, never after it', () => {
    const [bookBy] = remindersFor(unbooked, '2026-10-01').filter((r) => r.kind === 'book-by');
    expect(bookBy).toMatchObject({ dueOn: '2026-10-17', sendOn: '2026-10-16', deadline: '2026-10-17' });
  });

  it('lets the due list lapse on 2026-10-17, when the book-by reminder takes over', () => {
    expect(kinds('2026-10-17')).not.toContain('due-list 2026-07-22');
    expect(kinds('2026-10-17')).toContain('book-by 2026-10-16');
  });

  it('uses the council’s own term dates: a term starting 2026-10-05 puts it on the list sent by 2026-09-21', () => {
    const terms = { council: 'test', terms: [...defaultTermCalendar(2025, 2025).terms, { name: 'Late', start: '2026-10-05', end: '2026-12-18' }] };
    const [dueList] = remindersFor(unbooked, '2026-09-01', { terms }).filter((r) => r.kind === 'due-list');
    expect(dueList?.dueOn).toBe('2026-09-20');
  });

  it('keeps asking after the latest meeting date (2027-05-10): "book now, N days late" weekly to the SENCO, and to the case officer from 14 days late', () => {
    // Plan issued 2026-06-08: review deadline 2027-06-07, latest meeting Monday 2027-05-10.
    const state = reviewStateFor({ planIssued: '2026-06-08' });
    const late = remindersFor(state, '2027-05-18').filter((r) => r.kind === 'book-overdue');
    expect(late.map((r) => `${r.recipient.role} ${r.dueOn}`)).toEqual(['senco 2027-05-18', 'senco 2027-05-25', 'la-officer 2027-05-25']);
    expect(late[0]?.action).toContain('it is 8 days past the latest meeting date 2027-05-10');
    expect(late[0]).toMatchObject({ urgency: 0, source: 'CFA 2014 s44(1); Reg 20(1); CoP 9.169' });
    const escalated = remindersFor(state, '2027-05-25').filter((r) => r.kind === 'book-overdue' && r.recipient.role === 'la-officer');
    expect(escalated.map((r) => r.dueOn)).toEqual(['2027-05-25', '2027-06-01']);
    expect(remindersFor(state, '2027-05-25', { escalateAfterDays: 28 }).filter((r) => r.recipient.role === 'la-officer')).toEqual([]);
  });

  it('asks for an early review started on Wednesday 2026-06-03 to be booked that day, months before its usual book-by date 2026-10-17', () => {
    const early = reviewStateFor({ planIssued: '2026-01-10', review: { kind: 'early', startedOn: '2026-06-03', reason: 'a significant change' } });
    const bookings = remindersFor(early, '2026-06-03').filter((r) => r.kind === 'book-by');
    expect(bookings.map((r) => [r.dueOn, r.sendOn, r.expiresOn])).toEqual([
      ['2026-06-03', '2026-06-03', '2026-10-17'],
      ['2026-10-17', '2026-10-16', '2026-12-12'],
    ]);
    expect(bookings[0]).toMatchObject({ source: 'CFA 2014 s44(1); H&F slides', action: expect.stringContaining('Book the early review started on 2026-06-03') });
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
