/** The decision letter: assembled from the review and the council's settings, rendered, delivered. */
export { CouncilSettingMissingError, LetterMailerError, LetterMailFailedError, LetterMailUnavailableError, NoDecisionYetError, NoFamilyAddressError } from './errors';
export { type LetterCase, type LetterRecipient, loadLetterCase } from './letterCase';
export { graphLetterMailer, type LetterMailer } from './mailer';
export { deliverDecisionLetter, type LetterDelivery, type LetterDeps, type LetterSendRecord, type ProduceLetterOptions, produceDecisionLetter } from './produceDecisionLetter';
export { renderLetter } from './render';
export { renderLetterDocx } from './renderDocx';
export { renderLetterPdf } from './renderPdf';
