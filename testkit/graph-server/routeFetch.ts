/**
 * A `fetch` that sends requests for some public origins to local servers instead, leaving
 * the rest of the URL (and everything else about the request) untouched. This is how the
 * real MSAL client, configured with the real `https://login.microsoftonline.com` authority,
 * reaches the local identity server over plain HTTP.
 *
 * @example routeFetch({ 'https://login.microsoftonline.com': 'http://127.0.0.1:5123' })
 */
export function routeFetch(routes: Record<string, string>, base: typeof fetch = fetch): typeof fetch {
  const table = Object.entries(routes).map(([from, to]) => [from.replace(/\/+$/, ''), to.replace(/\/+$/, '')] as const);
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [from, to] of table) {
      if (url === from || url.startsWith(`${from}/`)) {
        return base(to + url.slice(from.length), init);
      }
    }
    return base(input, init);
  };
}
