import { TEAMS_APP } from '../../testkit/graph-server/harness';
import { type ReportHarness, startReportHarness } from './support';

/** When the add-in makes the Teams meeting, the review's tab goes into the meeting's chat (#24). */
let h: ReportHarness;
beforeAll(async () => {
  h = await startReportHarness();
}, 60_000);
afterAll(() => h.close());

it('adds the app and the review tab to the new Teams meeting’s chat through the local Graph', async () => {
  const id = h.ids['N-7'] as string;
  const res = await h.svc.call('POST', `/api/reviews/${id}/outlook/teams`, { token: h.senco, body: { eventId: h.eventId } });
  expect(res.status).toBe(200);
  expect(res.body.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  expect(res.body.sidePanel).toMatchObject({ added: true, chatId: expect.stringMatching(/^19:meeting_.+@thread\.v2$/) });
  const chat = h.graph.graph.state.chats.get(res.body.sidePanel.chatId);
  expect([...(chat?.installedApps.values() ?? [])]).toEqual([{ teamsAppId: TEAMS_APP.id }]);
  expect([...(chat?.tabs.values() ?? [])]).toEqual([
    expect.objectContaining({
      displayName: 'Annual review',
      teamsAppId: TEAMS_APP.id,
      configuration: expect.objectContaining({ entityId: `review-${id}`, contentUrl: `https://ehcp.north.test/tab/?review=${id}&context=meeting` }),
    }),
  ]);
});

it('says what the administrator must grant when the tab permission is missing, and the meeting is still made', async () => {
  h.graph.graph.faults.add({ action: { type: 'status', status: 403, code: 'Forbidden', message: 'Missing permission: TeamsTab.Create is required to add a tab to a chat.' }, method: 'POST', path: /\/tabs$/ });
  const id = h.ids['N-7'] as string;
  const res = await h.svc.call('POST', `/api/reviews/${id}/outlook/teams`, { token: h.senco, body: { eventId: h.eventId } });
  expect(res.status).toBe(200);
  expect(res.body.sidePanel).toEqual({ added: false, reason: expect.stringContaining('TeamsTab.Create') });
});
