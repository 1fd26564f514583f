import { plusDays, plusMonths } from '../../shared';
import type { HttpClient } from './http';

export const CASELOAD_HEADER = 'laReference,childName,school,planIssued,lastReviewConcluded,dateOfBirth,ncYear,transferKind,transferDate,meetingDate';
export const DEMO_SCHOOLS = ['demo-school-1', 'demo-school-2'] as const;

/** One child for the import CSV: in Year 3, at one of the demo schools. */
export function caseloadRow(laReference: string, index: number, planIssued: string, today: string, meetingDate = ''): string {
  const born = plusMonths(today, -12 * 8 - (index % 11));
  return `${laReference},Crash Child ${index},${DEMO_SCHOOLS[index % 2]},${planIssued},,${born},3,,,${meetingDate}`;
}

export function caseloadCsv(rows: string[]): string {
  return `${CASELOAD_HEADER}\n${rows.join('\n')}\n`;
}

/** A plan issued about nine months ago: a meeting 3-5 weeks from today is on time. */
export const issuedNineMonthsAgo = (today: string) => plusDays(plusMonths(today, -9), -3);

/** Everyone a review meeting must invite (Reg 20(2)-(3)). */
export const requiredInvitees = [
  { role: 'parent', name: 'Parent' },
  { role: 'school', name: 'SENCO' },
  { role: 'la-send-officer', name: 'SEND officer' },
  { role: 'health', name: 'School nurse', email: 'nurse@nhs.example' },
  { role: 'social-care', name: 'Social worker' },
];

/** A compliant booking: invitations sent today for a meeting `daysAhead` from today. */
export function meetingBody(today: string, daysAhead: number) {
  return { meetingDate: plusDays(today, daysAhead), invitationsSentOn: today, invitees: requiredInvitees, mode: 'in-person' as const };
}

export interface ListedReview {
  id: string;
  status: string;
  laReference: string;
  latestMeetingDate: string;
  meetingDate: string | null;
}

/** Every review with `status` the client may see, following the cursor. */
export async function listAllReviews(client: HttpClient, status: string): Promise<ListedReview[]> {
  const all: ListedReview[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/api/reviews?status=${status}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
    const answer = await client.send('GET', query);
    if (answer.status !== 200) throw new Error(`GET ${query} answered ${answer.status}: ${answer.text}`);
    const page = JSON.parse(answer.text) as { items: ListedReview[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Sends `count` tasks through `concurrency` workers, in order of index. */
export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
