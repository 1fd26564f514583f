import { createEvent, enableTeamsMeeting, findEventByICalUId, updateEvent } from '../../bot/graph/calendar';
import { GraphCallError, GraphInputError } from '../../bot/graph/errors';
import type { RecordedRequest } from '../../testkit/graph-server/graphServer';
import { CASEWORKER, CLIENT_ID, type Harness, SENCO, SHARED_MAILBOX, startHarness } from '../../testkit/graph-server/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ graph: { joinUrlDelayReads: 2, mailboxScopes: {} } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.graph.requests.length = 0;
  h.graph.faults.clear();
});

const review = {
  subject: 'Annual review: J.S. (Year 6)',
  body: { html: '<p>Annual review of the EHC plan.</p>' },
  start: '2027-03-10T10:00',
  end: '2027-03-10T11:30',
  location: 'Meeting room 2, Oak Primary',
  requiredAttendees: [
    { email: 'parent@example.org', name: 'Parent' },
    { email: SENCO.userPrincipalName, name: SENCO.displayName },
  ],
  optionalAttendees: [{ email: 'ep@council.test', name: 'Educational Psychologist' }],
};

const graphCalls = (): RecordedRequest[] => h.graph.requests.filter((r) => r.target === 'graph');

test('createEvent sends Graph’s event shape: London times, attendees by type, body, location, transactionId, token and Prefer header', async () => {
  const event = await createEvent(h.userClient(), 'me', review);
  const [request] = graphCalls();
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe('/v1.0/me/events');
  expect(request?.headers.authorization).toMatch(/^Bearer eyJ/);
  expect(request?.headers.prefer).toBe('outlook.timezone="Europe/London"');
  expect(request?.headers['content-type']).toMatch(/^application\/json/);
  expect(request?.json).toEqual({
    subject: review.subject,
    body: { contentType: 'html', content: '<p>Annual review of the EHC plan.</p>' },
    start: { dateTime: '2027-03-10T10:00', timeZone: 'Europe/London' },
    end: { dateTime: '2027-03-10T11:30', timeZone: 'Europe/London' },
    location: { displayName: 'Meeting room 2, Oak Primary' },
    attendees: [
      { type: 'required', emailAddress: { address: 'parent@example.org', name: 'Parent' } },
      { type: 'required', emailAddress: { address: SENCO.userPrincipalName, name: SENCO.displayName } },
      { type: 'optional', emailAddress: { address: 'ep@council.test', name: 'Educational Psychologist' } },
    ],
    transactionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(event).toMatchObject({
    subject: review.subject,
    start: { dateTime: '2027-03-10T10:00:00.0000000', timeZone: 'Europe/London' },
    location: 'Meeting room 2, Oak Primary',
    isOnlineMeeting: false,
  });
  expect(event.attendees.map((a) => `${a.type}:${a.email}`)).toEqual(['required:parent@example.org', `required:${SENCO.userPrincipalName}`, 'optional:ep@council.test']);
  expect(h.graph.state.eventsOf(CASEWORKER.id).has(event.id)).toBe(true);
});

test('createEvent with teamsMeeting asks for a teamsForBusiness online meeting', async () => {
  await createEvent(h.userClient(), 'me', { ...review, teamsMeeting: true });
  expect(graphCalls()[0]?.json).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
});

test('a create cut off after Graph acted is resent with the same transactionId and Graph returns the same event', async () => {
  h.graph.faults.add({ method: 'POST', path: '/events', action: { type: 'drop', afterCommit: true } });
  const event = await createEvent(h.userClient(), 'me', { ...review, transactionId: 'review-2027-js-1' });
  const posts = graphCalls().filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(2);
  expect(posts.map((p) => (p.json as { transactionId: string }).transactionId)).toEqual(['review-2027-js-1', 'review-2027-js-1']);
  const stored = [...h.graph.state.eventsOf(CASEWORKER.id).values()].filter((e) => e.json.transactionId === 'review-2027-js-1');
  expect(stored).toHaveLength(1);
  expect(stored[0]?.json.id).toBe(event.id);
});

test('updateEvent PATCHes only what changed, replaces attendees as a list, and sends If-Match when given', async () => {
  const gc = h.userClient();
  const event = await createEvent(gc, 'me', review);
  h.graph.requests.length = 0;
  const updated = await updateEvent(gc, 'me', event.id, { start: '2027-03-11T14:00', end: '2027-03-11T15:00', requiredAttendees: [{ email: 'parent@example.org' }] }, { ifMatch: event.etag });
  const [request] = graphCalls();
  expect(request?.method).toBe('PATCH');
  expect(request?.path).toBe(`/v1.0/me/events/${encodeURIComponent(event.id)}`);
  expect(request?.headers['if-match']).toBe(event.etag);
  expect(request?.json).toEqual({
    start: { dateTime: '2027-03-11T14:00', timeZone: 'Europe/London' },
    end: { dateTime: '2027-03-11T15:00', timeZone: 'Europe/London' },
    attendees: [{ type: 'required', emailAddress: { address: 'parent@example.org' } }],
  });
  expect(updated.start.dateTime).toBe('2027-03-11T14:00:00.0000000');
  // The old etag no longer matches: Graph refuses, and the caller hears it is a conflict.
  await expect(updateEvent(gc, 'me', event.id, { subject: 'Moved' }, { ifMatch: event.etag })).rejects.toMatchObject({ code: 'graph-conflict', details: { status: 412 } });
});

test('enableTeamsMeeting turns the meeting on and re-reads until Graph provides the join link', async () => {
  const gc = h.userClient();
  const event = await createEvent(gc, 'me', review);
  h.graph.requests.length = 0;
  const waits: number[] = [];
  const teams = await enableTeamsMeeting(gc, 'me', event.id, { intervalMs: 250, sleep: async (ms) => void waits.push(ms) });
  expect(teams.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  const calls = graphCalls();
  expect(calls[0]).toMatchObject({ method: 'PATCH', json: { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } });
  // joinUrlDelayReads = 2: the PATCH answer and one re-read come back without it.
  expect(calls.slice(1).map((c) => c.method)).toEqual(['GET', 'GET']);
  expect(calls[1]?.query.get('$select')).toContain('onlineMeeting');
  expect(waits).toEqual([250, 250]);
});

test('enableTeamsMeeting gives up with a clear message when the link never appears', async () => {
  const gc = h.userClient();
  const event = await createEvent(gc, 'me', review);
  const error = await enableTeamsMeeting(gc, 'me', event.id, { attempts: 1, intervalMs: 0, sleep: async () => {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GraphCallError);
  expect((error as GraphCallError).message).toMatch(/join link/);
});

test('findEventByICalUId filters on iCalUId and returns the event, or undefined', async () => {
  const gc = h.userClient();
  const event = await createEvent(gc, 'me', review);
  h.graph.requests.length = 0;
  const found = await findEventByICalUId(gc, 'me', event.iCalUId);
  expect(found?.id).toBe(event.id);
  const [request] = graphCalls();
  expect(request?.method).toBe('GET');
  expect(request?.path).toBe('/v1.0/me/events');
  expect(request?.query.get('$filter')).toBe(`iCalUId eq '${event.iCalUId}'`);
  await expect(findEventByICalUId(gc, 'me', '040000008200E00074C5B7101A82E0080000000000')).resolves.toBeUndefined();
});

test('app-only: the SEN team’s shared calendar is reached through /users/{id}', async () => {
  const event = await createEvent(h.appClient(), SHARED_MAILBOX.userPrincipalName, review);
  expect(graphCalls()[0]?.path).toBe(`/v1.0/users/${encodeURIComponent(SHARED_MAILBOX.userPrincipalName)}/events`);
  expect(h.graph.state.eventsOf(SHARED_MAILBOX.id).has(event.id)).toBe(true);
});

test('bad input is refused before anything is sent, naming the field', async () => {
  const gc = h.userClient();
  const cases: [Record<string, unknown>, string][] = [
    [{ ...review, subject: ' ' }, 'subject'],
    [{ ...review, start: '10/03/2027 10:00' }, 'start'],
    [{ ...review, end: '2027-03-10T09:00' }, 'end'],
    [{ ...review, requiredAttendees: [{ email: 'not-an-address' }] }, 'requiredAttendees.0.email'],
  ];
  for (const [input, field] of cases) {
    const error = await createEvent(gc, 'me', input as typeof review).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphInputError);
    expect((error as GraphInputError).field).toBe(field);
  }
  await expect(updateEvent(gc, 'me', 'id', {})).rejects.toBeInstanceOf(GraphInputError);
  expect(graphCalls()).toHaveLength(0);
});

describe('permissions', () => {
  test('an app without Calendars.ReadWrite gets graph-forbidden naming the application permission and consent URL', async () => {
    const harness = await startHarness({ app: { applicationPermissions: ['Mail.Send'] } });
    try {
      const error = (await createEvent(harness.appClient(), SHARED_MAILBOX.id, review).catch((e: unknown) => e)) as GraphCallError;
      expect(error).toBeInstanceOf(GraphCallError);
      expect(error.code).toBe('graph-forbidden');
      expect(error.details).toMatchObject({ status: 403, graphCode: 'ErrorAccessDenied', permission: 'Calendars.ReadWrite' });
      expect(error.message).toContain('application permission Calendars.ReadWrite');
      expect(error.message).toContain('/adminconsent?client_id=');
    } finally {
      await harness.close();
    }
  });

  test('Exchange RBAC for Applications: a mailbox outside the app’s scope is refused', async () => {
    const harness = await startHarness({ graph: { mailboxScopes: { [CLIENT_ID]: [SHARED_MAILBOX.userPrincipalName] } } });
    try {
      await expect(createEvent(harness.appClient(), SHARED_MAILBOX.userPrincipalName, review)).resolves.toMatchObject({ subject: review.subject });
      await expect(createEvent(harness.appClient(), CASEWORKER.userPrincipalName, review)).rejects.toMatchObject({ code: 'graph-forbidden' });
    } finally {
      await harness.close();
    }
  });

  test('delegated: another person’s calendar is refused', async () => {
    await expect(createEvent(h.userClient(), SENCO.id, review)).rejects.toMatchObject({ code: 'graph-forbidden', details: { permission: 'Calendars.ReadWrite' } });
  });
});
