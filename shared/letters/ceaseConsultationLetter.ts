import { longDate } from '../calendar/longDate';
import type { IsoDate } from '../timeline/types';
import { MissingCouncilSettingError, missingSettings, requiredLetterSettings } from './councilSettings';
import { keyDate, letterFrame, schoolConsulted, planOf, sentence } from './letterParts';
import type { Letter, LetterBase } from './letterTypes';
import { letterSources as src } from './sources';

export interface CeaseConsultationInput extends LetterBase {
  reasons: string;
  /** The day the council asks for the family's views by (local practice; the law sets no period). */
  viewsBy: IsoDate;
}

/**
 * The consultation letter on a proposal to cease the plan (Reg 31(1)(a)): why the council
 * is considering ceasing it, that no decision is made yet, how to give views, that the
 * school or institution named is consulted too, and that the plan stays in place meanwhile
 * and, if the council decides to cease, until the time to appeal has ended (s45).
 *
 * @see Reg 31(1)(a); CFA 2014 s45; CoP 9.199-9.210
 */
export function ceaseConsultationLetter(input: CeaseConsultationInput): Letter {
  const missing = missingSettings(input.settings, requiredLetterSettings('cease-consultation'));
  if (missing.length > 0) throw new MissingCouncilSettingError(missing);
  const by = longDate(input.viewsBy);
  return letterFrame(input, {
    kind: 'cease-consultation',
    title: 'We are considering stopping the EHC plan',
    sections: [
      {
        id: 'proposal',
        heading: 'What we are considering',
        paragraphs: [
          { id: 'considering', text: `We are considering whether to stop (cease) ${planOf(input)}. We have not decided yet.`, source: src.ceaseConsultation },
          { id: 'reasons', text: `Why: ${sentence(input.reasons)}`, source: src.ceaseConsultation },
          { id: 'views', text: `Please tell us what you think, in writing or by asking to meet us, by ${by}. We will take your views into account before we decide.`, source: src.ceaseConsultation },
          ...schoolConsulted(input.schoolName),
          { id: 'plan-continues', text: 'The plan stays in place while we decide. If we decide to stop it, we will write to you with our reasons and your right to appeal. The plan then stays in place until the time to appeal has ended, or any appeal is decided.', source: src.ceaseContinues },
        ],
      },
    ],
    keyDates: [keyDate('viewsBy', 'Please give us your views by', input.viewsBy, src.ceaseConsultation)],
  });
}
