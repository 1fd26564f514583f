import { remindersFor } from '../remindersFor';
import { reviewStateFor } from '../reviewStateFor';
import type { ReviewState } from '../types';

const invitees = [
  { role: 'parent' as const, email: 'parent@example.org' },
  { role: 'health' as const, personId: 12, email: 'ep@nhs.example' },
  { role: 'health' as const, personId: 12, email: 'ep@nhs.example' },
  { role: 'social-care' as const },
];
function booked(date: string, mode: 'in-person' | 'virtual' = 'in-person'): ReviewState {
  const state = reviewStateFor({ planIssued: '2026-01-10', meetingDate: date }, { invitees });
  state.meeting = { date, invitationsSentOn: '2026-11-01', mode, teamsJoinUrl: mode === 'virtual' ? 'https://teams.microsoft.com/l/meetup-join/abc' : null };
  return state;
}
const meetingSoon = (state: ReviewState, today: string) => remindersFor(state, today).filter((r) => r.kind === 'meeting-soon');

describe('the reminder to everyone invited before the meeting', () => {
  it('goes on Thursday 2026-11-19, 2 school days before a meeting on Monday 2026-11-23, once to each person', () => {
    const rs = meetingSoon(booked('2026-11-23'), '2026-11-01');
    expect(rs.map((r) => [r.recipient.role, r.recipient.personId, r.sendOn])).toEqual([
      ['parent', null, '2026-11-19'],
      ['health', 12, '2026-11-19'],
      ['social-care', null, '2026-11-19'],
    ]);
    expect(rs[0]).toMatchObject({ deadline: '2026-11-23', expiresOn: '2026-11-23', link: { to: 'review' } });
  });

  it('counts back over the autumn half term: a meeting on Monday 2026-11-02 is reminded on Thursday 2026-10-22', () => {
    expect(meetingSoon(booked('2026-11-02'), '2026-10-01')[0]?.sendOn).toBe('2026-10-22');
  });

  it('carries the Teams join link when the meeting is virtual', () => {
    expect(meetingSoon(booked('2026-11-23', 'virtual'), '2026-11-01')[0]).toMatchObject({ link: { to: 'meeting', joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' }, action: expect.stringContaining('Teams') });
  });

  it('is cancelled once the report is recorded', () => {
    const state = { ...booked('2026-11-23'), report: { sentOn: '2026-11-23' } };
    expect(meetingSoon(state, '2026-11-01')).toEqual([]);
  });
});
