import type { ReportContent, ReportVariant } from '../../../shared/reports';
import type { TokenSource } from '../auth/tokenSource';
import { ApiError } from './client';

/** The meeting report as GET /api/reviews/{id}/report answers it. */
export interface MeetingReport {
  reviewId: string;
  state: 'draft' | 'submitted';
  version: number;
  runBy: 'school' | 'council';
  late: boolean;
  content: ReportContent;
  submittedAt: string | null;
  mail: { state: 'unsent' | 'sending' | 'sent' | 'failed'; error: string | null };
  facts: { meetingDate: string | null; reportDue: string | null; rating: string | null; mode: string | null; teamsJoinUrl: string | null; ncYear: number | null };
}

/** The parts of GET /api/reviews/{id} the meeting panel shows. */
export interface ReviewSummary {
  id: string;
  status: string;
  child: { name: string; laReference: string };
  plan: { ncYear: number | null };
  meeting: { date: string; mode: string | null } | null;
  timeline: { steps: { id: string; date: string | null }[] };
  advice: { items: { id: number; fromRole: string; author: string | null; receivedOn: string; fileName: string | null }[] };
}

export type Delivery = { status: 'sent' | 'already-sent' | 'failed'; message: string; reason?: string };

/** A problem the service listed, by field. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ReportApiError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly problems: FieldProblem[],
  ) {
    super(status, message);
  }
}

/** The report endpoints, each call with a fresh bearer token. */
export function createReportClient(tokens: TokenSource, base = '') {
  const call = async (method: string, path: string, init: { body?: unknown; etag?: string } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${await tokens.token()}`, 'x-ehcp-face': 'tab' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.etag) headers['if-match'] = init.etag;
    if (method !== 'GET') headers['idempotency-key'] = crypto.randomUUID();
    const res = await fetch(`${base}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) throw new ReportApiError(res.status, String(json.message ?? `The service answered ${res.status}.`), (json.problems as FieldProblem[]) ?? []);
    return { json, etag: res.headers.get('etag') ?? undefined };
  };
  return {
    /** Booked reviews the person can see, for choosing the meeting's review. */
    reviews: async () => {
      const items = ((await call('GET', '/api/reviews?status=booked&limit=200')).json.items ?? []) as { id: string; childName?: string; child?: string; laReference: string }[];
      return items.map((i) => ({ id: i.id, child: i.childName ?? i.child ?? '', laReference: i.laReference }));
    },
    review: async (id: string) => (await call('GET', `/api/reviews/${id}`)).json as unknown as ReviewSummary,
    /** The report, or null when it is a draft this person cannot see (404). */
    report: async (id: string): Promise<{ report: MeetingReport; etag?: string } | null> => {
      try {
        const { json, etag } = await call('GET', `/api/reviews/${id}/report`);
        return { report: json as unknown as MeetingReport, etag };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    saveDraft: async (id: string, content: Omit<ReportContent, 'advice'> & { variant: ReportVariant }, etag?: string) => (await call('PUT', `/api/reviews/${id}/report/draft`, { body: content, etag })).etag,
    fillAttendance: async (id: string, etag?: string) => {
      const r = await call('POST', `/api/reviews/${id}/report/attendance`, { etag });
      return { etag: r.etag, filled: Boolean(r.json.filled), reason: r.json.reason as string | undefined };
    },
    submit: async (id: string, etag?: string) => (await call('POST', `/api/reviews/${id}/report/submit`, { etag })).json.delivery as Delivery,
    resend: async (id: string) => (await call('POST', `/api/reviews/${id}/report/send`)).json.delivery as Delivery,
  };
}

export type ReportClient = ReturnType<typeof createReportClient>;
