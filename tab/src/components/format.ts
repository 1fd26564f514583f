import type { Step } from '../api/types';

// Dates as the whole product shows them ("Thu 21 Jan 2027", "Jan 2027"): one module, in shared/.
export { screenDateOr as formatDate, screenMonth as formatMonth } from '../../../shared/calendar/formatDate';
export { londonToday } from '../../../shared/calendar/londonToday';
export const percent = (share: number | null) => (share === null ? 'No data' : `${Math.round(share * 100)}%`);

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
