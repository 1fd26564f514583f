import { TZDate } from '@date-fns/tz';
import { londonToday } from '../domain';

/** The instant of `time` ("10:00") on `date` ("2027-01-12") in Europe/London, clock changes included. */
export function londonInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 'Europe/London').getTime());
}

/** The London calendar date of an instant. */
export const londonDate = (instant: Date) => londonToday(instant);

