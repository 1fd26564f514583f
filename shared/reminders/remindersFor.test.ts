import { reminderKey } from './build';
import { reminderCatalogue, reminderTableMarkdown } from './catalogue';
import { dueReminders, remindersFor } from './remindersFor';
import { reviewStateFor } from './reviewStateFor';
import { isSchoolDay, schoolDaysBefore, sendDay } from './sendDays';
import { englandTypicalTerms } from '../calendar/termDates';
import { reminderKinds } from './types';

const terms = englandTypicalTerms();

describe('the reminders a review implies as it moves on', () => {
  const base = { planIssued: '2026-01-10', meetingDate: '2026-11-05' };
  const booked = reviewStateFor(base, {
    invitees: [{ role: 'health', email: 'ep@nhs.example' }],
    adviceRequests: [{ role: 'health', email: 'ep@nhs.example', requestedOn: '2026-10-01', dueOn: '2026-10-21', receivedOn: null }],
  });
  const keys = (s: typeof booked, today: string) => remindersFor(s, today).map(reminderKey);

  it('drops the "report due" reminder of 2026-11-19 once the report arrives on 2026-11-12, and asks for the decision instead', () => {
    const before = keys(booked, '2026-11-12');
    const after = keys({ ...booked, report: { sentOn: '2026-11-12' } }, '2026-11-12');
    expect(before).toContain('report-due|role:senco|2026-11-16');
    expect(after).not.toContain('report-due|role:senco|2026-11-16');
    expect(after).toContain('decision-needed|role:la-officer|2026-11-12');
  });

  it('sends on 2026-11-19 only what is due by then, in send order', () => {
    expect(dueReminders(booked, '2026-11-19').map((r) => `${r.kind} ${r.sendOn}`)).toEqual(['decision-needed 2026-11-05', 'report-due 2026-11-16']);
  });

  it('keys each reminder by kind, recipient and due date, so a weekly reminder is a new row each week', () => {
    const overdue = remindersFor(booked, '2026-11-20').filter((r) => r.kind === 'report-overdue').map(reminderKey);
    expect(overdue.filter((k) => k.includes('senco'))).toEqual(['report-overdue|role:senco|2026-11-20', 'report-overdue|role:senco|2026-11-27']);
  });

  it('names a registered person in the key when the state knows them', () => {
    const state = { ...booked, staff: { senco: { personId: 7 } } };
    expect(keys(state, '2026-11-10')).toContain('report-due|person:7|2026-11-16');
  });
});

describe('send days', () => {
  it('treats the autumn half term (2026-10-26 to 2026-10-30) as no school day, but a working day for the NHS', () => {
    expect(isSchoolDay('2026-10-27', terms)).toBe(false);
    expect(sendDay('2026-10-27', 'health', 'earlier', terms)).toBe('2026-10-27');
    expect(sendDay('2026-10-27', 'senco', 'earlier', terms)).toBe('2026-10-23');
    expect(sendDay('2026-10-27', 'senco', 'later', terms)).toBe('2026-11-02');
  });

  it('moves a reminder due on Good Friday 2027-03-26 to Thursday 2027-03-25 for the LA', () => {
    expect(sendDay('2027-03-26', 'la-officer', 'earlier', terms)).toBe('2027-03-25');
  });

  it('counts 2 school days before Monday 2027-01-04 back over Christmas to Thursday 2026-12-17', () => {
    expect(schoolDaysBefore('2027-01-04', 2, terms)).toBe('2026-12-17');
  });
});

describe('the reminder catalogue', () => {
  it('describes every kind exactly once', () => {
    expect(reminderCatalogue.map((k) => k.kind).sort()).toEqual([...reminderKinds].sort());
  });

  it('renders the README table with a row per kind', () => {
    expect(reminderTableMarkdown().split('\n')).toHaveLength(reminderKinds.length + 2);
  });
});
