export * from './fileKinds';
export * from './fileName';
export * from './longDate';
