/**
 * Caches a pure function of a date and a number. The London-day arithmetic goes
 * through Intl time-zone lookups (tens of microseconds a call); a council's
 * caseload repeats the same few thousand dates, so each is worked out once.
 * Bounded: the cache is dropped when it grows past `max` entries.
 */
export function memoizeDateFn<R>(fn: (date: string, n: number) => R, max = 100_000): (date: string, n: number) => R {
  const cache = new Map<string, R>();
  return (date, n) => {
    const key = `${date}|${n}`;
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(date, n);
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    }
    return value;
  };
}
