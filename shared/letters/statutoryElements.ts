/**
 * The paragraph ids that carry each element a letter must state, by provision: a test reads
 * every one of them back from the rendered .docx and PDF of each letter kind.
 */
export const statutoryElements = {
  /** Reg 22(2)(a)-(d): plan, notice and evidence; representations and a school; 15 days and a meeting; schools and colleges information. */
  reg22_2: ['plan-and-notice', 'representations', 'school-request', 'fifteen-days', 'meeting-request', 'schools-information'],
  /** Regs 32-33 and CFA 2014 ss.51-55: appeal and its last day; mediation, the adviser within 2 months, the certificate, telling the council; disagreement resolution; information, advice and support. */
  reg32_33: ['appeal-right', 'appeal-deadline', 'mediation-right', 'mediation-adviser', 'mediation-certificate', 'mediation-tell-council', 'disagreement-resolution', 'information-advice-support'],
  /** The placement-only exemption from the certificate (s55), in every appealable letter but the cease one. */
  placementExemption: ['mediation-exemption'],
} as const;
