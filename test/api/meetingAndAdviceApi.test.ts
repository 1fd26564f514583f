import { adviceRecorded, booked, bookedOnce, booking, healthAdvice, healthAdviceOnce, reviewsToBook, TODAY } from '../support/meetingAndAdvice';
import { type ApiUnderTest, serviceShapes, startServiceShape } from '../../testkit/serviceProcesses';

// Booking the meeting and recording advice through the HTTP API (the Outlook add-in's face):
// the same tasks (bot/app/bookMeeting, bot/app/recordAdvice), so the same expectations as
// their tests beside them.
describe.each(serviceShapes)('the meeting and advice through the API (%s)', (shape) => {
  let svc: ApiUnderTest;
  let ids: Record<string, string>;
  let senco: string;
  beforeAll(async () => {
    svc = await startServiceShape(
      shape,
      async (db) => {
        ({ ids } = await reviewsToBook(db));
      },
      { PUBLIC_URL: 'https://ehcp.example' },
      { now: () => new Date(`${TODAY}T12:00:00Z`) },
    );
    senco = await svc.token('senco', 'north-school', 'senco');
  });
  afterAll(() => svc?.stop());
  const db = () => svc.db;

  it('books the meeting, asks for the advice and views, and chases them; a replay with the key changes nothing', async () => {
    const reviewId = ids['M-1'] as string;
    const first = await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: booking, headers: { 'idempotency-key': 'book-1' } });
    expect(first).toMatchObject({ status: 201, body: { reviewId, warnings: [] } });
    const again = await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: booking, headers: { 'idempotency-key': 'book-1' } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(again.body)).toBe(JSON.stringify(first.body));
    expect(await booked(db(), reviewId)).toEqual(bookedOnce);
  });

  it('without a key, the first answer holds each request’s one-time link', async () => {
    const reviewId = ids['M-3'] as string;
    const res = await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: booking });
    expect(res.body.adviceLinks.map((l: { url: string }) => l.url.startsWith('https://ehcp.example/'))).toEqual([true, true, true]);
    expect(await booked(db(), reviewId)).toEqual(bookedOnce);
  });

  it('refuses a professional (403), bad input (400 naming each field) and an unlawful meeting (422), storing nothing', async () => {
    const reviewId = ids['M-2'] as string;
    const professional = await svc.token('professional', 'nhs', 'ep');
    expect((await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: professional, body: booking })).status).toBe(403);
    expect(await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: { ...booking, mode: 'outdoors' } })).toMatchObject({ status: 400, body: { problems: [{ field: 'mode' }] } });
    expect((await svc.call('POST', `/api/reviews/${reviewId}/meeting`, { token: senco, body: { ...booking, invitees: [{ role: 'parent' }] } })).status).toBe(422);
    expect(await booked(db(), reviewId)).toMatchObject({ stage: 'not-booked', meetings: 0, invitations: 0, meetingAudit: 0 });
  });

  it('records advice against its request and stops chasing it; a replay records nothing more', async () => {
    const reviewId = ids['M-1'] as string;
    const first = await svc.call('POST', `/api/reviews/${reviewId}/advice`, { token: senco, body: healthAdvice, headers: { 'idempotency-key': 'advice-1' } });
    expect(first).toMatchObject({ status: 201, body: { reviewId, adviceId: expect.any(Number) } });
    const again = await svc.call('POST', `/api/reviews/${reviewId}/advice`, { token: senco, body: healthAdvice, headers: { 'idempotency-key': 'advice-1' } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await adviceRecorded(db(), reviewId)).toEqual(healthAdviceOnce);
  });

  it('refuses an LA manager (403) and half a file reference (400), recording nothing', async () => {
    const reviewId = ids['M-3'] as string;
    const manager = await svc.token('la-manager', 'north-council', 'manager');
    expect((await svc.call('POST', `/api/reviews/${reviewId}/advice`, { token: manager, body: healthAdvice })).status).toBe(403);
    expect(await svc.call('POST', `/api/reviews/${reviewId}/advice`, { token: senco, body: { ...healthAdvice, driveId: 'b!x' } })).toMatchObject({ status: 400, body: { problems: [{ field: 'itemId' }] } });
    expect(await adviceRecorded(db(), reviewId)).toMatchObject({ items: 0, answered: [], adviceAudit: 0 });
  });
});
