import { createJsonLogger } from './logger';
import { redactText, redactValue } from './redact';

const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ0In0.c2lnbmF0dXJl';

describe('redactText', () => {
  test('removes bearer tokens and bare JWTs', () => {
    expect(redactText(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [redacted]');
    expect(redactText(`token was ${jwt}.`)).toBe('token was [redacted-jwt].');
  });

  test('removes secret values from form bodies and query strings', () => {
    expect(redactText('client_id=abc&client_secret=s3cr3t~x&scope=x')).toBe('client_id=abc&client_secret=[redacted]&scope=x');
    expect(redactText('https://up/upload/1?authtoken=QWxhZGRpbjpvcGVu')).toBe('https://up/upload/1?authtoken=[redacted]');
    expect(redactText('assertion=abc.def&requested_token_use=on_behalf_of')).toBe('assertion=[redacted]&requested_token_use=on_behalf_of');
  });

  test('removes secret values from JSON text', () => {
    expect(redactText('{"access_token":"abc","expires_in":3599}')).toBe('{"access_token":"[redacted]","expires_in":3599}');
  });

  test('leaves ordinary text alone', () => {
    expect(redactText('Consent missing for tenant 7f0c (AADSTS65001)')).toBe('Consent missing for tenant 7f0c (AADSTS65001)');
  });
});

describe('redactValue', () => {
  test('blanks secret-named fields at any depth and keeps the rest', () => {
    expect(redactValue({ tenantId: 't', nested: { clientSecret: 'x', token: 'y', list: [{ Authorization: 'Bearer z' }] } })).toEqual({
      tenantId: 't',
      nested: { clientSecret: '[redacted]', token: '[redacted]', list: [{ Authorization: '[redacted]' }] },
    });
  });

  test('reduces errors to name, code and a redacted message', () => {
    const error = Object.assign(new Error(`failed with ${jwt}`), { code: 'graph-failed', request: { headers: { authorization: jwt } } });
    expect(redactValue(error)).toEqual({ name: 'Error', code: 'graph-failed', message: 'failed with [redacted-jwt]' });
  });

  test('survives cycles and buffers', () => {
    const a: Record<string, unknown> = { name: 'a', data: Buffer.alloc(4) };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: 'a', data: '[4 bytes]', self: '[omitted]' });
  });
});

test('createJsonLogger writes one redacted JSON object per line', () => {
  const lines: string[] = [];
  const logger = createJsonLogger({ write: (l) => lines.push(l), base: { component: 'graph' }, now: () => new Date('2027-03-10T10:00:00Z') });
  logger.warn(`retrying with Bearer ${jwt}`, { accessToken: jwt, attempt: 2 });
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0] ?? '')).toEqual({
    time: '2027-03-10T10:00:00.000Z',
    level: 'warn',
    msg: 'retrying with Bearer [redacted]',
    component: 'graph',
    accessToken: '[redacted]',
    attempt: 2,
  });
});
