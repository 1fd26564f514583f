import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphCallError, GraphInputError, type GraphOperation } from './errors';
import { type Mailbox, mailboxPath } from './mailboxPath';
import { IdempotentRequest } from './middleware';
import { allPages, invalid } from './paging';

const CALENDAR = { delegated: 'Calendars.ReadWrite', application: 'Calendars.ReadWrite' } as const;
const OPS = {
  create: { name: 'create the review meeting', permissions: CALENDAR },
  update: { name: 'update the review meeting', permissions: CALENDAR },
  teams: { name: 'turn on the Teams meeting', permissions: CALENDAR },
  find: { name: 'find the review meeting by iCalUId', permissions: CALENDAR },
} satisfies Record<string, GraphOperation>;

/** All times are wall-clock in this zone unless the input says otherwise. */
export const LONDON = 'Europe/London';

const email = z.string().trim().email('must be an email address such as name@school.org.uk');
const person = z.object({ email, name: z.string().trim().min(1).max(255).optional() });
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be a local date and time like 2027-03-10T10:00');
const body = z.union([z.object({ html: z.string().max(1_000_000) }), z.object({ text: z.string().max(1_000_000) })]);

const eventInputSchema = z
  .object({
    subject: z.string().trim().min(1, 'must not be empty').max(255),
    body: body.optional(),
    start: localDateTime,
    end: localDateTime,
    timeZone: z.string().min(1).default(LONDON),
    location: z.string().trim().max(255).optional(),
    requiredAttendees: z.array(person).default([]),
    optionalAttendees: z.array(person).default([]),
    teamsMeeting: z.boolean().default(false),
    transactionId: z.string().min(1).max(255).optional(),
  })
  .refine((e) => e.end > e.start, { message: 'must be after start', path: ['end'] });

/** What a review meeting is made of. Times are local wall-clock in `timeZone` (default Europe/London). */
export type EventInput = z.input<typeof eventInputSchema>;

/** Fields that can change after booking. */
export type EventPatch = Partial<Omit<EventInput, 'transactionId'>>;

const attendeeSchema = z.object({
  type: z.string(),
  emailAddress: z.object({ address: z.string(), name: z.string().optional() }),
  status: z.object({ response: z.string() }).optional(),
});
const eventSchema = z.object({
  id: z.string(),
  iCalUId: z.string(),
  changeKey: z.string().optional(),
  '@odata.etag': z.string().optional(),
  subject: z.string().nullable().optional(),
  start: z.object({ dateTime: z.string(), timeZone: z.string() }),
  end: z.object({ dateTime: z.string(), timeZone: z.string() }),
  location: z.object({ displayName: z.string().optional() }).optional(),
  attendees: z.array(attendeeSchema).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.string().optional(),
  onlineMeeting: z.object({ joinUrl: z.string().nullable().optional() }).nullable().optional(),
  webLink: z.string().optional(),
  transactionId: z.string().nullable().optional(),
});

/** A calendar event as the product sees it. */
export interface CalendarEvent {
  id: string;
  iCalUId: string;
  /** Send as `If-Match` to update only if nobody changed it since. */
  etag?: string;
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  location?: string;
  attendees: { email: string; name?: string; type: string; response?: string }[];
  isOnlineMeeting: boolean;
  /** Teams join link, once Graph has provisioned it. */
  joinUrl?: string;
  webLink?: string;
  transactionId?: string;
}

function toEvent(raw: unknown, op: GraphOperation): CalendarEvent {
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) throw invalid(op, 'an event without the documented fields');
  const e = parsed.data;
  return {
    id: e.id,
    iCalUId: e.iCalUId,
    ...(e['@odata.etag'] ? { etag: e['@odata.etag'] } : {}),
    subject: e.subject ?? '',
    start: e.start,
    end: e.end,
    ...(e.location?.displayName ? { location: e.location.displayName } : {}),
    attendees: (e.attendees ?? []).map((a) => ({
      email: a.emailAddress.address,
      ...(a.emailAddress.name ? { name: a.emailAddress.name } : {}),
      type: a.type,
      ...(a.status ? { response: a.status.response } : {}),
    })),
    isOnlineMeeting: e.isOnlineMeeting ?? false,
    ...(e.onlineMeeting?.joinUrl ? { joinUrl: e.onlineMeeting.joinUrl } : {}),
    ...(e.webLink ? { webLink: e.webLink } : {}),
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
  };
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'input';
    throw new GraphInputError(field, `${field} ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

function graphBody(b: z.infer<typeof body>): { contentType: 'html' | 'text'; content: string } {
  return 'html' in b ? { contentType: 'html', content: b.html } : { contentType: 'text', content: b.text };
}

function graphAttendees(required: z.infer<typeof person>[], optional: z.infer<typeof person>[]) {
  const one = (p: z.infer<typeof person>, type: 'required' | 'optional') => ({
    type,
    emailAddress: { address: p.email, ...(p.name ? { name: p.name } : {}) },
  });
  return [...required.map((p) => one(p, 'required')), ...optional.map((p) => one(p, 'optional'))];
}

function preferLondon(timeZone: string): Record<string, string> {
  return { Prefer: `outlook.timezone="${timeZone}"` };
}

/**
 * Creates the review meeting in `mailbox`'s calendar. A `transactionId` (generated when not
 * given) lets Graph deduplicate, so the create is retried safely after a dropped connection.
 *
 * @example await createEvent(gc, 'me', { subject: 'Annual review: A.B.', start: '2027-03-10T10:00', end: '2027-03-10T11:00', requiredAttendees: [{ email: 'parent@example.org' }] })
 */
export async function createEvent(gc: GraphClient, mailbox: Mailbox, input: EventInput): Promise<CalendarEvent> {
  const e = parseInput(eventInputSchema, input);
  const payload = {
    subject: e.subject,
    ...(e.body ? { body: graphBody(e.body) } : {}),
    start: { dateTime: e.start, timeZone: e.timeZone },
    end: { dateTime: e.end, timeZone: e.timeZone },
    ...(e.location ? { location: { displayName: e.location } } : {}),
    attendees: graphAttendees(e.requiredAttendees, e.optionalAttendees),
    ...(e.teamsMeeting ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    transactionId: e.transactionId ?? randomUUID(),
  };
  const raw = await gc.call(OPS.create, (sdk) =>
    sdk
      .api(`${mailboxPath(mailbox)}/events`)
      .headers(preferLondon(e.timeZone))
      .middlewareOptions([new IdempotentRequest()])
      .post(payload),
  );
  return toEvent(raw, OPS.create);
}

const patchSchema = z
  .object({
    subject: z.string().trim().min(1, 'must not be empty').max(255).optional(),
    body: body.optional(),
    start: localDateTime.optional(),
    end: localDateTime.optional(),
    timeZone: z.string().min(1).default(LONDON),
    location: z.string().trim().max(255).optional(),
    requiredAttendees: z.array(person).optional(),
    optionalAttendees: z.array(person).optional(),
    teamsMeeting: z.boolean().optional(),
  })
  .refine((p) => (p.start === undefined) === (p.end === undefined), { message: 'start and end must change together', path: ['end'] })
  .refine((p) => p.start === undefined || p.end === undefined || p.end > p.start, { message: 'must be after start', path: ['end'] })
  .refine((p) => p.optionalAttendees === undefined || p.requiredAttendees !== undefined, {
    message: 'give requiredAttendees whenever optionalAttendees change (Graph replaces the whole list)',
    path: ['requiredAttendees'],
  });

/**
 * Updates the meeting. Attendees are replaced as a whole list (Graph's semantics). Pass
 * `ifMatch` (an event's `etag`) to refuse the update if someone changed the event since.
 */
export async function updateEvent(
  gc: GraphClient,
  mailbox: Mailbox,
  eventId: string,
  patch: EventPatch,
  options: { ifMatch?: string } = {},
): Promise<CalendarEvent> {
  const p = parseInput(patchSchema, patch);
  const payload = {
    ...(p.subject !== undefined ? { subject: p.subject } : {}),
    ...(p.body ? { body: graphBody(p.body) } : {}),
    ...(p.start !== undefined && p.end !== undefined
      ? { start: { dateTime: p.start, timeZone: p.timeZone }, end: { dateTime: p.end, timeZone: p.timeZone } }
      : {}),
    ...(p.location !== undefined ? { location: { displayName: p.location } } : {}),
    ...(p.requiredAttendees !== undefined ? { attendees: graphAttendees(p.requiredAttendees, p.optionalAttendees ?? []) } : {}),
    ...(p.teamsMeeting === true ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    ...(p.teamsMeeting === false ? { isOnlineMeeting: false } : {}),
  };
  if (Object.keys(payload).length === 0) throw new GraphInputError('patch', 'patch changes nothing; give at least one field to update');
  const raw = await gc.call(OPS.update, (sdk) =>
    sdk
      .api(`${mailboxPath(mailbox)}/events/${encodeURIComponent(eventId)}`)
      .headers({ ...preferLondon(p.timeZone), ...(options.ifMatch ? { 'If-Match': options.ifMatch } : {}) })
      // Setting the same fields again has the same effect: safe to resend after a cut.
      .middlewareOptions([new IdempotentRequest()])
      .patch(payload),
  );
  return toEvent(raw, OPS.update);
}

/**
 * Turns the event into a Teams meeting and returns its join link. Graph provisions the link
 * asynchronously, so the event is re-read (up to `attempts` times, `intervalMs` apart) until
 * `onlineMeeting.joinUrl` appears.
 */
export async function enableTeamsMeeting(
  gc: GraphClient,
  mailbox: Mailbox,
  eventId: string,
  options: { attempts?: number; intervalMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<CalendarEvent & { joinUrl: string }> {
  const path = `${mailboxPath(mailbox)}/events/${encodeURIComponent(eventId)}`;
  let event = toEvent(
    await gc.call(OPS.teams, (sdk) =>
      sdk
        .api(path)
        .middlewareOptions([new IdempotentRequest()])
        .patch({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }),
    ),
    OPS.teams,
  );
  const attempts = options.attempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let n = 0; !event.joinUrl && n < attempts; n++) {
    await sleep(options.intervalMs ?? 1000);
    event = toEvent(
      await gc.call(OPS.teams, (sdk) =>
        sdk.api(path).select(['id', 'iCalUId', 'subject', 'start', 'end', 'attendees', 'isOnlineMeeting', 'onlineMeeting', 'webLink']).get(),
      ),
      OPS.teams,
    );
  }
  const joinUrl = event.joinUrl;
  if (!joinUrl) {
    throw new GraphCallError(
      'graph-unavailable',
      'The Teams meeting was turned on but Graph has not provided its join link yet; try reading the event again in a minute. If it never appears, check that Teams meetings are allowed for this mailbox (allowedOnlineMeetingProviders).',
      { operation: OPS.teams.name },
    );
  }
  return { ...event, joinUrl };
}

/** Finds an event by its iCalUId (the id shared by every attendee's copy). */
export async function findEventByICalUId(gc: GraphClient, mailbox: Mailbox, iCalUId: string): Promise<CalendarEvent | undefined> {
  if (!/^[0-9A-Za-z+/=_-]{8,}$/.test(iCalUId)) throw new GraphInputError('iCalUId', 'iCalUId must be the event’s iCalUId as Graph returned it');
  const filter = `iCalUId eq '${iCalUId.replace(/'/g, "''")}'`;
  const found = await allPages(gc, OPS.find, `${mailboxPath(mailbox)}/events?$filter=${encodeURIComponent(filter)}`, z.unknown());
  const first = found[0];
  return first === undefined ? undefined : toEvent(first, OPS.find);
}
