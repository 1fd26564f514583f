export * from './councilSettings';
export * from './decisionLetter';
export * from './sources';
