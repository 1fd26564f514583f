import type { TokenSource } from '../auth/tokenSource';
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
  const request = async (method: string, path: string): Promise<Response> => {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${await tokens.token()}` } });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      throw new ApiError(res.status, body.message ?? `The service answered ${res.status}.`);
    }
    return res;
  };
  const get = async <T>(path: string, query: Query = {}): Promise<T> => (await request('GET', path + qs(query))).json() as Promise<T>;
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
    nudge: async (reviewId: string) => (await request('POST', `/api/reviews/${reviewId}/nudge`)).json() as Promise<Nudge>,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
