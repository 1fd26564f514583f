// Loaded with `node --require` into a service process the reminder tests start: sends the
// requests for the public origins in EHCP_TEST_ROUTE_FETCH (JSON: origin -> local URL) to
// the local identity server instead, as testkit/graph-server/routeFetch.ts does in process.
// MSAL insists on an https authority, so the service keeps the real one and this routes it.
const routes = Object.entries(JSON.parse(process.env.EHCP_TEST_ROUTE_FETCH || '{}'));
const base = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  for (const [from, to] of routes) {
    if (url === from || url.startsWith(`${from}/`)) return base(to + url.slice(from.length), init);
  }
  return base(input, init);
};
