/** Reminder rules: who must do what by when, from a review's state and today. Pure. */
export { reminderKey, URGENCY } from './build';
export { type ReminderKindInfo, reminderCatalogue, reminderTableMarkdown } from './catalogue';
export { contactRecipient, recipientKey, roleName, staffRecipient } from './recipients';
export { byUrgency, dueReminders, reminderRules, remindersFor } from './remindersFor';
export { reviewStateFor } from './reviewStateFor';
export { adviceReminderSource, adviceReminders } from './rules/advice';
export {
  amendmentNoticeReminderSource,
  amendmentNoticeReminders,
  DEFAULT_FAMILY_REMINDER_DAYS,
  familyResponseReminders,
  familyWindowReminderSource,
  familyWindowReminders,
  finalPlanReminderSource,
  finalPlanReminders,
} from './rules/amendment';
export { bookByReminderSource, bookByReminders } from './rules/bookBy';
export { decisionReminderSource, decisionReminders } from './rules/decision';
export { awaitsBooking, bookByOf, dueListReminderSource, dueListReminders } from './rules/dueList';
export { invitationsReminderSource, invitationsReminders } from './rules/invitations';
export { meetingSoonReminderSource, meetingSoonReminders } from './rules/meetingSoon';
export { nextReviewReminderSource, nextReviewReminders } from './rules/nextReview';
export { reportReminderSource, reportReminders } from './rules/report';
export { isSchoolDay, isWorkingDay, schoolDaysBefore, sendDay } from './sendDays';
export * from './types';
