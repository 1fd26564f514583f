export * from './amendmentNotice';
export * from './ceaseConsultationLetter';
export * from './councilSettings';
export * from './decisionLetter';
export * from './finalPlanLetter';
export { appealSections, letterLines } from './letterParts';
export * from './letterTypes';
export * from './sources';
export * from './statutoryElements';
