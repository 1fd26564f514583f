import { defaultSweepPolicy, isLate, isSendingTime, nextStep } from './policy';

const policy = defaultSweepPolicy;
const now = new Date('2026-11-23T10:00:00Z');

describe('when reminders go out', () => {
  it('sends at 08:30 on Monday 2026-11-23 (GMT) and not at 07:59', () => {
    expect(isSendingTime(new Date('2026-11-23T08:30:00Z'), policy)).toBe(true);
    expect(isSendingTime(new Date('2026-11-23T07:59:00Z'), policy)).toBe(false);
  });
  it('stops at 17:00 London time, which is 16:00 UTC in summer (2026-06-15)', () => {
    expect(isSendingTime(new Date('2026-06-15T15:59:00Z'), policy)).toBe(true);
    expect(isSendingTime(new Date('2026-06-15T16:00:00Z'), policy)).toBe(false);
  });
  it('sends nothing on Saturday 2026-11-21 or on the bank holiday 2026-12-28', () => {
    expect(isSendingTime(new Date('2026-11-21T10:00:00Z'), policy)).toBe(false);
    expect(isSendingTime(new Date('2026-12-28T10:00:00Z'), policy)).toBe(false);
  });
});

describe('late reminders', () => {
  it('marks a reminder for Friday 2026-11-20, written on 2026-11-19 and sent on Monday 2026-11-23, late', () => {
    expect(isLate({ sendOn: '2026-11-20', createdOn: '2026-11-19' }, '2026-11-23')).toBe(true);
  });
  it('does not mark one written only on 2026-11-23 (the review changed after its day) late', () => {
    expect(isLate({ sendOn: '2026-11-20', createdOn: '2026-11-23' }, '2026-11-23')).toBe(false);
  });
  it('does not mark one sent on its own day late', () => {
    expect(isLate({ sendOn: '2026-11-23', createdOn: '2026-11-19' }, '2026-11-23')).toBe(false);
  });
});

describe('what happens after a failed attempt', () => {
  it('waits exactly the Retry-After of a 429 (3 s)', () => {
    expect(nextStep({ kind: 'throttled', retryAfterMs: 3000, message: '429' }, 1, policy, () => 0.99, now)).toEqual({ retryAt: new Date('2026-11-23T10:00:03Z') });
  });
  it('caps a Retry-After of a day at an hour', () => {
    expect(nextStep({ kind: 'throttled', retryAfterMs: 86_400_000, message: '429' }, 1, policy, () => 0, now)).toEqual({ retryAt: new Date('2026-11-23T11:00:00Z') });
  });
  it('backs off a 5xx with full jitter over 30 s, 60 s, 120 s ...', () => {
    const at = (attempt: number) => (nextStep({ kind: 'transient', message: '503' }, attempt, policy, () => 0.5, now) as { retryAt: Date }).retryAt.getTime() - now.getTime();
    expect([at(1), at(2), at(3)]).toEqual([15_000, 30_000, 60_000]);
  });
  it('gives up after the sixth attempt with the last error', () => {
    expect(nextStep({ kind: 'transient', message: 'HTTP 502' }, 6, policy, () => 0.5, now)).toEqual({ dead: 'gave up after 6 attempts: HTTP 502' });
  });
  it('gives up at once when retrying cannot help', () => {
    expect(nextStep({ kind: 'permanent', message: 'no email or Teams conversation for the health representative of DEMO-0007: add one' }, 1, policy, () => 0.5, now)).toEqual({
      dead: 'no email or Teams conversation for the health representative of DEMO-0007: add one',
    });
  });
});
