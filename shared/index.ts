/** The domain core: pure, no I/O; imported by the service (Node) and the add-in (browser). */
export * from './calendar';
export * from './compliance/checkMeetingProposal';
export * from './compliance/inviteeRoles';
export * from './compliance/proposeMeetingDates';
export * from './compliance/reviewAgenda';
export * from './errors';
export * from './planning/planReview';
export * from './rating/rateReview';
export * from './timeline/computeTimeline';
export * from './timeline/parseCaseInput';
export * from './timeline/rules';
export * from './timeline/types';
export * from './planning/parsePlanRow';
export * from './advice';
export * from './letters';
export * from './privacy/childLabel';
export * from './reminders';
