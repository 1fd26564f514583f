import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The response header naming which backend (0, 1, ...) answered, for tests that must know. */
export const SERVED_BY = 'x-round-robin-backend';

/** One port in front of several service processes. */
export interface RoundRobin {
  /** `http://127.0.0.1:port`, the one address clients use. */
  url: string;
  /** Replaces the backends (after a restart, say); the next request goes to the first. */
  setBackends(urls: string[]): void;
  /** How many requests each backend was sent, by index. */
  readonly sent: readonly number[];
  close(): Promise<void>;
}

// Per connection, not end to end (RFC 9110 7.6.1): each side has its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

/**
 * A round-robin HTTP proxy for benchmarks and tests, never part of the product (a council
 * puts its own load balancer in front: README, "Several instances"). Each request, not each
 * connection, goes to the next backend in turn, so one keep-alive client's requests
 * alternate between the processes as a load balancer's do across many clients. When a
 * backend dies mid-answer the client's connection is cut too, as a real load balancer's
 * is, so a crash looks to the client as it would without the proxy.
 */
export async function startRoundRobin(backends: string[]): Promise<RoundRobin> {
  let targets = backends.map((u) => new URL(u));
  let sent = targets.map(() => 0);
  let next = 0;
  // Keep-alive to each backend, no cap: the queue under load is the service's, not the proxy's.
  const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  let agent = newAgent();
  const server = http.createServer((req, res) => {
    const index = next++ % targets.length;
    const target = targets[index] as URL;
    sent[index] = (sent[index] ?? 0) + 1;
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent }, (answer) => {
      const headers = endToEnd(answer.headers);
      // The service asks to close after a refused upload; the client's connection closes with it.
      if (answer.headers.connection === 'close') res.shouldKeepAlive = false;
      res.writeHead(answer.statusCode ?? 502, { ...headers, [SERVED_BY]: String(index) });
      answer.pipe(res);
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
    });
    // No answer from the backend (refused, reset, killed): cut the client off, as the crash would.
    upstream.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setBackends(urls) {
      targets = urls.map((u) => new URL(u));
      sent = targets.map(() => 0);
      next = 0;
      // Sockets to the old processes are dead or about to be.
      agent.destroy();
      agent = newAgent();
    },
    get sent() {
      return sent;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
