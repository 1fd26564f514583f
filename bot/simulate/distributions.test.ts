import { formatDistribution, parseDistribution, sample, sampleDays } from './distributions';
import { createRandom } from './random';

describe('delay distributions', () => {
  it('reads each written form and prints it back the same', () => {
    for (const text of ['fixed(3)', 'uniform(0, 10)', 'normal(14, 5)', 'lognormal(10, 30)', 'exponential(7)']) {
      expect(formatDistribution(parseDistribution(text))).toBe(text);
    }
  });

  it('refuses text that does not parse, naming what to write instead', () => {
    expect(() => parseDistribution('lognormal(10')).toThrow(/"lognormal\(10" is not a distribution: it should look like name\(numbers\); write one of fixed/);
    expect(() => parseDistribution('gaussian(1, 2)')).toThrow(/"gaussian" is not a known distribution/);
    expect(() => parseDistribution('uniform(5)')).toThrow(/uniform takes 2 numbers/);
    expect(() => parseDistribution('uniform(9, 1)')).toThrow(/max is below min/);
    expect(() => parseDistribution('lognormal(10, 5)')).toThrow(/90th percentile at least the median/);
    expect(() => parseDistribution('exponential(-2)')).toThrow(/mean must be above 0/);
  });

  it('draws a lognormal whose median and 90th percentile are the ones written', () => {
    const r = createRandom(7);
    const d = parseDistribution('lognormal(10, 30)');
    const draws = Array.from({ length: 20000 }, () => sample(d, r)).sort((a, b) => a - b);
    expect(draws[10000]).toBeGreaterThan(9.5);
    expect(draws[10000]).toBeLessThan(10.5);
    expect(draws[18000]).toBeGreaterThan(28);
    expect(draws[18000]).toBeLessThan(32);
  });

  it('gives whole days, never below the floor', () => {
    const r = createRandom(1);
    const d = parseDistribution('normal(0, 10)');
    const days = Array.from({ length: 1000 }, () => sampleDays(d, r, 2));
    expect(days.every((x) => Number.isInteger(x) && x >= 2)).toBe(true);
  });

  it('repeats exactly for a seed and stream, and differs between streams', () => {
    const a = createRandom(42, 3);
    const b = createRandom(42, 3);
    const c = createRandom(42, 4);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(c.next()).not.toBe(first[0]);
  });
});
