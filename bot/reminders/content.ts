import { childLabel } from '../../shared';
import type { ClaimedReminder } from '../store/reminders/outbox';
import { type ReminderCardContent, reminderCard } from '../teams/cards/reminderCard';
import type { ProactiveMessage } from '../teams/sdk/proactive';
import { escapeHtml } from '../html/escapeHtml';

/** What each kind of reminder is about, as a heading. */
const TITLES: Record<string, string> = {
  'due-list': 'Annual review to book this term',
  'book-by': 'Book the annual review meeting now',
  'invitations-due': 'Send the review meeting invitations',
  'advice-requested': 'Your advice is requested for an annual review',
  'advice-due-soon': 'Advice due in 7 days',
  'advice-due': 'Advice due today',
  'advice-overdue': 'Advice overdue',
  'meeting-soon': 'Annual review meeting in 2 school days',
  'report-due': 'Meeting report due',
  'report-overdue': 'Meeting report overdue',
  'decision-needed': 'Report arrived: LA decision needed',
  'decision-due-soon': 'LA decision due in 7 days',
  'decision-due': 'LA decision due today',
  'decision-overdue': 'LA decision overdue',
  'amendment-notice-missing': 'Amendment notice not served',
  'family-window-closing': "Family's 15 days to respond end",
  'family-response-reminder': 'Your comments on the proposed changes to the EHC plan',
  'final-plan-due-soon': 'Final amended plan due in 7 days',
  'final-plan-overdue': 'Final amended plan overdue',
  'next-review-deadline': 'Next annual review deadline',
  nudge: 'A reminder about an annual review',
  'plan-transferred': 'An EHC plan has moved to another council',
};

/** One reminder as every channel shows it: the card's fields, and the email's. Only the child's initials and council reference appear. */
export interface ReminderContent extends ReminderCardContent {
  subject: string;
  text: string;
  html: string;
}

/** Where the review opens: the service's Teams tab. */
export function reviewUrl(publicUrl: string, reviewId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/#/reviews/${encodeURIComponent(reviewId)}`;
}

/**
 * The words of a reminder: what is due, by when, under which rule, what to do, and a link.
 * Built from the outbox row and the child's name turned into initials at once (the name
 * itself goes nowhere).
 */
export function reminderContent(r: ClaimedReminder, options: { publicUrl: string; late: boolean; adviceLink?: string | undefined }): ReminderContent {
  const label = childLabel(r.childName, r.laReference);
  const title = TITLES[r.kind] ?? 'Annual review reminder';
  const dueBy = r.deadline ?? r.dueOn;
  const rule = r.source ?? 'SEND Code of Practice 9.166-9.210';
  const action = r.action ?? 'Open the review to see what is needed.';
  // The family answers by replying: the council's app is not theirs to open.
  const link =
    r.link?.to === 'reply'
      ? undefined
      : r.link?.to === 'meeting'
      ? { url: r.link.joinUrl, title: 'Join the meeting in Teams' }
      : options.adviceLink
        ? { url: options.adviceLink, title: 'Send your advice or views (a link for you alone)' }
        : { url: reviewUrl(options.publicUrl, r.reviewId), title: 'Open the review' };
  const late = options.late ? ' (sent late)' : '';
  const reference = `R-${r.id}`;
  const subject = `${title}: ${label}, by ${dueBy}${late}`;
  const lines = [
    `${title}${late}`,
    `Child: ${label}`,
    `Due by: ${dueBy}`,
    `Rule: ${rule}`,
    action,
    link ? `${link.title}: ${link.url}` : 'Reply to this email to send your comments.',
    `Reference: ${reference}`,
  ];
  const html = [
    `<p><strong>${escapeHtml(title)}</strong>${escapeHtml(late)}</p>`,
    '<table>',
    `<tr><th align="left">Child</th><td>${escapeHtml(label)}</td></tr>`,
    `<tr><th align="left">Due by</th><td>${escapeHtml(dueBy)}</td></tr>`,
    `<tr><th align="left">Rule</th><td>${escapeHtml(rule)}</td></tr>`,
    '</table>',
    `<p>${escapeHtml(action)}</p>`,
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.title)}</a></p>` : '<p>Reply to this email to send your comments.</p>',
    `<p>Sent by EHCP Review Assistant for the council (reference ${reference}). Reply to this mailbox if this reached the wrong person.</p>`,
  ].join('\n');
  return { title, childLabel: label, dueBy, rule, action, link, late: options.late, reference, subject, text: lines.join('\n'), html };
}

/** The reminder as a Teams message: its card, with the heading as the notification preview. */
export function reminderMessage(c: ReminderContent): ProactiveMessage {
  return { summary: `${c.title}: ${c.childLabel}`, cards: [reminderCard(c)] };
}

