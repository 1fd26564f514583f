import { computeTimeline } from '../timeline/computeTimeline';
import { type CouncilSettings, MissingCouncilSettingError } from './councilSettings';
import { type DecisionLetterInput, decisionLetter, letterLines } from './decisionLetter';

const settings: CouncilSettings = {
  councilName: 'Demo Borough Council',
  councilAddress: ['Town Hall', 'High Street', 'Demo Town DT1 1AA'],
  sendTeamName: 'SEND Team',
  sendTeamEmail: 'send@demo-council.example',
  sendTeamPhone: '01234 567890',
  signatoryName: 'Sam Officer',
  signatoryJobTitle: 'SEND Case Officer',
  sendiassName: 'Demo SENDIASS',
  sendiassContact: '01234 000111, help@demo-sendiass.example',
  mediationServiceName: 'Demo Mediation',
  mediationServiceContact: '0800 000 222, mediation@demo-mediation.example',
  disagreementResolutionName: 'Demo Mediation',
  disagreementResolutionContact: '0800 000 222',
};

const base: DecisionLetterInput = {
  outcome: 'maintain',
  reasons: 'The plan still describes Ada’s needs and the support she gets',
  letterDate: '2027-02-02',
  meetingDate: '2027-01-05',
  child: { name: 'Ada Example', laReference: 'DEMO-0007' },
  addressee: { kind: 'parent', name: 'Pat Example', email: 'pat@family.example' },
  schoolName: 'Oakfield Primary',
  dates: { appealDeadline: '2027-04-02', familyResponseBy: null, finalAmendedPlanDue: null },
  settings,
};

const text = (input: DecisionLetterInput) => letterLines(decisionLetter(input)).join('\n');
const ids = (input: DecisionLetterInput) => decisionLetter(input).sections.flatMap((s) => s.paragraphs.map((p) => p.id));

describe('decisionLetter: keeping the plan as it is', () => {
  it('dated Tuesday 2 February 2027, gives Friday 2 April 2027 as the last day to appeal, the timeline’s appeal deadline', () => {
    const timeline = computeTimeline({ planIssued: '2026-03-01', meetingDate: '2027-01-05', decision: { outcome: 'maintain', notifiedOn: '2027-02-02' } });
    expect(timeline.appealDeadline).toBe('2027-04-02');
    const letter = decisionLetter(base);
    expect(letter.dateText).toBe('Tuesday 2 February 2027');
    expect(letter.keyDates.find((d) => d.id === 'appealDeadline')).toMatchObject({ date: '2027-04-02', text: 'Friday 2 April 2027' });
    expect(text(base)).toContain('The last day to appeal is Friday 2 April 2027.');
  });

  it('states the decision, its reasons, the appeal, mediation first, disagreement resolution and free advice', () => {
    expect(ids(base)).toEqual(['meeting', 'outcome', 'reasons', 'head-teacher', 'appeal-right', 'appeal-deadline', 'mediation', 'mediation-school-only', 'disagreement-resolution', 'information-advice-support', 'contact']);
    const t = text(base);
    expect(t).toContain('We held the annual review meeting for Ada Example’s Education, Health and Care plan (EHC plan) on Tuesday 5 January 2027.');
    expect(t).toContain('We have decided to keep the EHC plan as it is.');
    expect(t).toContain('Our reasons: The plan still describes Ada’s needs and the support she gets.');
    expect(t).toContain('First-tier Tribunal (Special Educational Needs and Disability)');
    expect(t).toContain('you must contact a mediation adviser, even if you do not want mediation. Contact Demo Mediation: 0800 000 222, mediation@demo-mediation.example.');
    expect(t).toContain('Demo SENDIASS gives free information, advice and support');
    expect(t).toContain('contact the SEND Team on 01234 567890 or at send@demo-council.example');
  });

  it('cites a source for every paragraph and every key date', () => {
    const letter = decisionLetter(base);
    for (const p of letter.sections.flatMap((s) => s.paragraphs)) expect(p.source).toMatch(/Reg|CoP|CFA/);
    for (const d of letter.keyDates) expect(d.source).toMatch(/Reg|CoP|CFA/);
    expect(letter.sections[1]?.paragraphs.find((p) => p.id === 'appeal-right')?.source).toBe('Reg 20(11); CFA 2014 s51; CoP 9.177');
  });
});

describe('decisionLetter: ceasing the plan', () => {
  const cease: DecisionLetterInput = { ...base, outcome: 'cease', reasons: 'Ada no longer needs special educational provision through a plan.' };

  it('says the plan stays in place until the appeal time ends, and cites Reg 31(3) for the right of appeal', () => {
    const letter = decisionLetter(cease);
    expect(text(cease)).toContain('We have decided to stop (cease) the EHC plan.');
    expect(text(cease)).toContain('The EHC plan stays in place until the time to appeal has ended.');
    expect(letter.sections[1]?.paragraphs[0]?.source).toContain('Reg 31(3)');
    expect(ids(cease)).not.toContain('mediation-school-only');
    expect(text(cease)).toContain('The last day to appeal is Friday 2 April 2027.');
  });
});

describe('decisionLetter: amending the plan', () => {
  const timeline = computeTimeline({ planIssued: '2026-03-01', meetingDate: '2027-01-05', decision: { outcome: 'amend', notifiedOn: '2027-02-02' }, amendmentNoticeServed: '2027-02-02' });
  const amend: DecisionLetterInput = {
    ...base,
    outcome: 'amend',
    reasons: 'Ada now needs speech and language therapy each week',
    dates: { appealDeadline: null, familyResponseBy: timeline.familyResponseBy, finalAmendedPlanDue: timeline.finalAmendedPlanDue },
  };

  it('gives Tuesday 16 February 2027 to respond (15 days beginning with the notice) and Tuesday 30 March 2027 for the final plan (8 weeks)', () => {
    expect(timeline.familyResponseBy).toBe('2027-02-16');
    expect(timeline.finalAmendedPlanDue).toBe('2027-03-30');
    const t = text(amend);
    expect(t).toContain('Please tell us what you think of the changes by Tuesday 16 February 2027. That gives you at least 15 days');
    expect(t).toContain('We will send you the final amended EHC plan by Tuesday 30 March 2027.');
    expect(decisionLetter(amend).keyDates.map((d) => [d.id, d.text])).toEqual([
      ['letterDate', 'Tuesday 2 February 2027'],
      ['meetingDate', 'Tuesday 5 January 2027'],
      ['familyResponseBy', 'Tuesday 16 February 2027'],
      ['finalAmendedPlanDue', 'Tuesday 30 March 2027'],
    ]);
  });

  it('sends the notice with the decision, offers a meeting and a choice of school, and leaves appeal rights to the final plan', () => {
    expect(ids(amend)).toEqual(['meeting', 'outcome', 'reasons', 'head-teacher', 'amendment-notice', 'family-response', 'meeting-request', 'school-request', 'final-plan', 'appeal-later', 'information-advice-support', 'contact']);
    expect(decisionLetter(amend).sections[1]?.paragraphs[0]?.source).toContain('R (L) v Devon CC [2022] EWHC 493 (Admin)');
  });

  it('does not need the mediation or disagreement resolution settings', () => {
    const { mediationServiceName, mediationServiceContact, disagreementResolutionName, disagreementResolutionContact, ...rest } = settings;
    expect(() => decisionLetter({ ...amend, settings: rest })).not.toThrow();
  });

  it('is refused when the timeline has no response date yet (no notice recorded)', () => {
    expect(() => decisionLetter({ ...amend, dates: { appealDeadline: null, familyResponseBy: null, finalAmendedPlanDue: null } })).toThrow(/familyResponseBy and finalAmendedPlanDue/);
  });
});

describe('decisionLetter: addressing and wording', () => {
  it('writes to a young person about "your" plan and greets them by name', () => {
    const letter = decisionLetter({ ...base, addressee: { kind: 'young-person', name: null, email: null } });
    expect(letter.salutation).toBe('Dear Ada Example,');
    expect(letterLines(letter).join('\n')).toContain('for your Education, Health and Care plan (EHC plan)');
  });

  it('greets a parent whose name is not recorded as "parent or carer"', () => {
    expect(decisionLetter({ ...base, addressee: { kind: 'parent', name: null, email: null } }).salutation).toBe('Dear parent or carer,');
  });

  it('explains every acronym in brackets before or where it is first used', () => {
    for (const outcome of ['maintain', 'amend', 'cease'] as const) {
      const input = { ...base, outcome, dates: { appealDeadline: '2027-04-02', familyResponseBy: '2027-02-16', finalAmendedPlanDue: '2027-03-30' } };
      const letter = decisionLetter(input);
      // Only the letter's own wording: names and contacts come from the council's settings.
      const own = letter.sections.flatMap((s) => [s.heading, ...s.paragraphs.map((p) => p.text)]).join(' ')
        .replaceAll(settings.sendiassName as string, '').replaceAll(settings.sendTeamName as string, '').replaceAll('DEMO-0007', '');
      const acronyms = new Set([...own.matchAll(/\b[A-Z]{2,}\b/g)].map((m) => m[0]));
      expect([...acronyms].sort()).toEqual(['EHC', 'SEND']);
      // Its first use is the bracket after the words it stands for, e.g. "(EHC plan)".
      for (const acronym of acronyms) expect(own[own.search(new RegExp(`\\b${acronym}\\b`)) - 1]).toBe('(');
    }
  });

  it('keeps sentences short: none over 30 words', () => {
    for (const line of letterLines(decisionLetter(base))) {
      for (const s of line.split(/(?<=[.!?])\s+/)) expect(s.split(/\s+/).length).toBeLessThanOrEqual(30);
    }
  });
});

describe('decisionLetter: a missing council setting', () => {
  it('is refused with an error naming sendiassContact, never written with a blank', () => {
    const { sendiassContact, ...rest } = settings;
    const error = (() => {
      try {
        decisionLetter({ ...base, settings: rest });
      } catch (e) {
        return e;
      }
    })() as MissingCouncilSettingError;
    expect(error).toBeInstanceOf(MissingCouncilSettingError);
    expect(error.code).toBe('council-setting-missing');
    expect(error.settings).toEqual(['sendiassContact']);
    expect(error.message).toContain('sendiassContact');
  });

  it('names the mediation service too when keeping the plan, as the letter must print it', () => {
    expect(() => decisionLetter({ ...base, settings: { ...settings, mediationServiceName: undefined, signatoryName: '  ' } })).toThrow(/signatoryName .*mediationServiceName/);
  });
});
