import { z } from 'zod';
import { isIsoDate } from '../calendar/isoDate';
import { DomainError } from '../errors';
import type { DecisionOutcome } from '../timeline/types';

/** Which letter: the decision, the amendment notice, the final plan, not amending, the cease consultation (here, below letterTypes, so the two do not import each other). */
export type LetterKind = 'decision' | 'amendment-notice' | 'final-plan' | 'not-amending' | 'cease-consultation';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const email = z.string().trim().email('must be an email address').max(254);
const day = z.string().refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD' });
const span = z.strictObject({ start: day, end: day }).refine((s) => s.start <= s.end, { message: 'must not end before it starts' });
const term = z.strictObject({ name: text(60), start: day, end: day, halfTerm: span.optional() }).refine((t) => t.start <= t.end, { message: 'must not end before it starts' });

/**
 * What a council sets once for its decision letters. Every field is optional in the store,
 * so a council can fill them in over time; a letter that needs a missing one is refused
 * with {@link MissingCouncilSettingError} naming it, never written with a blank.
 */
export const councilSettingsSchema = z
  .object({
    /** The council's name as it heads its letters, e.g. "Demo Borough Council". */
    councilName: text(200),
    /**
     * The council's logo for the family's and professionals' link pages, as a PNG data URL
     * (`data:image/png;base64,...`, at most about 100 KB): served from the service itself,
     * since the pages load nothing from anywhere else.
     */
    councilLogo: z
      .string()
      .trim()
      .max(140_000, 'must be at most about 100 KB; save the logo smaller')
      // "iVBORw0KGgo" is the PNG signature in base64: the bytes are a PNG, not only the label.
      .regex(/^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/, 'must be a PNG image as a data URL (data:image/png;base64,...)'),
    /** The council's postal address, one line per entry, for the letterhead. */
    councilAddress: z.array(text(200)).min(1, 'needs at least one line').max(8),
    /** The team that writes the letter and answers questions, e.g. "SEND Team". */
    sendTeamName: text(200),
    sendTeamEmail: email,
    sendTeamPhone: text(40),
    /** Who signs the letter: the officer's or the manager's name and job title. */
    signatoryName: text(200),
    signatoryJobTitle: text(200),
    /** The local SEND Information, Advice and Support Service (CoP 9.177; Reg 20(11)). */
    sendiassName: text(200),
    /** Its phone, email or website, as it should be printed. */
    sendiassContact: text(300),
    /** The mediation service the council commissions (CFA 2014 s53-55; Reg 32-33). */
    mediationServiceName: text(200),
    mediationServiceContact: text(300),
    /**
     * The person at the council the family tells if they want mediation (Reg 32), e.g.
     * "the SEND Mediation Officer"; kept apart from the mediation adviser above.
     */
    mediationCouncilContactName: text(200),
    mediationCouncilContact: text(300),
    /** The independent disagreement resolution service (CFA 2014 s57; CoP 11.8): a second service, not the mediation adviser. */
    disagreementResolutionName: text(200),
    disagreementResolutionContact: text(300),
    /** Where the family finds information about the schools and colleges available: the council's Local Offer page (Reg 22(2)(d)). */
    localOfferUrl: z.string().trim().url('must be a web address (https://...)').max(500),
    /**
     * The responsible commissioning body that gets a copy of the final amended plan (Reg 22(3)),
     * e.g. "NHS Demo Integrated Care Board", and the address its copy goes to.
     */
    healthCommissionerName: text(200),
    healthCommissionerEmail: email,
    /**
     * Days a posted letter takes to arrive (the delivery allowance, Interpretation Act 1978 s7):
     * a notice posted on day D is served on D + this many days. Default 2.
     */
    postDeliveryDays: z.number().int().min(0).max(10),
    /**
     * How a letter leaves: `send` mails it from the shared mailbox at once; `draft` saves
     * it in the shared mailbox's Drafts for an officer to check and send.
     */
    letterDelivery: z.enum(['send', 'draft']),
    /** The council's shared mailbox the letters go from, e.g. send@council.gov.uk. */
    sharedMailbox: email,
    // How the council runs its reviews where the law leaves it to them (README, "Readings and council settings").
    /** Days the family and the institution are consulted on a proposal to cease (Reg 31(1)); default 15. */
    ceaseConsultationDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(90, 'must be at most 90 days'),
    /** Days before the circulation date that advice is asked for by (Reg 20(4)); default 7. */
    adviceLeadDays: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(28, 'must be at most 28 days'),
    /** Days past the latest meeting date before an unbooked review is escalated to the case officer; default 14. */
    escalateAfterDays: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(90, 'must be at most 90 days'),
    /**
     * Days before the family's 15 days to respond to proposed amendments end that the
     * family is reminded by email (Reg 22(2)(c)); 0 turns the reminder off; default 5.
     */
    familyResponseReminderDays: z.number().int('must be a whole number of days').min(0, 'must be 0 or more').max(14, 'must be at most 14 days'),
    /** A red review held virtually: `block` (Derby's rule) or `warn` (default). */
    redMeansInPerson: z.enum(['block', 'warn']),
    /**
     * What the next 12 months start with once a review is concluded: the decision notified
     * (`decision`, default: the review is concluded then, CoP 9.169) or its meeting (`meeting`,
     * the conservative reading: "last reviewed" in CFA 2014 s44(1) is not defined).
     */
    nextReviewFrom: z.enum(['decision', 'meeting']),
    /** Year 6 to 7 inside an all-through school counts as a Reg 18 transfer (default true: the law is unsettled). */
    allThroughTransfer: z.boolean(),
    /**
     * The council's school term dates (its reminders' school days and the due list before
     * each term follow them; reviews of its children at any school follow its own). Unset:
     * the typical England terms.
     */
    termDates: z.array(term).min(1, 'needs at least one term').max(60),
  })
  .partial()
  .strict();

export type CouncilSettings = z.output<typeof councilSettingsSchema>;
export type CouncilSettingName = keyof CouncilSettings;

/** What each setting is, in words a manager recognises (used in refusals). */
export const councilSettingLabels: Record<CouncilSettingName, string> = {
  councilName: "the council's name",
  councilLogo: "the council's logo (a PNG) for the link pages",
  councilAddress: "the council's postal address",
  sendTeamName: "the SEND team's name",
  sendTeamEmail: "the SEND team's email address",
  sendTeamPhone: "the SEND team's phone number",
  signatoryName: 'the name of the person who signs the letter',
  signatoryJobTitle: 'the job title of the person who signs the letter',
  sendiassName: "the local SEND Information, Advice and Support Service's name",
  sendiassContact: "the local SEND Information, Advice and Support Service's contact details",
  mediationServiceName: "the mediation service's name",
  mediationServiceContact: "the mediation service's contact details",
  mediationCouncilContactName: 'the person at the council the family tells if they want mediation',
  mediationCouncilContact: "that person's contact details",
  disagreementResolutionName: "the disagreement resolution service's name",
  disagreementResolutionContact: "the disagreement resolution service's contact details",
  localOfferUrl: "the Local Offer's web address (information about schools and colleges)",
  healthCommissionerName: 'the responsible health commissioning body',
  healthCommissionerEmail: "the health commissioning body's email address for plans",
  postDeliveryDays: 'how many days a posted letter takes to arrive',
  letterDelivery: 'how letters are sent (send or draft)',
  sharedMailbox: "the council's shared mailbox",
  ceaseConsultationDays: 'the days of consultation on a proposal to cease',
  adviceLeadDays: 'the days before circulation that advice is due',
  nextReviewFrom: 'what the next 12 months count from (the decision or the meeting)',
  escalateAfterDays: 'the days late before an unbooked review is escalated to the case officer',
  familyResponseReminderDays: "the days before the family's 15 days end that they are reminded (0: never)",
  redMeansInPerson: 'whether a red review must be held face to face (block or warn)',
  allThroughTransfer: 'whether Year 6 to 7 in an all-through school is a phase transfer',
  termDates: "the council's school term dates",
};

const EVERY_LETTER: CouncilSettingName[] = [
  'councilName',
  'councilAddress',
  'sendTeamName',
  'sendTeamEmail',
  'sendTeamPhone',
  'signatoryName',
  'signatoryJobTitle',
  'sendiassName',
  'sendiassContact',
];
const RIGHTS_OF_APPEAL: CouncilSettingName[] = [
  'mediationServiceName',
  'mediationServiceContact',
  'mediationCouncilContactName',
  'mediationCouncilContact',
  'disagreementResolutionName',
  'disagreementResolutionContact',
];

/**
 * The settings a letter prints. Keeping or ceasing the plan, the final plan and "not
 * amending" carry the rights of appeal, so they need the mediation adviser, the council's
 * mediation contact and the disagreement resolution service; the amendment notice needs
 * the Local Offer (where to find schools and colleges); the final plan also the health
 * commissioning body it is sent to.
 *
 * @example requiredLetterSettings('amend').includes('mediationServiceName') //=> false
 * @see Reg 20(11); Reg 22(2)(d); Reg 22(3); Reg 32; CoP 9.177
 */
export function requiredLetterSettings(kind: DecisionOutcome | LetterKind): CouncilSettingName[] {
  switch (kind) {
    case 'amend':
    case 'amendment-notice':
      return [...EVERY_LETTER, 'localOfferUrl'];
    case 'cease-consultation':
      return EVERY_LETTER;
    case 'final-plan':
      return [...EVERY_LETTER, ...RIGHTS_OF_APPEAL, 'healthCommissionerName', 'healthCommissionerEmail'];
    default:
      return [...EVERY_LETTER, ...RIGHTS_OF_APPEAL];
  }
}

/** The delivery allowance for post when the council has not set one (Interpretation Act 1978 s7). */
export const DEFAULT_POST_DELIVERY_DAYS = 2;

/** The settings sending needs on top of the letter's own. */
export const deliverySettings: CouncilSettingName[] = ['letterDelivery', 'sharedMailbox'];

/** Settings in `names` that `settings` lacks, in the order given. */
export function missingSettings(settings: CouncilSettings, names: readonly CouncilSettingName[]): CouncilSettingName[] {
  return names.filter((name) => {
    const value = settings[name];
    return value === undefined || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.trim() === '');
  });
}

/** A letter needs council settings that are not set; `settings` names each one. */
export class MissingCouncilSettingError extends DomainError {
  constructor(
    readonly settings: CouncilSettingName[],
    /** What cannot happen without them: the letter written, or sent. */
    blocked: 'written' | 'sent' = 'written',
  ) {
    const listed = settings.map((s) => `${s} (${councilSettingLabels[s]})`).join(', ');
    super(
      'council-setting-missing',
      `The letter cannot be ${blocked}: the council's settings have no ${listed}. An LA manager sets ${settings.length === 1 ? 'it' : 'them'} in the council's letter settings.`,
      settings[0],
    );
  }
}
