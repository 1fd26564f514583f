import type { TokenSource } from '../auth/tokenSource';
import type { ColumnMapAnswer, ImportMessage, ImportProgress, ImportResult } from './import';
import type { DecisionInput, ReviewDetail } from './review';
import type { ComingReport, Filters, Nudge, Page, PhaseTransfer, SchoolReview, Sen2Excluded, Sen2Report, SignedIn, TimelinessTrend, TodayReport, UndeliveredReminder, Workload } from './types';

/** A refusal from the service, with its message (the service writes them for people). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | undefined>;

const qs = (query: Query) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
};

/** The dashboard endpoints, each call with a fresh bearer token from the chosen source. */
export function createApiClient(tokens: TokenSource, base = '') {
  const request = async (method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> => {
    // X-EHCP-Face labels the service's access records (who read a child's data, from where)
    const headers = { authorization: `Bearer ${await tokens.token()}`, 'x-ehcp-face': 'tab', ...init.headers };
    const res = await fetch(`${base}${path}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string; problems?: { field: string; message: string }[] };
      const problems = body.problems?.map((p) => `${p.field} ${p.message}`).join('; ');
      throw new ApiError(res.status, [body.message, problems].filter(Boolean).join(': ') || `The service could not do that (${res.status}); try again, and tell your administrator if it keeps happening.`);
    }
    return res;
  };
  const get = async <T>(path: string, query: Query = {}): Promise<T> => (await request('GET', path + qs(query))).json() as Promise<T>;
  // Every write carries an Idempotency-Key (a retried click records once) and, where the page read a version, If-Match.
  const post = async <T>(path: string, body: unknown, etag?: string): Promise<T> =>
    (
      await request('POST', path, {
        body: JSON.stringify(body ?? {}),
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...(etag ? { 'if-match': etag } : {}) },
      })
    ).json() as Promise<T>;
  return {
    whoAmI: async () => (await request('POST', '/api/auth/teams-sso')).json() as Promise<SignedIn>,
    today: (q: Query) => get<TodayReport>('/api/dashboard/today', q),
    filters: () => get<Filters>('/api/dashboard/filters'),
    coming: (q: Query) => get<ComingReport>('/api/dashboard/coming', q),
    transfers: (q: Query) => get<Page<PhaseTransfer>>('/api/dashboard/transfers', q),
    timeliness: () => get<TimelinessTrend>('/api/dashboard/timeliness'),
    sen2: (q: Query) => get<Sen2Report>('/api/dashboard/sen2', q),
    sen2Excluded: (q: Query) => get<Page<Sen2Excluded>>('/api/dashboard/sen2/excluded', q),
    sen2Csv: async (census: string) => {
      const res = await request('GET', `/api/dashboard/sen2.csv${qs({ census })}`);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `sen2-${census}.csv`;
      return { blob: await res.blob(), name };
    },
    workload: () => get<Workload>('/api/dashboard/workload'),
    undelivered: (q: Query) => get<Page<UndeliveredReminder>>('/api/dashboard/undelivered', q),
    reviews: (q: Query) => get<{ items: SchoolReview[]; nextCursor: string | null }>('/api/reviews', q),
    nudge: (reviewId: string) => post<Nudge>(`/api/reviews/${encodeURIComponent(reviewId)}/nudge`, {}),
    review: async (id: string) => {
      const res = await request('GET', `/api/reviews/${encodeURIComponent(id)}`);
      return { review: (await res.json()) as ReviewDetail, etag: res.headers.get('etag') ?? undefined };
    },
    decide: (id: string, input: DecisionInput, etag?: string) => post<unknown>(`/api/reviews/${encodeURIComponent(id)}/decision`, input, etag),
    // A read (nothing is stored), so no Idempotency-Key: the same words previewed twice are read twice.
    previewLetter: async (id: string, input: Pick<DecisionInput, 'outcome' | 'reasons' | 'proposedAmendments'>) =>
      (
        await request('POST', `/api/reviews/${encodeURIComponent(id)}/letter/preview`, { body: JSON.stringify(input), headers: { 'content-type': 'application/json' } })
      ).json() as Promise<{ documents: { kind: string; lines: string[] }[] }>,
    sendLetter: (id: string, etag?: string) => post<{ status: string; message: string }>(`/api/reviews/${encodeURIComponent(id)}/letter/send`, {}, etag),
    columnMap: async () => {
      const res = await request('GET', '/api/caseload/mapping');
      return { ...((await res.json()) as ColumnMapAnswer), etag: res.headers.get('etag') ?? undefined };
    },
    saveColumnMap: async (columns: Record<string, string>, etag?: string) => {
      const res = await request('PUT', '/api/caseload/mapping', {
        body: JSON.stringify({ columns }),
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...(etag ? { 'if-match': etag } : {}) },
      });
      return { ...((await res.json()) as ColumnMapAnswer), etag: res.headers.get('etag') ?? undefined };
    },
    /** Sends the file and reads the service's JSON lines as they come: progress, then the result (or the error). */
    importCaseload: async (file: Blob, onProgress: (p: ImportProgress) => void): Promise<ImportResult> => {
      const res = await request('POST', '/api/caseload/import', {
        body: file,
        headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson', 'idempotency-key': crypto.randomUUID() },
      });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      for (;;) {
        const { value, done } = await reader.read();
        buffered += decoder.decode(value ?? new Uint8Array(), { stream: !done });
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines.filter((l) => l.trim())) {
          const message = JSON.parse(line) as ImportMessage;
          if (message.type === 'progress') onProgress(message);
          else if (message.type === 'result') return message;
          else throw new ApiError(message.status, message.message);
        }
        if (done) throw new ApiError(502, 'The import stopped before the service answered; nothing may have been stored. Try again.');
      }
    },
    post,
    request,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
