export * from './fileKinds';
export * from './fileName';
