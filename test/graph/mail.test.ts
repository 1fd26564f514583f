import { type GraphCallError, GraphInputError } from '../../bot/graph/errors';
import { sendMail } from '../../bot/graph/mail';
import { bytes, CASEWORKER, CLIENT_ID, type Harness, SHARED_MAILBOX, startHarness } from '../../testkit/graph-server/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ graph: { sendAs: { [CASEWORKER.id]: [SHARED_MAILBOX.userPrincipalName] } } });
});
afterAll(() => h.close());
beforeEach(() => {
  h.graph.requests.length = 0;
  h.graph.faults.clear();
  h.graph.state.sentMail.length = 0;
});

const letter = {
  to: [{ email: 'parent@example.org', name: 'Parent' }],
  cc: [{ email: 'senco@school.test' }],
  subject: 'Decision following the annual review',
  body: { html: '<p>Please find the decision letter attached.</p>' },
  attachments: [{ name: 'Decision letter.pdf', contentType: 'application/pdf', content: bytes(80_000) }],
};

test('a letter from the signed-in user is one sendMail with the documented message shape', async () => {
  await expect(sendMail(h.userClient(), 'me', letter)).resolves.toEqual({ via: 'sendMail' });
  const [request] = h.graph.requests;
  expect(request?.method).toBe('POST');
  expect(request?.path).toBe('/v1.0/me/sendMail');
  expect(request?.json).toEqual({
    message: {
      subject: letter.subject,
      body: { contentType: 'html', content: '<p>Please find the decision letter attached.</p>' },
      toRecipients: [{ emailAddress: { address: 'parent@example.org', name: 'Parent' } }],
      ccRecipients: [{ emailAddress: { address: 'senco@school.test' } }],
      attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'Decision letter.pdf', contentType: 'application/pdf', contentBytes: bytes(80_000).toString('base64') }],
    },
    saveToSentItems: true,
  });
  expect(h.graph.state.sentMail[0]).toMatchObject({ mailbox: CASEWORKER.id, attachments: [{ name: 'Decision letter.pdf', size: 80_000 }] });
});

test('app-only: the SEN team’s shared mailbox sends through /users/{mailbox}/sendMail', async () => {
  await sendMail(h.appClient(), SHARED_MAILBOX.userPrincipalName, letter);
  expect(h.graph.requests[0]?.path).toBe(`/v1.0/users/${encodeURIComponent(SHARED_MAILBOX.userPrincipalName)}/sendMail`);
  expect(h.graph.state.sentMail[0]?.mailbox).toBe(SHARED_MAILBOX.id);
});

test('delegated: a caseworker with Send As sends from the shared mailbox; without it the error names Mail.Send.Shared', async () => {
  await sendMail(h.userClient(), SHARED_MAILBOX.userPrincipalName, letter);
  expect(h.graph.state.sentMail[0]?.mailbox).toBe(SHARED_MAILBOX.id);
  const other = await startHarness();
  try {
    const error = (await sendMail(other.userClient(), SHARED_MAILBOX.userPrincipalName, letter).catch((e: unknown) => e)) as GraphCallError;
    expect(error.code).toBe('graph-forbidden');
    expect(error.details).toMatchObject({ graphCode: 'ErrorSendAsDenied', permission: 'Mail.Send.Shared' });
  } finally {
    await other.close();
  }
});

test('Exchange RBAC for Applications scoped to the shared mailbox refuses any other sender', async () => {
  const scoped = await startHarness({ graph: { mailboxScopes: { [CLIENT_ID]: [SHARED_MAILBOX.id] } } });
  try {
    await expect(sendMail(scoped.appClient(), SHARED_MAILBOX.id, letter)).resolves.toEqual({ via: 'sendMail' });
    await expect(sendMail(scoped.appClient(), CASEWORKER.id, letter)).rejects.toMatchObject({ code: 'graph-forbidden', details: { permission: 'Mail.Send' } });
  } finally {
    await scoped.close();
  }
});

test('an advice pack over the 4 MB request limit goes as a draft: create, attach (upload session for the large file), send', async () => {
  const pack = { ...letter, attachments: [...letter.attachments, { name: 'Advice pack.pdf', contentType: 'application/pdf', content: bytes(7 * 1024 * 1024, 4) }, { name: 'EP report.pdf', content: bytes(900_000, 5) }] };
  const result = await sendMail(h.appClient(), SHARED_MAILBOX.userPrincipalName, pack);
  expect(result.via).toBe('draft');
  const graphCalls = h.graph.requests.filter((r) => !r.viaBatch).map((r) => `${r.method} ${r.path.replace(/messages\/[^/]+/, 'messages/{id}')}`);
  const mailbox = `/v1.0/users/${encodeURIComponent(SHARED_MAILBOX.userPrincipalName)}`;
  expect(graphCalls[0]).toBe(`POST ${mailbox}/messages`);
  expect(graphCalls.at(-1)).toBe(`POST ${mailbox}/messages/{id}/send`);
  expect(graphCalls).toContain('POST /v1.0/$batch');
  expect(h.graph.requests.filter((r) => r.target === 'upload').length).toBe(2);
  const sent = h.graph.state.sentMail[0];
  expect(sent?.attachments.map((a) => [a.name, a.size]).sort()).toEqual([
    ['Advice pack.pdf', 7 * 1024 * 1024],
    ['Decision letter.pdf', 80_000],
    ['EP report.pdf', 900_000],
  ]);
  expect(sent?.attachments.find((a) => a.name === 'Advice pack.pdf')?.content.equals(bytes(7 * 1024 * 1024, 4))).toBe(true);
});

test('sendMail is never resent after a cut-off: the caller is told to check Sent Items', async () => {
  h.graph.faults.add({ path: '/sendMail', action: { type: 'drop', afterCommit: true } });
  const error = (await sendMail(h.userClient(), 'me', letter).catch((e: unknown) => e)) as GraphCallError;
  expect(error.code).toBe('graph-outcome-unknown');
  expect(h.graph.requests).toHaveLength(1);
  expect(h.graph.state.sentMail).toHaveLength(1);
});

test('bad input names the field', async () => {
  for (const [input, field] of [
    [{ ...letter, to: [] }, 'to'],
    [{ ...letter, to: [{ email: 'nobody' }] }, 'to.0.email'],
    [{ ...letter, subject: '' }, 'subject'],
  ] as const) {
    const error = await sendMail(h.userClient(), 'me', input as typeof letter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphInputError);
    expect((error as GraphInputError).field).toBe(field);
  }
  await expect(sendMail(h.userClient(), 'bad/mailbox', letter)).rejects.toMatchObject({ field: 'mailbox' });
  expect(h.graph.requests).toHaveLength(0);
});
