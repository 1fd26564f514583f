import http, { type IncomingHttpHeaders } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Milliseconds from sending the request to the last byte of the answer. */
  ms: number;
}

export interface SendOptions {
  /** A string is sent as is (with `contentType`); anything else as JSON. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface HttpClient {
  send(method: string, path: string, options?: SendOptions): Promise<HttpAnswer>;
  close(): void;
}

/**
 * A keep-alive HTTP client for one service and one bearer token. Plain node:http, so the
 * load generator's own overhead stays small and every socket is ours to destroy.
 */
export function createHttpClient(baseUrl: string, token: string, maxSockets = 64): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  return {
    send(method, path, options = {}) {
      const payload =
        options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...options.headers };
      if (payload !== undefined) {
        headers['content-type'] = options.contentType ?? 'application/json';
        headers['content-length'] = String(Buffer.byteLength(payload));
      }
      const started = process.hrtime.bigint();
      return new Promise<HttpAnswer>((resolve, reject) => {
        const req = http.request({ host: base.hostname, port: base.port, method, path, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            }),
          );
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
