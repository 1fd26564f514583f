import { ConfigError, loadConfig } from '../../bot/config/env';

describe('the letters’ Microsoft Graph settings', () => {
  const id = 'c0ffee00-1234-4abc-8def-0123456789ab';

  it('are off without EHCP_GRAPH_CLIENT_ID: letters can be downloaded, not sent', () => {
    expect(loadConfig({}).graph).toBeUndefined();
  });

  it('split the template’s Graph root into base URL and version', () => {
    expect(loadConfig({ EHCP_GRAPH_CLIENT_ID: id, EHCP_GRAPH_CLIENT_SECRET: 's3cret', EHCP_GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0/' }).graph).toEqual({
      clientId: id,
      clientSecret: 's3cret',
      certificate: undefined,
      authorityHost: 'https://login.microsoftonline.com',
      baseUrl: 'https://graph.microsoft.com',
      version: 'v1.0',
    });
  });

  it('refuse a client id without a secret or certificate, naming EHCP_GRAPH_CLIENT_SECRET', () => {
    expect(() => loadConfig({ EHCP_GRAPH_CLIENT_ID: id })).toThrow(ConfigError);
    expect(() => loadConfig({ EHCP_GRAPH_CLIENT_ID: id })).toThrow(/EHCP_GRAPH_CLIENT_SECRET: is required with EHCP_GRAPH_CLIENT_ID/);
  });
});
