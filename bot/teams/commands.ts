/** What a person asked the bot for, from the text of their message. */
export type Command =
  | { kind: 'help' }
  | { kind: 'my-reviews' }
  | { kind: 'overdue' }
  | { kind: 'record-decision'; laReference: string }
  | { kind: 'record-decision-without-reference' }
  | { kind: 'unknown'; text: string };

/**
 * Reads a command from message text. Mentions are stripped first (the SDK strips the
 * bot's own; any `<at>…</at>` left, and the HTML Teams wraps channel messages in, goes
 * here too), then case and spacing are ignored. The council reference keeps its case.
 *
 * @example parseCommand('<at>EHCP</at> My  Reviews') // { kind: 'my-reviews' }
 * @example parseCommand('record decision DEMO-0007') // { kind: 'record-decision', laReference: 'DEMO-0007' }
 */
export function parseCommand(text: string | undefined): Command {
  const plain = (text ?? '')
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  const lower = plain.toLowerCase();
  if (lower === '' || lower === 'help' || lower === '?') return { kind: 'help' };
  if (lower === 'my reviews' || lower === 'reviews') return { kind: 'my-reviews' };
  if (lower === 'overdue') return { kind: 'overdue' };
  const decision = /^record decision(?: for)?(?: (\S+))?$/i.exec(plain);
  if (decision) return decision[1] ? { kind: 'record-decision', laReference: decision[1] } : { kind: 'record-decision-without-reference' };
  return { kind: 'unknown', text: plain };
}
