// The letter form of a date now lives with the screen forms, in formatDate.ts.
export { longDate } from './formatDate';
