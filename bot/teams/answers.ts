import { childLabel } from '../../shared';
import type { Db } from '../store/db';
import type { Principal } from '../store/principal';
import { listReviews } from '../store/reviews/listReviews';
import { reviewListCard } from './cards/reviewListCard';
import { stepsFor } from './cards/reviewSteps';
import type { OutgoingMessage } from './sdk/outgoing';

const SHOWN = 10;

/** Markdown (Teams renders it): one paragraph per command, since Teams folds single line breaks. */
export const helpText = [
  'I can help with EHCP annual reviews. Say:',
  '**help**: this list',
  '**my reviews**: what is due from you, soonest first',
  '**overdue**: your council’s overdue steps (LA officers and managers)',
  '**record decision** and a council reference, e.g. "record decision DEMO-0007": the decision card for a review awaiting the council’s decision (LA officers)',
].join('\n\n');

export const unregisteredText =
  'Hello! You are not registered with EHCP Review Assistant yet, so I cannot show you any reviews. Your council’s SEND team registers council staff, SENCOs and professionals: ask them to add you with your work account, then message me again.';

/**
 * `my reviews`: the steps due from this person's role, soonest first, in one statement
 * (it was one per status, three for a SENCO: on PGlite, which runs one statement at a time,
 * the turn's largest cost).
 */
export async function myReviews(db: Db, p: Principal, today: string, publicUrl: string): Promise<OutgoingMessage> {
  const all = await listReviews(db, p, { statuses: stepsFor[p.role], limit: SHOWN + 1 }, today);
  const entries = all.slice(0, SHOWN).map((r) => ({ id: r.id, label: childLabel(r.childName, r.laReference), status: r.status, due: r.due, overdue: r.overdue }));
  return {
    cards: [
      reviewListCard({
        title: 'Due from you, soonest first',
        empty: 'Nothing is due from you just now.',
        entries,
        publicUrl,
        more: all.length > SHOWN ? `Showing the first ${SHOWN}; open the service for the rest.` : undefined,
      }),
    ],
  };
}

/** `overdue`: the council's overdue steps, most overdue first; for LA roles only. */
export async function overdue(db: Db, p: Principal, today: string, publicUrl: string): Promise<OutgoingMessage> {
  if (p.role !== 'la-officer' && p.role !== 'la-manager') {
    return { text: 'The overdue list is for LA officers and managers: it shows the whole council’s caseload. Say "my reviews" for what is due from you.' };
  }
  const items = await listReviews(db, p, { overdue: true, limit: SHOWN + 1 }, today);
  const entries = items.slice(0, SHOWN).map((r) => ({ id: r.id, label: childLabel(r.childName, r.laReference), status: r.status, due: r.due, overdue: r.overdue }));
  return {
    cards: [
      reviewListCard({
        title: 'Overdue steps in your council’s caseload',
        empty: 'Nothing is overdue.',
        entries,
        publicUrl,
        more: items.length > SHOWN ? `Showing the ${SHOWN} most overdue; open the service for the rest.` : undefined,
      }),
    ],
  };
}
