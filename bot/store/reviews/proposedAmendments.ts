import type { ProposedAmendment } from '../../../shared';
import type { Queryable } from '../db';

/**
 * The amendments proposed for a review's plan: the one place the amendment notice, the
 * decision letter and the final plan read them from. Today they are the officer's, entered
 * with the decision (card or API); when the school's structured report carries proposed
 * amendments per plan section, this is where they join.
 */
export async function proposedAmendmentsOf(tx: Queryable, reviewId: string): Promise<ProposedAmendment[]> {
  const [row] = await tx.query<{ proposed_amendments: ProposedAmendment[] | string | null }>('select proposed_amendments from decisions where review_id = $1', [reviewId]);
  const value = row?.proposed_amendments ?? [];
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Reads amendments typed as lines, "F: weekly speech and language therapy" or
 * "Section B - ...": the section before the first colon or dash, the change after it.
 * A line without a section goes under "to be confirmed" rather than being lost.
 *
 * @example amendmentsFromText('F: Add weekly therapy') //=> [{ section: 'F', change: 'Add weekly therapy' }]
 */
export function amendmentsFromText(text: string): ProposedAmendment[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^[-*•]\s*/, ''))
    .filter(Boolean)
    .map((line) => {
      const m = /^(?:section\s+)?([A-K](?:\d)?(?:\s*\([^)]*\))?)\s*[:\-–]\s*(.+)$/i.exec(line);
      return m ? { section: (m[1] as string).replace(/^[a-k]/, (c) => c.toUpperCase()), change: (m[2] as string).trim() } : { section: 'to be confirmed', change: line };
    });
}
