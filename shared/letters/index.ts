export * from './councilSettings';
export * from './decisionLetter';
export * from './longDate';
export * from './sources';
