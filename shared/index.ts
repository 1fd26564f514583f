/** The domain core: pure, no I/O; imported by the service (Node) and the add-in (browser). */
export * from './calendar';
export * from './compliance/checkMeetingProposal';
export * from './compliance/inviteeRoles';
export * from './errors';
export * from './planning/planReview';
export * from './rating/rateReview';
export * from './timeline/computeTimeline';
export * from './timeline/parseCaseInput';
export * from './timeline/rules/afterMeeting';
export * from './timeline/rules/beforeMeeting';
export * from './timeline/rules/dueList';
export * from './timeline/rules/latestMeetingDate';
export * from './timeline/rules/phaseTransfer';
export * from './timeline/rules/preparingForAdulthood';
export * from './timeline/rules/reviewDeadline';
export * from './timeline/rules/under5Cadence';
export * from './timeline/types';
