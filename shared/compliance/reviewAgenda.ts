import type { IsoDate } from '../timeline/types';

export const reviewAgendaSource = 'CoP 9.166-9.168, 9.176, 9.184-9.185; "7 steps" step 3';

export interface ReviewAgendaInput {
  /** The child's label (initials and reference), never the full name. */
  childLabel: string;
  meetingDate: IsoDate;
  adviceCirculatedBy: IsoDate | null;
  /** From Year 9 the meeting must cover preparing for adulthood. */
  preparingForAdulthood: boolean;
}

/** One agenda point: a heading and what to discuss. */
export interface AgendaItem {
  heading: string;
  detail: string;
}

/**
 * The review meeting's agenda: the person-centred points every review covers, preparing
 * for adulthood from Year 9, and the personal budget question.
 *
 * @example reviewAgenda({ childLabel: 'A.B. (DEMO-1)', meetingDate: '2027-01-12', adviceCirculatedBy: '2026-12-28', preparingForAdulthood: false })[0].heading //=> 'Welcome and purpose'
 * @see CoP 9.166-9.168, 9.176, 9.184-9.185
 */
export function reviewAgenda(input: ReviewAgendaInput): AgendaItem[] {
  const items: AgendaItem[] = [
    { heading: 'Welcome and purpose', detail: `Annual review of the EHC plan for ${input.childLabel} on ${input.meetingDate}.` },
    { heading: 'Views, wishes and feelings', detail: 'What the child or young person and their parents think is working, not working, and what matters to them.' },
    { heading: 'Progress towards outcomes', detail: 'Progress towards each outcome in section E, and whether the outcomes remain appropriate.' },
    { heading: 'Changed aspirations and new targets', detail: 'Any changed aspirations, and agreed short-term targets for the coming year.' },
    { heading: 'Provision', detail: 'Whether the special educational, health and social care provision is still right (sections F, G and H).' },
    {
      heading: 'Advice received',
      detail: input.adviceCirculatedBy ? `Advice and information circulated by ${input.adviceCirculatedBy}.` : 'Advice and information circulated two weeks before the meeting.',
    },
  ];
  if (input.preparingForAdulthood) {
    items.push({ heading: 'Preparing for adulthood', detail: 'Employment, independent living, friends and community participation, and good health; post-16 options.' });
  }
  items.push({ heading: 'Personal budget', detail: 'Ask whether the family would like a Personal Budget for any of the provision.' });
  items.push({ heading: 'Recommendation', detail: 'Agree the recommendation to the LA (maintain, amend or cease) and who writes the report.' });
  return items;
}

/** The agenda as HTML for the meeting body (text escaped). */
export function reviewAgendaHtml(items: readonly AgendaItem[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<h2>Agenda</h2><ol>${items.map((i) => `<li><strong>${esc(i.heading)}</strong>: ${esc(i.detail)}</li>`).join('')}</ol>`;
}
