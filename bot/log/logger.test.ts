import { createJsonLogger } from './logger';

const at = () => new Date('2027-03-10T10:00:00Z');

test('LOG_LEVEL=warn drops info lines and keeps warnings and errors', () => {
  const lines: string[] = [];
  const logger = createJsonLogger({ write: (l) => lines.push(l), now: at, level: 'warn' });
  logger.info('configuration', { port: 3978 });
  logger.warn('consent missing', { tenantId: 'north' });
  logger.error('store unreachable');
  expect(lines.map((l) => JSON.parse(l))).toEqual([
    { time: '2027-03-10T10:00:00.000Z', level: 'warn', msg: 'consent missing', tenantId: 'north' },
    { time: '2027-03-10T10:00:00.000Z', level: 'error', msg: 'store unreachable' },
  ]);
});

test('LOG_LEVEL=error still writes errors, and the base fields are redacted too', () => {
  const lines: string[] = [];
  const logger = createJsonLogger({ write: (l) => lines.push(l), now: at, level: 'error', base: { component: 'graph', clientSecret: 's3cret' } });
  logger.warn('retrying');
  logger.error('failed', { error: new Error('POST client_secret=s3cret rejected') });
  expect(lines.map((l) => JSON.parse(l))).toEqual([
    {
      time: '2027-03-10T10:00:00.000Z',
      level: 'error',
      msg: 'failed',
      component: 'graph',
      clientSecret: '[redacted]',
      error: { name: 'Error', message: 'POST client_secret=[redacted] rejected' },
    },
  ]);
});
