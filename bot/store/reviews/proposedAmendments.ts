import type { PlanAmendment } from '../../../shared';
import type { Queryable } from '../db';

/**
 * The amendments proposed for a review's plan: the one place the amendment notice, the
 * decision letter and the final plan read them from. The officer's, entered with the
 * decision (card or API), when there are any; otherwise the school's submitted report's,
 * per plan section.
 */
export async function proposedAmendmentsOf(tx: Queryable, reviewId: string): Promise<PlanAmendment[]> {
  const [row] = await tx.query<{ decided: PlanAmendment[] | string | null; reported: { planSection: string; amendment: string }[] | string | null }>(
    `select (select proposed_amendments from decisions where review_id = $1) as decided,
            (select content -> 'proposedAmendments' from review_reports where review_id = $1 and state = 'submitted') as reported`,
    [reviewId],
    { prepare: true },
  );
  const parse = <T>(v: T | string | null | undefined): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : (v ?? null));
  const decided = parse(row?.decided) ?? [];
  if (decided.length > 0) return decided;
  // The letters print "Section F: ...", so the report's "Section F" loses its own "Section".
  return (parse(row?.reported) ?? []).map((a) => ({ section: a.planSection.replace(/^section\s+/i, ''), change: a.amendment }));
}

/**
 * Reads amendments typed as lines, "F: weekly speech and language therapy" or
 * "Section B (needs): ...": the plan section before the first colon, the change after it.
 * A line without a section goes under "to be confirmed" rather than being lost.
 *
 * @example amendmentsFromText('Section F: Add weekly therapy') //=> [{ section: 'F', change: 'Add weekly therapy' }]
 */
export function amendmentsFromText(text: string): PlanAmendment[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^[-*•]\s*/, ''))
    .filter(Boolean)
    .map((line) => {
      const m = /^(?:section\s+)?([^:]{1,100}?)\s*:\s*(.+)$/i.exec(line);
      return m ? { section: (m[1] as string).replace(/^[a-k]\b/, (c) => c.toUpperCase()), change: (m[2] as string).trim() } : { section: 'to be confirmed', change: line };
    });
}
