import { ApiError, type MeetingBooking, type ReviewDetail, type ReviewSummary } from './types';

/** Where the bearer token comes from (NAA, an Office dialog, or a development token). */
export type TokenSource = () => Promise<string>;

/** The service calls the task pane makes. */
export interface ServiceApi {
  searchReviews(q: string): Promise<ReviewSummary[]>;
  review(id: string): Promise<ReviewDetail>;
  bookMeeting(id: string, booking: MeetingBooking): Promise<{ warnings: { code: string; message: string }[] }>;
  enableTeams(id: string, eventId: string): Promise<{ joinUrl: string }>;
  attachAdvice(id: string, eventId: string, adviceItemId: number): Promise<{ name: string; size: number }>;
}

export function createServiceApi(options: { baseUrl: string; token: TokenSource; fetch?: typeof fetch; newKey?: () => string }): ServiceApi {
  const f = options.fetch ?? ((input, init) => fetch(input, init));
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    // X-EHCP-Face labels the service's access records (who read a child's data, from where)
    const headers: Record<string, string> = { authorization: `Bearer ${await options.token()}`, 'x-ehcp-face': 'addin' };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      // Writes carry a key so a retry after a dropped connection never books twice.
      headers['idempotency-key'] = newKey();
    }
    let res: Response;
    try {
      res = await f(`${options.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'offline', 'The EHCP Review service could not be reached; check your connection and try again.');
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!res.ok) throw new ApiError(res.status, String(json.error ?? 'error'), String(json.message ?? `The service answered ${res.status}.`), (json.findings as ApiError['findings']) ?? []);
    return json as T;
  };
  const review = (id: string) => `/api/reviews/${encodeURIComponent(id)}`;
  return {
    async searchReviews(q) {
      const found = await call<{ items: ReviewSummary[] }>('GET', `/api/reviews?limit=10&q=${encodeURIComponent(q)}`);
      return found.items;
    },
    review: (id) => call('GET', review(id)),
    bookMeeting: (id, booking) => call('POST', `${review(id)}/meeting`, booking),
    enableTeams: (id, eventId) => call('POST', `${review(id)}/outlook/teams`, { eventId }),
    attachAdvice: (id, eventId, adviceItemId) => call('POST', `${review(id)}/outlook/attachments`, { eventId, adviceItemId }),
  };
}
