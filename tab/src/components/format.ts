import type { Step } from '../api/types';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "21 Jan 2027" from an ISO calendar date (read as a calendar date, never shifted by a time zone). */
export const formatDate = (iso: string | null | undefined) => (iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : '—');
/** "Jan 2027" from "2027-01". */
export const formatMonth = (ym: string) => monthFormat.format(new Date(`${ym}-01T00:00:00Z`));
export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

export const stepNames: Record<Step, string> = {
  booking: 'Booking',
  invitations: 'Invitations',
  advice: 'Advice',
  meeting: 'Meeting',
  report: 'Report',
  decision: 'Decision',
  'amendment-notice': 'Amendment notice',
  'final-plan': 'Final plan',
};
