/**
 * The parts of shared/ the add-in uses, imported module by module: shared/index also
 * exports the input parsers, which pull in zod (about 470 KB minified) that the browser
 * never needs.
 */
export { plusDays } from '../../shared/calendar/londonDay';
export { londonToday } from '../../shared/calendar/londonToday';
export { screenDate, screenDateOr, screenDay, screenDeadline } from '../../shared/calendar/formatDate';
export { reviewLink } from '../../shared/dashboard/reviewLink';
export { type Finding, checkMeetingProposal, type MeetingMode } from '../../shared/compliance/checkMeetingProposal';
export { type InviteeRole, requiredInviteeGroups } from '../../shared/compliance/inviteeRoles';
export { type MeetingDateProposal, proposeMeetingDates } from '../../shared/compliance/proposeMeetingDates';
export { dayCount, reviewLateness } from '../../shared/compliance/reviewLateness';
export { reviewAgenda, reviewAgendaHtml } from '../../shared/compliance/reviewAgenda';
export { BOOKING_LEAD_DAYS, bookBySource } from '../../shared/planning/planReview';
export { childLabel } from '../../shared/privacy/childLabel';
export { type Rating, type RatingFactors, type RatingLevel, rateReview } from '../../shared/rating/rateReview';
export { adviceCirculatedBy } from '../../shared/timeline/rules/adviceCirculatedBy';
export { invitationsBy } from '../../shared/timeline/rules/invitationsBy';
export type { CaseInput, Timeline } from '../../shared/timeline/types';
