import type { AddressInfo } from 'node:net';
import express from 'express';
import { GraphCallError, GraphInputError } from '../graph/errors';
import { IdentityError } from '../identity/errors';
import { silentLogger } from '../log/logger';
import { TooManyRowsError } from '../store/errors';
import { errorHandler } from './http';

async function answerTo(error: Error): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> {
  const app = express();
  app.get('/x', () => {
    throw error;
  });
  app.use(errorHandler(silentLogger));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
  } finally {
    server.close();
  }
}

describe('the API’s error answers', () => {
  it('answers identity failures by who must act: 403 with the consent link for an administrator, 401 for the user, 503 to retry', async () => {
    const consent = await answerTo(new IdentityError('consent-missing', 'An administrator of tenant T must consent.', { adminConsentUrl: 'https://login.example/adminconsent' }));
    expect(consent).toMatchObject({ status: 403, body: { error: 'consent-missing', adminConsentUrl: 'https://login.example/adminconsent' } });
    expect(await answerTo(new IdentityError('user-token-expired', 'Sign in again.'))).toMatchObject({ status: 401, body: { error: 'user-token-expired' } });
    expect(await answerTo(new IdentityError('identity-unavailable', 'Entra ID did not answer.'))).toMatchObject({ status: 503, retryAfter: '30' });
  });

  it('answers Graph failures as a gateway would, keeping what Graph said about the request', async () => {
    expect(await answerTo(new GraphCallError('graph-throttled', 'Throttled.', { operation: 'x', retryAfterSeconds: 12 }))).toMatchObject({ status: 503, retryAfter: '12' });
    expect(await answerTo(new GraphCallError('graph-forbidden', 'Grant Calendars.ReadWrite.', { operation: 'x' }))).toMatchObject({ status: 403, body: { error: 'graph-forbidden' } });
    expect(await answerTo(new GraphCallError('graph-not-found', 'No such item.', { operation: 'x' }))).toMatchObject({ status: 404 });
    expect(await answerTo(new GraphCallError('graph-unavailable', 'Down.', { operation: 'x' }))).toMatchObject({ status: 503 });
    expect(await answerTo(new GraphInputError('subject', 'is empty'))).toMatchObject({ status: 400, body: { problems: [{ field: 'subject', message: 'is empty' }] } });
  });

  it('answers a caseload over the row limit 413 with what to do', async () => {
    expect(await answerTo(new TooManyRowsError(10))).toMatchObject({ status: 413, body: { error: 'too-many-rows', message: expect.stringContaining('split it into smaller files') } });
  });

  it('answers anything else 500 without internals', async () => {
    expect(await answerTo(new Error('relation "secret_table" does not exist'))).toMatchObject({ status: 500, body: { error: 'internal' } });
  });
});
