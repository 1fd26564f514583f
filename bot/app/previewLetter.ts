import { letterLines } from '../../shared';
import { decisionDocuments, loadLetterContext, wrapped } from '../letters/letterCase';
import type { Principal } from '../store/principal';
import { letterPreviewBody } from './schemas';
import { type AppDeps, parsed, permit } from './task';

/** One document of the preview: its kind and its lines, in the order the letter prints them. */
export interface PreviewDocument {
  kind: string;
  lines: string[];
}

/**
 * The letter a decision being written would send, dated today as it would go if recorded
 * and sent now (#27 item 6: the officer reads the family's letter, their reasons word for
 * word, before recording). Reads only: no decision, letter or audit entry is stored; an If-Match naming an older version of the review is refused (412), as the decision itself would be. An amend
 * without its changes is the letter's own 409 saying to list them; a missing council setting
 * is the send's own 409, naming it.
 *
 * @example await previewLetter(deps, officer, reviewId, { outcome: 'maintain', reasons: 'The plan still meets her needs' }) //=> { documents: [{ kind: 'decision', lines: ['Demo Borough Council', ...] }] }
 */
export async function previewLetter(deps: AppDeps, principal: Principal, reviewId: string, input: unknown, ifMatch?: string): Promise<{ documents: PreviewDocument[] }> {
  permit(principal, 'POST /api/reviews/{id}/letter/preview');
  const draft = parsed(letterPreviewBody, input);
  const today = deps.today();
  const ctx = await loadLetterContext(deps.db, principal, reviewId, today, false, ifMatch, { outcome: draft.outcome, reasons: draft.reasons, proposedAmendments: draft.proposedAmendments ?? [] });
  const documents = wrapped(() => decisionDocuments(ctx, today));
  return { documents: documents.map((d) => ({ kind: d.kind, lines: letterLines(d.letter) })) };
}
