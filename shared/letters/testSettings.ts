import type { CouncilSettings } from './councilSettings';

/** The review-process settings (#23): not part of a letter. */
type ReviewRuleSetting = 'ceaseConsultationDays' | 'adviceLeadDays' | 'escalateAfterDays' | 'redMeansInPerson' | 'allThroughTransfer' | 'familyResponseReminderDays' | 'nextReviewFrom';

/** A fictional council's complete letter settings, for the letters' own tests and examples (the logo is the link pages', not the letters'). */
export const exampleCouncilSettings: Required<Omit<CouncilSettings, 'termDates' | 'councilLogo' | ReviewRuleSetting>> = {
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
  mediationCouncilContactName: 'Jo Mediation Officer',
  mediationCouncilContact: '01234 567899, mediation@demo-council.example',
  disagreementResolutionName: 'Demo Disagreement Resolution',
  disagreementResolutionContact: '0800 000 333',
  localOfferUrl: 'https://localoffer.demo-council.example/schools',
  healthCommissionerName: 'NHS Demo Integrated Care Board',
  healthCommissionerEmail: 'ehcp@demo-icb.example',
  postDeliveryDays: 2,
  letterDelivery: 'send',
  sharedMailbox: 'send@demo-council.example',
};
