export * from './bankHolidays';
export * from './isoDate';
export * from './londonDay';
export * from './periods';
export * from './termDates';
export * from './memo';
export * from './longDate';
export * from './tribunalDays';
