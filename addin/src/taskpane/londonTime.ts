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

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Tue 12 Jan 2027" for a person to read (the same in every browser, unlike toLocaleDateString). */
export function readableDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}
