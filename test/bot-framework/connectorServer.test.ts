import { type ConnectorServer, startConnectorServer } from '../../testkit/bot-framework/connectorServer';

describe('the local Bot Connector stand-in', () => {
  let connector: ConnectorServer;
  beforeEach(async () => {
    connector = await startConnectorServer();
  });
  afterEach(() => connector.close());

  it('records a sent activity with its conversation and token, and answers a ResourceResponse', async () => {
    const res = await fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent('a:1x')}/activities`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hello' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: expect.any(String) });
    expect(connector.sentActivities('a:1x')).toEqual([{ type: 'message', text: 'hello' }]);
    expect(connector.calls[0]?.authorization).toBe('Bearer t');
  });

  it('answers an injected 429 with Retry-After, then normally', async () => {
    connector.faults.add({ action: { type: 'status', status: 429, retryAfterSeconds: 2 } });
    const url = `${connector.serviceUrl}v3/conversations/c/activities`;
    const first = await fetch(url, { method: 'POST', body: '{}' });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '2']);
    const second = await fetch(url, { method: 'POST', body: '{}' });
    expect(second.status).toBe(201);
    expect(await connector.waitForActivities(1)).toHaveLength(1);
  });
});
