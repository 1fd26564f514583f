import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  applySelect,
  type Ctx,
  fail,
  isObject,
  type Out,
  ok,
  page,
  parseEqFilter,
  resolveMailbox,
  unknownProperty,
} from './routing';
import { newOutlookId, type SeedUser, type StoredAttachment, type StoredEvent } from './state';

const MIB = 1024 * 1024;
/** createUploadSession refuses files under this size (ErrorAttachmentSizeShouldNotBeLessThanMinimumSize). */
export const UPLOAD_SESSION_MIN_BYTES = 3 * MIB;
/** The most an Outlook item can take through an upload session. */
export const UPLOAD_SESSION_MAX_BYTES = 150 * MIB;

const EVENT_WRITABLE = [
  'subject', 'body', 'start', 'end', 'location', 'locations', 'attendees', 'isOnlineMeeting', 'onlineMeetingProvider',
  'transactionId', 'isReminderOn', 'reminderMinutesBeforeStart', 'showAs', 'sensitivity', 'importance', 'categories',
  'allowNewTimeProposals', 'responseRequested', 'hideAttendees', 'isAllDay',
] as const;
const MESSAGE_WRITABLE = ['subject', 'body', 'toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo', 'from', 'importance', 'attachments', 'internetMessageHeaders'] as const;
const PROVIDERS = ['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/;

/** Routes `/me/...` and `/users/{id}/...` Outlook calls; undefined when the path is not one. */
export function outlookRoute(ctx: Ctx): Out | undefined {
  const m = /^\/(?:(me)|users\/([^/]+))(\/.*)$/.exec(ctx.path);
  if (!m) return undefined;
  const who = m[1] ?? m[2] ?? '';
  const rest = m[3] ?? '';
  const method = ctx.method;
  const id = (r: RegExpExecArray, n: number) => decodeURIComponent(r[n] ?? '');

  if (rest === '/events' && method === 'POST') return createEvent(ctx, who);
  if (rest === '/events' && method === 'GET') return listEvents(ctx, who);
  const event = /^\/events\/([^/]+)$/.exec(rest);
  if (event && method === 'GET') return getEvent(ctx, who, id(event, 1));
  if (event && method === 'PATCH') return updateEvent(ctx, who, id(event, 1));
  const attachments = /^\/(events|messages)\/([^/]+)\/attachments$/.exec(rest);
  const kindOf = (r: RegExpExecArray) => r[1] as 'events' | 'messages';
  if (attachments && method === 'POST') return addAttachment(ctx, who, kindOf(attachments), id(attachments, 2));
  if (attachments && method === 'GET') return listAttachments(ctx, who, kindOf(attachments), id(attachments, 2));
  const session = /^\/(events|messages)\/([^/]+)\/attachments\/createUploadSession$/.exec(rest);
  if (session && method === 'POST') return createUploadSession(ctx, who, kindOf(session), id(session, 2));
  if (rest === '/messages' && method === 'POST') return createDraft(ctx, who);
  const send = /^\/messages\/([^/]+)\/send$/.exec(rest);
  if (send && method === 'POST') return sendDraft(ctx, who, id(send, 1));
  if (rest === '/sendMail' && method === 'POST') return sendMail(ctx, who);
  return undefined;
}

function permissionFor(kind: 'events' | 'messages'): string {
  return kind === 'events' ? 'Calendars.ReadWrite' : 'Mail.ReadWrite';
}

function validateTime(value: unknown, name: string): Out | undefined {
  if (!isObject(value) || typeof value.dateTime !== 'string' || typeof value.timeZone !== 'string') {
    return fail(400, 'ErrorInvalidRequest', `Your request can't be completed. ${name} must have a dateTime and a timeZone.`);
  }
  if (!DATE_TIME.test(value.dateTime)) return fail(400, 'UnableToDeserializePostBody', `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.String' of ${name}.dateTime.`);
  return undefined;
}

function validateAttendees(value: unknown): Out | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail(400, 'UnableToDeserializePostBody', 'attendees must be a collection.');
  for (const a of value) {
    if (!isObject(a) || !isObject(a.emailAddress) || typeof a.emailAddress.address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(a.emailAddress.address)) {
      return fail(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    }
    if (a.type !== undefined && !['required', 'optional', 'resource'].includes(String(a.type))) {
      return fail(400, 'UnableToDeserializePostBody', `The value '${String(a.type)}' is not a valid attendeeType.`);
    }
  }
  return undefined;
}

function normaliseTime(value: Record<string, unknown>): Record<string, unknown> {
  const raw = String(value.dateTime);
  const [main, fraction = ''] = (raw.length === 16 ? `${raw}:00` : raw).split('.');
  return { dateTime: `${main}.${fraction.padEnd(7, '0')}`, timeZone: value.timeZone };
}

function toAttendees(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return [];
  return value.map((a: Record<string, unknown>) => ({
    type: a.type ?? 'required',
    status: { response: 'none', time: '0001-01-01T00:00:00Z' },
    emailAddress: a.emailAddress,
  }));
}

function toLocation(value: unknown): Record<string, unknown> {
  const loc = isObject(value) ? value : {};
  return { displayName: loc.displayName ?? '', locationType: loc.locationType ?? 'default', uniqueIdType: 'unknown', ...(loc.address ? { address: loc.address } : {}) };
}

function joinUrlFor(eventId: string): string {
  const hash = createHash('sha256').update(eventId).digest('hex');
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${hash.slice(0, 44)}%40thread.v2/0?context=%7b%22Tid%22%3a%22test%22%7d`;
}

/** The event's representation; a pending Teams join URL shows as `onlineMeeting: null` and counts a read. */
function represent(ctx: Ctx, mailbox: SeedUser, stored: StoredEvent): Record<string, unknown> {
  const json = { ...stored.json };
  if (json.isOnlineMeeting === true) {
    if (stored.joinUrlPendingReads > 0) {
      stored.joinUrlPendingReads--;
      json.onlineMeeting = null;
    } else {
      json.onlineMeeting = { joinUrl: joinUrlFor(String(json.id)) };
      ctx.state.ensureOnlineMeeting(joinUrlFor(String(json.id)), mailbox.id, String(json.subject ?? ''));
    }
  } else {
    json.onlineMeeting = null;
  }
  json['@odata.context'] = `${ctx.origin}/v1.0/$metadata#users('${mailbox.id}')/events/$entity`;
  json.hasAttachments = stored.attachments.size > 0;
  return json;
}

function createEvent(ctx: Ctx, who: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Calendars.ReadWrite');
  if (!('id' in mailbox)) return mailbox;
  const body = ctx.json;
  if (!isObject(body)) return fail(400, 'UnableToDeserializePostBody', 'Request body is empty or not a JSON object.');
  const bad =
    unknownProperty(body, EVENT_WRITABLE, 'event') ??
    validateTime(body.start, 'start') ??
    validateTime(body.end, 'end') ??
    validateAttendees(body.attendees);
  if (bad) return bad;
  if (body.onlineMeetingProvider !== undefined && !PROVIDERS.includes(String(body.onlineMeetingProvider))) {
    return fail(400, 'UnableToDeserializePostBody', `The value '${String(body.onlineMeetingProvider)}' is not a valid onlineMeetingProviderType.`);
  }
  const events = ctx.state.eventsOf(mailbox.id);
  if (typeof body.transactionId === 'string') {
    // Graph's documented dedupe: the same transactionId returns the event already created.
    const existing = [...events.values()].find((e) => e.json.transactionId === body.transactionId);
    if (existing) return ok(201, represent(ctx, mailbox, existing));
  }
  const id = newOutlookId();
  const now = new Date().toISOString();
  const changeKey = randomBytes(12).toString('base64');
  const start = body.start as Record<string, unknown>;
  const end = body.end as Record<string, unknown>;
  const isOnline = body.isOnlineMeeting === true;
  const content = isObject(body.body) ? body.body : { contentType: 'text', content: '' };
  const json: Record<string, unknown> = {
    '@odata.etag': `W/"${changeKey}"`,
    id,
    createdDateTime: now,
    lastModifiedDateTime: now,
    changeKey,
    categories: body.categories ?? [],
    transactionId: body.transactionId ?? null,
    originalStartTimeZone: start.timeZone,
    originalEndTimeZone: end.timeZone,
    iCalUId: `040000008200E00074C5B7101A82E00800000000${randomBytes(24).toString('hex').toUpperCase()}`,
    reminderMinutesBeforeStart: body.reminderMinutesBeforeStart ?? 15,
    isReminderOn: body.isReminderOn ?? true,
    subject: body.subject ?? '',
    bodyPreview: String(content.content ?? '').replace(/<[^>]*>/g, '').slice(0, 255),
    importance: body.importance ?? 'normal',
    sensitivity: body.sensitivity ?? 'normal',
    isAllDay: body.isAllDay ?? false,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: body.responseRequested ?? true,
    showAs: body.showAs ?? 'busy',
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: isOnline,
    onlineMeetingProvider: isOnline ? (body.onlineMeetingProvider ?? 'teamsForBusiness') : 'unknown',
    allowNewTimeProposals: body.allowNewTimeProposals ?? true,
    isDraft: false,
    hideAttendees: body.hideAttendees ?? false,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: content,
    start: normaliseTime(start),
    end: normaliseTime(end),
    location: toLocation(body.location),
    locations: isObject(body.location) ? [toLocation(body.location)] : [],
    attendees: toAttendees(body.attendees),
    organizer: { emailAddress: { name: mailbox.displayName, address: mailbox.userPrincipalName } },
  };
  const stored: StoredEvent = { json, attachments: new Map(), joinUrlPendingReads: isOnline ? ctx.policy.joinUrlDelayReads : 0 };
  events.set(id, stored);
  return ok(201, represent(ctx, mailbox, stored));
}

function listEvents(ctx: Ctx, who: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Calendars.ReadWrite');
  if (!('id' in mailbox)) return mailbox;
  let events = [...ctx.state.eventsOf(mailbox.id).values()];
  const filter = ctx.query.get('$filter');
  if (filter !== null) {
    const uid = parseEqFilter(filter, 'iCalUId');
    if (uid === undefined) return fail(400, 'ErrorInvalidUrlQueryFilter', `The test Graph supports only "iCalUId eq '...'" filters on events, not: ${filter}`);
    events = events.filter((e) => e.json.iCalUId === uid);
  }
  return page(ctx, events.map((e) => represent(ctx, mailbox, e)), `${ctx.origin}/v1.0/$metadata#users('${mailbox.id}')/events`);
}

function findEvent(ctx: Ctx, mailbox: SeedUser, id: string): StoredEvent | Out {
  return ctx.state.eventsOf(mailbox.id).get(id) ?? fail(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

function getEvent(ctx: Ctx, who: string, id: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Calendars.ReadWrite');
  if (!('id' in mailbox)) return mailbox;
  const stored = findEvent(ctx, mailbox, id);
  if (!('json' in stored)) return stored;
  return ok(200, applySelect(represent(ctx, mailbox, stored), ctx.query));
}

function updateEvent(ctx: Ctx, who: string, id: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Calendars.ReadWrite');
  if (!('id' in mailbox)) return mailbox;
  const stored = findEvent(ctx, mailbox, id);
  if (!('json' in stored)) return stored;
  const body = ctx.json;
  if (!isObject(body)) return fail(400, 'UnableToDeserializePostBody', 'Request body is empty or not a JSON object.');
  const bad =
    unknownProperty(body, EVENT_WRITABLE, 'event') ??
    (body.start !== undefined ? validateTime(body.start, 'start') : undefined) ??
    (body.end !== undefined ? validateTime(body.end, 'end') : undefined) ??
    validateAttendees(body.attendees);
  if (bad) return bad;
  if ('transactionId' in body && body.transactionId !== stored.json.transactionId) {
    return fail(400, 'ErrorInvalidPropertyUpdateSentAsNewValue', 'transactionId cannot be changed once the event is created.');
  }
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== stored.json['@odata.etag']) {
    return fail(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
  }
  const json = stored.json;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'start' || key === 'end') json[key] = normaliseTime(value as Record<string, unknown>);
    else if (key === 'attendees') json.attendees = toAttendees(value);
    else if (key === 'location') {
      json.location = toLocation(value);
      json.locations = [toLocation(value)];
    } else json[key] = value;
  }
  if (body.isOnlineMeeting === true) {
    json.onlineMeetingProvider = body.onlineMeetingProvider ?? 'teamsForBusiness';
    stored.joinUrlPendingReads = ctx.policy.joinUrlDelayReads;
  }
  if (body.isOnlineMeeting === false) json.onlineMeetingProvider = 'unknown';
  const changeKey = randomBytes(12).toString('base64');
  json.changeKey = changeKey;
  json['@odata.etag'] = `W/"${changeKey}"`;
  json.lastModifiedDateTime = new Date().toISOString();
  return ok(200, represent(ctx, mailbox, stored));
}

function parentOf(ctx: Ctx, who: string, kind: 'events' | 'messages', id: string): { mailbox: SeedUser; attachments: Map<string, StoredAttachment> } | Out {
  const mailbox = resolveMailbox(ctx, who, permissionFor(kind));
  if (!('id' in mailbox)) return mailbox;
  const item = kind === 'events' ? ctx.state.eventsOf(mailbox.id).get(id) : ctx.state.messagesOf(mailbox.id).get(id);
  if (!item) return fail(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return { mailbox, attachments: item.attachments };
}

function attachmentJson(a: StoredAttachment, withContent: boolean): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': a.contentType,
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime,
    name: a.name,
    contentType: a.contentType,
    size: a.content.length,
    isInline: false,
    contentId: null,
    contentLocation: null,
    ...(withContent ? { contentBytes: a.content.toString('base64') } : {}),
  };
}

function addAttachment(ctx: Ctx, who: string, kind: 'events' | 'messages', id: string): Out {
  const parent = parentOf(ctx, who, kind, id);
  if (!('attachments' in parent)) return parent;
  const body = ctx.json;
  if (!isObject(body) || body['@odata.type'] !== '#microsoft.graph.fileAttachment') {
    return fail(400, 'ErrorInvalidRequest', "The attachment must have '@odata.type': '#microsoft.graph.fileAttachment'.");
  }
  const bad = unknownProperty(body, ['name', 'contentType', 'contentBytes', 'isInline', 'contentId'], 'fileAttachment');
  if (bad) return bad;
  if (typeof body.name !== 'string' || body.name === '' || typeof body.contentBytes !== 'string') {
    return fail(400, 'ErrorInvalidRequest', 'A file attachment needs a name and contentBytes.');
  }
  const attachment: StoredAttachment = {
    id: newOutlookId(),
    name: body.name,
    contentType: typeof body.contentType === 'string' ? body.contentType : 'application/octet-stream',
    content: Buffer.from(body.contentBytes, 'base64'),
    lastModifiedDateTime: new Date().toISOString(),
  };
  parent.attachments.set(attachment.id, attachment);
  return ok(201, { '@odata.context': `${ctx.origin}/v1.0/$metadata#users('${parent.mailbox.id}')/${kind}('${id}')/attachments/$entity`, ...attachmentJson(attachment, true) });
}

function listAttachments(ctx: Ctx, who: string, kind: 'events' | 'messages', id: string): Out {
  const parent = parentOf(ctx, who, kind, id);
  if (!('attachments' in parent)) return parent;
  const items = [...parent.attachments.values()].map((a) => attachmentJson(a, true));
  return page(ctx, items, `${ctx.origin}/v1.0/$metadata#users('${parent.mailbox.id}')/${kind}('${id}')/attachments`);
}

function createUploadSession(ctx: Ctx, who: string, kind: 'events' | 'messages', id: string): Out {
  const parent = parentOf(ctx, who, kind, id);
  if (!('attachments' in parent)) return parent;
  const body = ctx.json;
  const item = isObject(body) && isObject(body.AttachmentItem) ? body.AttachmentItem : undefined;
  if (item?.attachmentType !== 'file' || typeof item.name !== 'string' || typeof item.size !== 'number') {
    return fail(400, 'ErrorInvalidRequest', "The request needs AttachmentItem with attachmentType 'file', a name and a size.");
  }
  if (item.size < UPLOAD_SESSION_MIN_BYTES) {
    return fail(400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize', 'Attachment size must be greater than the minimum size.');
  }
  if (item.size > UPLOAD_SESSION_MAX_BYTES) return fail(400, 'ErrorMessageSizeExceeded', 'The message exceeds the maximum supported size.');
  const sessionId = randomUUID();
  const authtoken = randomBytes(24).toString('base64url');
  const expiresAt = Date.now() + 15 * 60_000;
  ctx.state.uploadSessions.set(sessionId, {
    id: sessionId,
    authtoken,
    mailbox: parent.mailbox.id,
    parentKind: kind,
    parentId: id,
    name: item.name,
    contentType: typeof item.contentType === 'string' ? item.contentType : 'application/octet-stream',
    size: item.size,
    received: [],
    offset: 0,
    expiresAt,
  });
  return ok(201, {
    '@odata.context': `${ctx.origin}/v1.0/$metadata#microsoft.graph.uploadSession`,
    uploadUrl: `${ctx.origin}/upload/${sessionId}?authtoken=${authtoken}`,
    expirationDateTime: new Date(expiresAt).toISOString(),
    nextExpectedRanges: ['0-'],
  });
}

function validateRecipients(value: unknown, required: boolean): Out | undefined {
  if (value === undefined && !required) return undefined;
  if (!Array.isArray(value) || (required && value.length === 0)) return fail(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., Recipient is missing.');
  for (const r of value) {
    if (!isObject(r) || !isObject(r.emailAddress) || typeof r.emailAddress.address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(r.emailAddress.address)) {
      return fail(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    }
  }
  return undefined;
}

function decodeInlineAttachments(value: unknown): StoredAttachment[] | Out {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(400, 'UnableToDeserializePostBody', 'attachments must be a collection.');
  const out: StoredAttachment[] = [];
  for (const a of value) {
    if (!isObject(a) || a['@odata.type'] !== '#microsoft.graph.fileAttachment' || typeof a.name !== 'string' || typeof a.contentBytes !== 'string') {
      return fail(400, 'ErrorInvalidRequest', "Each attachment needs '@odata.type': '#microsoft.graph.fileAttachment', a name and contentBytes.");
    }
    out.push({ id: newOutlookId(), name: a.name, contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream', content: Buffer.from(a.contentBytes, 'base64'), lastModifiedDateTime: new Date().toISOString() });
  }
  return out;
}

function fromAddress(message: Record<string, unknown>): string | undefined {
  const from = message.from;
  return isObject(from) && isObject(from.emailAddress) && typeof from.emailAddress.address === 'string' ? from.emailAddress.address : undefined;
}

function sendMail(ctx: Ctx, who: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Mail.Send', { sharedPermission: 'Mail.Send.Shared' });
  if (!('id' in mailbox)) return mailbox;
  const body = ctx.json;
  if (!isObject(body) || !isObject(body.message)) return fail(400, 'ErrorInvalidRequest', 'The request body must contain a message.');
  const bad = unknownProperty(body, ['message', 'saveToSentItems'], 'sendMail') ?? unknownProperty(body.message, MESSAGE_WRITABLE, 'message') ?? validateRecipients(body.message.toRecipients, true) ?? validateRecipients(body.message.ccRecipients, false);
  if (bad) return bad;
  const attachments = decodeInlineAttachments(body.message.attachments);
  if (!Array.isArray(attachments)) return attachments;
  const from = fromAddress(body.message);
  ctx.state.sentMail.push({
    mailbox: mailbox.id,
    ...(from ? { from } : {}),
    message: body.message,
    attachments: attachments.map((a) => ({ name: a.name, contentType: a.contentType, size: a.content.length, content: a.content })),
    saveToSentItems: body.saveToSentItems !== false,
  });
  return ok(202);
}

function createDraft(ctx: Ctx, who: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Mail.ReadWrite');
  if (!('id' in mailbox)) return mailbox;
  const body = ctx.json;
  if (!isObject(body)) return fail(400, 'UnableToDeserializePostBody', 'Request body is empty or not a JSON object.');
  const bad = unknownProperty(body, MESSAGE_WRITABLE, 'message') ?? validateRecipients(body.toRecipients, false);
  if (bad) return bad;
  const attachments = decodeInlineAttachments(body.attachments);
  if (!Array.isArray(attachments)) return attachments;
  const id = newOutlookId();
  const json: Record<string, unknown> = { ...body, id, isDraft: true, createdDateTime: new Date().toISOString(), internetMessageId: `<${randomUUID()}@test.outlook>` };
  delete json.attachments;
  ctx.state.messagesOf(mailbox.id).set(id, { json, attachments: new Map(attachments.map((a) => [a.id, a])) });
  return ok(201, { '@odata.context': `${ctx.origin}/v1.0/$metadata#users('${mailbox.id}')/messages/$entity`, ...json, hasAttachments: attachments.length > 0 });
}

function sendDraft(ctx: Ctx, who: string, id: string): Out {
  const mailbox = resolveMailbox(ctx, who, 'Mail.Send', { sharedPermission: 'Mail.Send.Shared' });
  if (!('id' in mailbox)) return mailbox;
  const drafts = ctx.state.messagesOf(mailbox.id);
  const draft = drafts.get(id);
  if (!draft) return fail(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const bad = validateRecipients(draft.json.toRecipients, true);
  if (bad) return bad;
  drafts.delete(id);
  const from = fromAddress(draft.json);
  ctx.state.sentMail.push({
    mailbox: mailbox.id,
    ...(from ? { from } : {}),
    message: draft.json,
    attachments: [...draft.attachments.values()].map((a) => ({ name: a.name, contentType: a.contentType, size: a.content.length, content: a.content })),
    saveToSentItems: true,
  });
  return ok(202);
}
