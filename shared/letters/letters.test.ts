import { computeTimeline } from '../timeline/computeTimeline';
import { appealDeadline, mediationAdviserBy } from '../timeline/rules/appealDeadline';
import { amendmentNotice } from './amendmentNotice';
import { ceaseConsultationLetter } from './ceaseConsultationLetter';
import { councilSettingsSchema, MissingCouncilSettingError } from './councilSettings';
import { type DecisionLetterInput, decisionLetter } from './decisionLetter';
import { finalPlanLetter, notAmendingLetter } from './finalPlanLetter';
import { letterLines } from './letterParts';
import type { Letter } from './letterTypes';
import { statutoryElements } from './statutoryElements';
import { exampleCouncilSettings as settings } from './testSettings';

const base: DecisionLetterInput = {
  outcome: 'maintain',
  reasons: 'The plan still describes Ada’s needs and the support she gets',
  letterDate: '2027-02-02',
  meetingDate: '2027-01-05',
  meetingHeldBy: 'Oakfield Primary',
  child: { name: 'Ada Example', laReference: 'DEMO-0007' },
  addressee: { kind: 'parent', name: 'Pat Example', email: 'pat@family.example' },
  schoolName: 'Oakfield Primary',
  dates: { appealDeadline: '2027-04-02', mediationAdviserBy: '2027-04-02', familyResponseBy: null, finalAmendedPlanDue: null, nextReviewDeadline: '2028-02-01' },
  settings,
};
const changes = [
  { section: 'B (special educational needs)', change: 'Add Ada’s difficulty with spoken language, from the speech and language therapist’s advice' },
  { section: 'F (special educational provision)', change: 'Add a weekly 30-minute session of speech and language therapy' },
];
const amend: DecisionLetterInput = { ...base, outcome: 'amend', proposedAmendments: changes, dates: { appealDeadline: null, familyResponseBy: '2027-02-16', finalAmendedPlanDue: '2027-03-30', nextReviewDeadline: '2028-02-01' } };
const rights = { appealDeadline: '2027-04-02', mediationAdviserBy: '2027-04-02', nextReviewDeadline: '2028-02-01' };
const text = (letter: Letter) => letterLines(letter).join('\n');
const ids = (letter: Letter) => letter.sections.flatMap((s) => s.paragraphs.map((p) => p.id));

/** Each kind as the service writes it, for the checks every letter must pass. */
const every: [string, Letter][] = [
  ['maintain', decisionLetter(base)],
  ['amend', decisionLetter(amend)],
  ['cease', decisionLetter({ ...base, outcome: 'cease', reasons: 'Ada’s needs are met without a plan' })],
  ['amendment notice', amendmentNotice({ ...base, proposedAmendments: changes, evidence: [{ title: 'Speech and language therapy advice', detail: 'received Monday 4 January 2027', link: 'https://sharepoint.example/advice.pdf' }], dates: { familyResponseBy: '2027-02-16', finalAmendedPlanDue: '2027-03-30' } })],
  ['final plan', finalPlanLetter({ ...base, amendments: changes, representationsReceived: true, dates: rights })],
  ['not amending', notAmendingLetter({ ...base, reasons: 'Ada’s mother showed the current provision is working', dates: rights })],
  ['cease consultation', ceaseConsultationLetter({ ...base, reasons: 'Ada’s needs may now be met without a plan', viewsBy: '2027-02-16' })],
];

const REG_22_2 = [...statutoryElements.reg22_2];
const REG_32_33 = [...statutoryElements.reg32_33];

describe('the dates in the letters, counted from the day the letter is sent', () => {
  it('a maintain letter sent Tuesday 2 February 2027 gives Friday 2 April 2027 to appeal and to contact the mediation adviser, as the timeline does', () => {
    const timeline = computeTimeline({ planIssued: '2026-03-01', meetingDate: '2027-01-05', decision: { outcome: 'maintain', notifiedOn: '2027-02-02' } });
    expect([timeline.appealDeadline, appealDeadline('2027-02-02'), mediationAdviserBy('2027-02-02')]).toEqual(['2027-04-02', '2027-04-02', '2027-04-02']);
    const letter = decisionLetter(base);
    expect(letter.dateText).toBe('Tuesday 2 February 2027');
    expect(letter.keyDates.map((d) => [d.id, d.text])).toEqual([
      ['letterDate', 'Tuesday 2 February 2027'],
      ['meetingDate', 'Tuesday 5 January 2027'],
      ['mediationAdviserBy', 'Friday 2 April 2027'],
      ['appealDeadline', 'Friday 2 April 2027'],
      ['nextReviewDeadline', 'Tuesday 1 February 2028'],
    ]);
    expect(text(letter)).toContain('The last day to appeal is Friday 2 April 2027.');
  });

  it('an amend letter sent 2 February 2027 gives until Tuesday 16 February (15 days counting the day sent) and Tuesday 30 March for the final plan', () => {
    const timeline = computeTimeline({ planIssued: '2026-03-01', meetingDate: '2027-01-05', decision: { outcome: 'amend', notifiedOn: '2027-02-02' }, amendmentNoticeServed: '2027-02-02' });
    expect([timeline.familyResponseBy, timeline.finalAmendedPlanDue]).toEqual(['2027-02-16', '2027-03-30']);
    const t = text(decisionLetter(amend));
    expect(t).toContain('You have at least 15 days, counting the day this notice reached you, to do so: please tell us by Tuesday 16 February 2027.');
    expect(t).toContain('We will send you the final amended EHC plan by Tuesday 30 March 2027.');
  });
});

describe.each(every)('the %s letter', (_kind, letter) => {
  it('puts the key dates before the first section, so they are on page 1', () => {
    const lines = letterLines(letter);
    expect(lines.indexOf(letter.keyDatesHeading)).toBeLessThan(lines.indexOf(letter.sections[0]?.heading as string));
  });
  it('cites a source for every paragraph and key date', () => {
    for (const p of letter.sections.flatMap((s) => s.paragraphs)) expect([p.id, p.source]).toEqual([p.id, expect.stringMatching(/Reg|CoP|CFA|HESC/)]);
    for (const d of letter.keyDates) expect(d.source).toMatch(/Reg|CoP|CFA|HESC/);
  });
  it('keeps sentences short: none over 30 words', () => {
    for (const line of letterLines(letter)) for (const s of line.split(/(?<=[.!?:])\s+/)) expect([s, s.split(/\s+/).length <= 30]).toEqual([s, true]);
  });
});

describe('who held the meeting, and what the family need do', () => {
  it('says the school held the meeting when it did (Reg 20(12)), and the council when it did', () => {
    expect(text(decisionLetter(base))).toContain('Oakfield Primary held the annual review meeting for Ada Example’s Education, Health and Care plan (EHC plan) on Tuesday 5 January 2027.');
    expect(text(decisionLetter({ ...base, meetingHeldBy: null }))).toContain('We held the annual review meeting for Ada Example’s');
  });
  it('says "if you agree, you need do nothing" and gives the next review’s deadline', () => {
    for (const letter of [decisionLetter(base), decisionLetter(amend)]) {
      expect(text(letter)).toMatch(/If you agree with (this decision|the changes), you need do nothing\./);
      expect(text(letter)).toContain('The next annual review of the plan must be completed by Tuesday 1 February 2028.');
    }
  });
  it('lists each proposed change in the amend letter and in the notice', () => {
    for (const letter of [decisionLetter(amend), every[3]?.[1] as Letter]) {
      expect(text(letter)).toContain('Section B (special educational needs): Add Ada’s difficulty with spoken language, from the speech and language therapist’s advice.');
      expect(text(letter)).toContain('Section F (special educational provision): Add a weekly 30-minute session of speech and language therapy.');
    }
    expect(text(decisionLetter(amend))).not.toContain('we explain the changes');
  });
  it('refuses an amend letter without proposed amendments, naming the field', () => {
    expect(() => decisionLetter({ ...amend, proposedAmendments: [] })).toThrow(/proposed amendments/);
  });
});

describe('Reg 22(2)(a)-(d) in the amend letter and the notice', () => {
  it.each([
    ['amend', decisionLetter(amend)],
    ['notice', every[3]?.[1] as Letter],
  ])('the %s carries every element, with the Local Offer for schools and colleges', (_k, letter) => {
    expect(ids(letter)).toEqual(expect.arrayContaining(REG_22_2));
    expect(text(letter)).toContain('Information about the schools and colleges available is in our Local Offer: https://localoffer.demo-council.example/schools.');
    expect(text(letter)).toContain('You have the right to ask for a particular school, college or other institution to be named in the plan.');
  });
  it('the notice lists the evidence with its link', () => {
    expect(text(every[3]?.[1] as Letter)).toContain('Speech and language therapy advice: received Monday 4 January 2027. Open it at https://sharepoint.example/advice.pdf.');
    const enclosed = amendmentNotice({ ...base, proposedAmendments: changes, evidence: [{ title: 'Advice from health services', detail: 'received Monday 4 January 2027', enclosed: true }, { title: 'The report of the annual review meeting', detail: 'sent by the school on Friday 8 January 2027' }], dates: { familyResponseBy: '2027-02-16', finalAmendedPlanDue: '2027-03-30' } });
    expect(text(enclosed)).toContain('Advice from health services: received Monday 4 January 2027. A copy is enclosed.');
    expect(text(enclosed)).toContain('The report of the annual review meeting: sent by the school on Friday 8 January 2027. Ask us and we will send you a copy straight away.');
  });
});

describe('Regs 32-33 and CFA 2014 ss.51-55 in every appealable letter', () => {
  it.each(every.filter(([k]) => ['maintain', 'cease', 'final plan', 'not amending'].includes(k)))('the %s letter states each right, with both contacts kept apart', (kind, letter) => {
    expect(ids(letter)).toEqual(expect.arrayContaining(REG_32_33));
    const t = text(letter);
    expect(t).toContain('Contact Demo Mediation: 0800 000 222, mediation@demo-mediation.example. Please contact them by Friday 2 April 2027, within 2 months after the day this letter was sent.');
    expect(t).toContain('If you want mediation, tell Jo Mediation Officer at the council (01234 567899, mediation@demo-council.example): say what you want mediation about, and whether it is also about health care provision.');
    expect(t).toContain('disagreement resolution service: Demo Disagreement Resolution (0800 000 333)');
    expect(letter.sections.map((s) => s.heading)).toEqual(expect.arrayContaining(['Mediation', 'Disagreement resolution']));
    // The placement-only exemption (s55) does not apply to ceasing the plan.
    expect(ids(letter).includes('mediation-exemption')).toBe(kind !== 'cease');
  });
  it('states the exemption in full', () => {
    expect(text(decisionLetter(base))).toContain('only about the school or other institution named in the plan, the type of school or institution named, or that none is named. Then you do not need to contact a mediation adviser or get a certificate.');
  });
  it('the final plan goes to the school named and the commissioning body, with the right of appeal under s51(2)(c)', () => {
    const letter = every[4]?.[1] as Letter;
    expect(text(letter)).toContain('We are sending a copy to NHS Demo Integrated Care Board, the health commissioning body');
    expect(letter.sections[1]?.paragraphs[0]?.source).toContain('s51(2)(c)');
  });
  it('not amending gives reasons and the right of appeal under s51(2)(e)', () => {
    const letter = every[5]?.[1] as Letter;
    expect(text(letter)).toContain('Our reasons: Ada’s mother showed the current provision is working.');
    expect(letter.sections[1]?.paragraphs[0]?.source).toContain('s51(2)(e)');
  });
});

describe('the cease letters', () => {
  it('the decision to cease says the plan stays in place during an appeal', () => {
    expect(text(every[2]?.[1] as Letter)).toContain('The EHC plan stays in place until the time to appeal has ended. If you appeal, it stays in place until the appeal is decided.');
  });
  it('the consultation says nothing is decided yet and asks for views by a date', () => {
    const t = text(every[6]?.[1] as Letter);
    expect(t).toContain('We are considering whether to stop (cease) Ada Example’s Education, Health and Care plan (EHC plan). We have not decided yet.');
    expect(t).toContain('by Tuesday 16 February 2027');
    expect(t).toContain('We are also asking Oakfield Primary for its views.');
  });
});

describe('addressing and settings', () => {
  it('writes to a young person about "your" plan and greets them by name', () => {
    const letter = decisionLetter({ ...base, addressee: { kind: 'young-person', name: null, email: null } });
    expect(letter.salutation).toBe('Dear Ada Example,');
    expect(text(letter)).toContain('for your Education, Health and Care plan (EHC plan)');
  });
  it('explains every acronym of its own wording where first used', () => {
    for (const [, letter] of every) {
      const own = letter.sections.flatMap((s) => [s.heading, ...s.paragraphs.map((p) => p.text)]).join(' ');
      const scrubbed = [settings.sendiassName, settings.sendTeamName, settings.healthCommissionerName, 'DEMO-0007'].reduce((t, v) => t.replaceAll(v, ''), own);
      const acronyms = new Set([...scrubbed.matchAll(/\b[A-Z]{2,}\b/g)].map((m) => m[0]));
      for (const acronym of acronyms) expect([acronym, scrubbed[scrubbed.search(new RegExp(`\\b${acronym}\\b`)) - 1]]).toEqual([acronym, '(']);
    }
  });
  it('refuses a letter with a setting missing, naming it, never writing a blank', () => {
    const { mediationCouncilContactName, ...rest } = settings;
    expect(() => decisionLetter({ ...base, settings: rest })).toThrow(MissingCouncilSettingError);
    expect(() => decisionLetter({ ...base, settings: rest })).toThrow(/mediationCouncilContactName/);
    const { localOfferUrl, ...noOffer } = settings;
    expect(() => decisionLetter({ ...amend, settings: noOffer })).toThrow(/localOfferUrl/);
  });
  it('does not need the mediation settings for a decision to amend (they go with the final plan)', () => {
    const { mediationServiceName, mediationServiceContact, disagreementResolutionName, disagreementResolutionContact, ...rest } = settings;
    expect(() => decisionLetter({ ...amend, settings: rest })).not.toThrow();
  });
});

describe('the council’s logo for its link pages', () => {
  it('takes a PNG as a data URL and refuses anything else, saying what to send', () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    expect(councilSettingsSchema.safeParse({ councilLogo: png }).success).toBe(true);
    for (const bad of ['data:image/jpeg;base64,/9j/4AAQSkZJRg==', 'data:image/png;base64,R0lGODlhAQABAAAAACw=', 'https://council.example/logo.png']) {
      const parsed = councilSettingsSchema.safeParse({ councilLogo: bad });
      expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe('must be a PNG image as a data URL (data:image/png;base64,...)');
    }
  });
});
