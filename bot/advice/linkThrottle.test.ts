import { delayAfter, LinkThrottle } from './linkThrottle';

const make = () => {
  let now = Date.UTC(2026, 8, 1, 9, 0, 0);
  const throttle = new LinkThrottle({ freeFailures: 5, baseDelayMs: 250, maxDelayMs: 8000, blockAfter: 30, windowMs: 15 * 60_000, now: () => now });
  const advance = (ms: number) => {
    now += ms;
  };
  return { throttle, advance };
};

describe('LinkThrottle', () => {
  it('answers the first five wrong tokens at once, then doubles the wait from 250 ms up to 8 s', () => {
    const { throttle } = make();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const d = throttle.decide('198.51.100.7');
      waits.push(d.kind === 'go' ? d.delayMs : -1);
      throttle.recordFailure('198.51.100.7');
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 8000]);
  });

  it('refuses an address outright after 30 wrong tokens, until 15 minutes after the first of them', () => {
    const { throttle, advance } = make();
    for (let i = 0; i < 30; i++) {
      throttle.recordFailure('198.51.100.7');
      advance(1000);
    }
    expect(throttle.decide('198.51.100.7')).toEqual({ kind: 'blocked', retryAfterSeconds: 870 });
    expect(throttle.decide('203.0.113.9')).toEqual({ kind: 'go', delayMs: 0 });
    advance(870_000);
    expect(throttle.decide('198.51.100.7')).toEqual({ kind: 'go', delayMs: 8000 });
  });

  it('forgets wrong tokens older than the window', () => {
    const { throttle, advance } = make();
    for (let i = 0; i < 8; i++) throttle.recordFailure('198.51.100.7');
    advance(15 * 60_000 + 1);
    expect(throttle.decide('198.51.100.7')).toEqual({ kind: 'go', delayMs: 0 });
  });
});

it('delayAfter gives 1 s after seven failures when five are free', () => expect(delayAfter(7, { freeFailures: 5, baseDelayMs: 250, maxDelayMs: 8000 })).toBe(1000));

describe('LinkThrottle.attempt', () => {
  it('counts parallel attempts before any lookup answers, so the 31st of a burst is refused', () => {
    const { throttle } = make();
    const burst = Array.from({ length: 31 }, () => throttle.attempt(['address:198.51.100.7', 'link:AAAAAAAA']));
    expect(burst.at(-1)?.decision.kind).toBe('blocked');
    expect(burst[29]?.decision).toEqual({ kind: 'go', delayMs: 8000 });
  });

  it('takes back the attempt of a good link, so good links never add up to a refusal', () => {
    const { throttle } = make();
    for (let i = 0; i < 100; i++) throttle.attempt(['address:198.51.100.7', `link:${i}`]).settle(true);
    expect(throttle.decide('address:198.51.100.7')).toEqual({ kind: 'go', delayMs: 0 });
  });

  it('counts one link’s guesses from many addresses under its token prefix', () => {
    const { throttle } = make();
    for (let i = 0; i < 30; i++) throttle.attempt([`address:203.0.113.${i}`, 'link:BBBBBBBB']);
    expect(throttle.attempt(['address:192.0.2.1', 'link:BBBBBBBB']).decision.kind).toBe('blocked');
  });
});
