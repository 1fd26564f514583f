import { rectifyBody } from '../app/rectifyChild';
import { eraseBody } from '../app/eraseChild';
import { retentionBody } from '../app/retention/retentionSchedule';
import { z } from 'zod';
import { comingQuery, pageQuery, sen2CsvQuery, sen2ExcludedQuery, sen2Query, todayQuery } from './dashboardSchemas';
import { type Endpoint, permissions } from '../app/permissions';
import { columnMapBody } from './routes/caseload';
import { reportDocumentQuery } from './routes/meetingReport';
import { deadRemindersQuery } from './routes/reminders';
import { reportDraftBody } from '../app/meetingReport/saveReportDraft';
import { councilSettingsSchema } from '../../shared';
import { finalPlanBody, letterPostedBody, notAmendingBody, representationsBody, sendDraftBody } from '../app/afterDecision/schemas';
import {
  addresseeBody,
  adviceBody,
  amendmentBody,
  attachBody,
  ceaseBody,
  contactsBody,
  decisionBody,
  earlyReviewBody,
  letterQuery,
  letterPreviewBody,
  letterSendBody,
  meetingBody,
  periodQuery,
  accessQuery,
  planEndBody,
  reportBody,
  reviewListQuery,
  settingBody,
  settingSearchQuery,
  teamsBody,
  transferBody,
} from '../app/schemas';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'stable code' },
    message: { type: 'string', description: 'what to change' },
    problems: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    findings: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, severity: { enum: ['block', 'warn'] }, source: { type: 'string' }, message: { type: 'string' } } } },
  },
};
const errors = {
  '400': { description: 'Bad input: `problems` lists each field to fix', content: { 'application/json': { schema: errorBody } } },
  '401': { description: 'Missing, expired or invalid bearer token' },
  '403': { description: 'Your role may not call this endpoint' },
  '404': { description: 'Unknown id, or a case of another organisation (not revealed)' },
  '503': { description: '`store-unavailable`: the database cannot be reached just now; nothing was saved; retry after Retry-After seconds' },
};
const writeErrors = {
  ...errors,
  '409': { description: 'The review is not at a step that takes this write' },
  '412': { description: 'If-Match names an older version of the review' },
  '422': { description: 'Idempotency-Key reused for a different request' },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const writeHeaders = [
  { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'Repeat a write safely: the same key returns the first answer and writes nothing new.' },
  { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag from GET /api/reviews/{id}; a stale one gets 412.' },
];
/** For writes with no version of their own: only `If-Match: *` can match (RFC 9110 13.1.1). */
const noVersionIfMatch = { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'Only `*`: this has no version, so any entity tag gets 412.' };
const queryParams = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, field]) => ({ name, in: 'query', required: false, schema: json(field as z.ZodType) }));

const roles = (e: Endpoint) => `Roles: ${permissions[e].join(', ')}.`;

const write = (e: Endpoint, summary: string, body: z.ZodType, created = true) => ({
  post: {
    summary,
    description: roles(e),
    parameters: [idParam, ...writeHeaders],
    requestBody: { required: true, content: { 'application/json': { schema: json(body) } } },
    responses: { [created ? '201' : '200']: { description: 'Recorded; the new ETag is in the ETag header' }, ...writeErrors },
  },
});

/** The API's OpenAPI 3.1 description, served at /api/openapi.json; request schemas come from the validators themselves. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'EHCP Review Assistant API',
      version: '0.1.0',
      description:
        'Statutory EHCP annual reviews across schools, councils and health. Authenticate with a Microsoft Entra ID access token for this API (or, in development, a token from `npx ehcp-review dev-token`). Dates are ISO calendar dates in Europe/London.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: {
      '/api/caseload/import': {
        post: {
          summary: "Import a council's caseload (CSV); idempotent by laReference; with Accept: application/x-ndjson, progress as it happens",
          description: `${roles('POST /api/caseload/import')} Columns: laReference, childName, school, planIssued, lastReviewConcluded, dateOfBirth, ncYear, transferKind, transferDate, meetingDate (header row; order free; extra columns ignored). Good rows are stored, bad rows (and lines that are not valid CSV) reported by line; the counts add up to the rows. The header is read through the council's saved column names (GET/PUT /api/caseload/mapping). \`rejectedCsv\` holds the rejected lines with their problems, to fix and upload again. A file identical to the last import (same column names, nothing changed since) is answered at once with \`sameAsLastImport\`. With \`Accept: application/x-ndjson\` the answer is JSON lines: \`{type: 'progress', read, created, updated, unchanged, rejected}\` after each 1,000 rows, then \`{type: 'result', ...}\`, or \`{type: 'error', status, code, message}\` if it failed after starting (nothing stored).`,
          parameters: [writeHeaders[0], noVersionIfMatch],
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: {
            '200': {
              description: 'Counts and per-line errors',
              content: { 'application/json': { schema: { type: 'object', properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, rejected: { type: 'integer' }, errors: { type: 'array' } } } } },
            },
            ...errors,
            '412': { description: 'If-Match other than `*`: a caseload has no version to match' },
            '413': { description: '`too-many-rows`: more rows than IMPORT_MAX_ROWS (nothing stored), or a body over 64 MB', content: { 'application/json': { schema: errorBody } } },
          },
        },
      },
      '/api/reviews': {
        get: {
          summary: 'Reviews you can see, most urgent first',
          description: roles('GET /api/reviews'),
          parameters: queryParams(reviewListQuery),
          responses: { '200': { description: '`items` and `nextCursor` (pass it back as `cursor` for the next page)' }, ...errors },
        },
      },
      '/api/reviews/{id}': {
        get: {
          summary: 'One review: case, timeline (each step with date, state and source), invitations, advice, meeting, report, decision, amendment',
          description: roles('GET /api/reviews/{id}'),
          parameters: [idParam],
          responses: { '200': { description: 'The review; its version is in the ETag header' }, ...errors },
        },
      },
      '/api/reviews/{id}/meeting': {
        ...write('POST /api/reviews/{id}/meeting', 'Book or re-book the review meeting (checked against every statutory rule)', meetingBody),
      },
      '/api/reviews/{id}/advice': write('POST /api/reviews/{id}/advice', 'Record advice received (a OneDrive/SharePoint file reference, never the file)', adviceBody),
      '/api/reviews/{id}/report': {
        ...write('POST /api/reviews/{id}/report', "Record that the school's report was sent elsewhere (the structured report is below)", reportBody),
        get: {
          summary: "The meeting report: the draft (whoever runs the review only) or the submitted report (read-only, everyone who sees the review)",
          description: `${roles('GET /api/reviews/{id}/report')} Before the first save, a draft pre-filled with the invitees and the advice received. The ETag is the report's own, for If-Match on its writes.`,
          parameters: [idParam],
          responses: { '200': { description: 'The report, its state, variant, sections, and whether the email went' }, ...errors },
        },
      },
      '/api/reviews/{id}/report/draft': {
        put: {
          summary: "Save the meeting report's draft (the report page autosaves)",
          description: `${roles('PUT /api/reviews/{id}/report/draft')} Only whoever runs the review (the school's SENCO; the council's officers where the council runs it) sees and writes the draft; anyone else gets 404. If-Match takes the report's ETag (GET /api/reviews/{id}/report). 409 \`report-submitted\` once submitted.`,
          parameters: [idParam, ...writeHeaders],
          requestBody: { required: true, content: { 'application/json': { schema: json(reportDraftBody) } } },
          responses: { '200': { description: 'Saved; the report\'s new ETag is in the ETag header' }, ...writeErrors },
        },
      },
      '/api/reviews/{id}/report/attendance': {
        post: {
          summary: "Fill who attended from the Teams meeting's attendance report",
          description: `${roles('POST /api/reviews/{id}/report/attendance')} As the organiser through Microsoft Graph (OnlineMeetings.Read, OnlineMeetingArtifact.Read.All). When it cannot (not a Teams meeting, no report yet, a permission missing), \`filled\` is false and \`reason\` says why: tick who attended by hand.`,
          parameters: [idParam, ...writeHeaders],
          responses: { '200': { description: '`filled`, the attendees, and `reason` when not filled' }, ...writeErrors },
        },
      },
      '/api/reviews/{id}/report/submit': {
        post: {
          summary: 'Submit the report: rendered as .docx and tagged PDF, saved in SharePoint, emailed once to everyone invited',
          description: `${roles('POST /api/reviews/{id}/report/submit')} 400 lists each required section still empty, and nothing is sent. A report after the two weeks is accepted and marked \`late\`. \`delivery.status\` is \`sent\`, or \`failed\` with the reason (the report stays submitted; POST .../report/send again).`,
          parameters: [idParam, ...writeHeaders],
          responses: { '201': { description: 'Submitted; `delivery` says whether the email went' }, ...writeErrors },
        },
      },
      '/api/reviews/{id}/report/send': {
        post: {
          summary: 'Send a submitted report that did not go (once: after it went, nothing is sent again)',
          description: roles('POST /api/reviews/{id}/report/send'),
          parameters: [idParam, ...writeHeaders],
          responses: { '201': { description: '`sent`' }, '200': { description: '`already-sent` or `failed` with the reason' }, ...writeErrors },
        },
      },
      '/api/reviews/{id}/report/document': {
        get: {
          summary: 'The meeting report as Word (.docx) or a tagged PDF',
          description: roles('GET /api/reviews/{id}/report/document'),
          parameters: [idParam, ...queryParams(reportDocumentQuery)],
          responses: {
            '200': { description: 'The report', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } } },
            ...errors,
          },
        },
      },
      '/api/reviews/{id}/decision': write(
        'POST /api/reviews/{id}/decision',
        "Record the LA's decision once the meeting is held, with or without the school's report (without it, `consideredInstead` is required); cease is the proposal to cease. The family's letter then goes as the council's settings say (the `Decision-Letter` header of the first answer says whether it went; without an Idempotency-Key, `letter` gives the message)",
        decisionBody,
      ),
      '/api/reviews/{id}/cease': write('POST /api/reviews/{id}/cease', 'After the consultation on a proposal to cease: cease the plan (kept until the appeal window ends) or keep it', ceaseBody),
      '/api/reviews/{id}/early': write('POST /api/reviews/{id}/early', 'Start a review now, before its annual turn: early (restarts the 12 months) or interim (does not, unless the council says so), with the reason', earlyReviewBody),
      '/api/reviews/{id}/addressee': write('POST /api/reviews/{id}/addressee', 'Record who the family letters and invitations go to over compulsory school age: auto, the young person and the parent, or an alternative person (CFA 2014 s80; Regs 63-64)', addresseeBody),
      '/api/reviews/{id}/plan-end': write('POST /api/reviews/{id}/plan-end', "Confirm the day a ceased plan ends (not before the time to appeal ends, s45)", planEndBody, false),
      '/api/reviews/{id}/amendment': write('POST /api/reviews/{id}/amendment', 'Record the amendment notice, the family response and the final plan', amendmentBody, false),
      '/api/reviews/{id}/letter': {
        get: {
          summary: 'The decision letter to the family (or, with kind=amendment-notice, the notice of proposed amendments sent with it), as Word (.docx) or a tagged, accessible PDF, dated today',
          description: `${roles('GET /api/reviews/{id}/letter')} Filled from the decision, the timeline's dates and the council's settings. 409 \`no-decision-yet\` before a decision; 409 \`council-setting-missing\` names each missing setting in \`settings\`.`,
          parameters: [idParam, ...queryParams(letterQuery)],
          responses: {
            '200': {
              description: 'The letter',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errors,
            '409': { description: 'No decision yet, or a council setting the letter needs is missing (`settings` names them)' },
          },
        },
      },
      '/api/reviews/{id}/letter/preview': {
        post: {
          summary: 'The decision letter a decision being written would send, as lines of text, dated today (nothing is stored)',
          description: `${roles('POST /api/reviews/{id}/letter/preview')} The decision form's outcome, reasons and, for amend, the proposed changes; the answer's \`documents\` are the decision letter and, for amend, the amendment notice, each as \`{ kind, lines }\`.`,
          parameters: [idParam, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: "The review's ETag; a stale one gets 412." }],
          requestBody: { required: true, content: { 'application/json': { schema: json(letterPreviewBody) } } },
          responses: {
            '200': { description: '`documents`: each letter as `{ kind, lines }`' },
            ...errors,
            '409': { description: 'A council setting the letter needs is missing (`settings`), or an amend has no proposed changes yet' },
            '412': { description: 'If-Match names an older version of the review' },
          },
        },
      },
      '/api/reviews/{id}/letter/send': {
        post: {
          summary: "Send the decision letter (and, for amend, the amendment notice) dated today from the council's shared mailbox to the family, copied to the school, or save it as a draft there, as the council's settings say",
          description: `${roles('POST /api/reviews/{id}/letter/send')} Every period in it runs from today, the day it is sent; each PDF is kept in the review's SharePoint folder with its hash. A second call without \`resend: true\` sends nothing and answers 200 \`already-sent\`; with a draft waiting, \`regenerate: true\` replaces it with one dated today.`,
          parameters: [idParam, ...writeHeaders],
          requestBody: { required: false, content: { 'application/json': { schema: json(letterSendBody) } } },
          responses: {
            '201': { description: '`sent` or `saved-as-draft`: when, to whom, which channel' },
            '200': { description: '`already-sent`: nothing sent; `previous` is the earlier send' },
            ...writeErrors,
            '409': { description: 'No decision yet, a missing council setting (`settings`), or no email for the family on the case' },
            '503': { description: 'The service or the council is not set up for Microsoft Graph mail' },
          },
        },
      },
      '/api/caseload/mapping': {
        get: {
          summary: "Your council's names for the caseload import's columns (empty: the default names)",
          description: roles('GET /api/caseload/mapping'),
          responses: { '200': { description: '`columns` (ours -> yours), `updatedAt`, `ourColumns`; the version is in the ETag header' }, ...errors },
        },
        put: {
          summary: "Save your council's names for the import's columns (audited)",
          description: roles('PUT /api/caseload/mapping'),
          parameters: [
            writeHeaders[0],
            { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag from GET /api/caseload/mapping; a stale one gets 412.' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: json(columnMapBody) } } },
          responses: { '200': { description: 'Saved; the new ETag is in the ETag header' }, ...errors, '412': { description: 'If-Match names an older version' } },
        },
      },
      '/api/reviews/{id}/letter/send-draft': write(
        'POST /api/reviews/{id}/letter/send-draft',
        'Send the decision letter waiting in Drafts; 409 `letter-draft-stale` when it is dated before today (the family would get fewer days than it says): regenerate it first',
        sendDraftBody,
        false,
      ),
      '/api/reviews/{id}/letter/posted': write('POST /api/reviews/{id}/letter/posted', 'Record the decision letter (and any notice) as posted on a day: dated that day, served after the delivery allowance', letterPostedBody),
      '/api/reviews/{id}/letters': {
        get: {
          summary: 'Every letter, notice and final plan letter sent for the review: kind, date, channel, recipients, the PDF hash and its kept copy in SharePoint; and the family’s representations',
          description: roles('GET /api/reviews/{id}/letters'),
          parameters: [idParam],
          responses: { '200': { description: '`letters` oldest first, `representations` in the order received' }, ...errors },
        },
      },
      '/api/reviews/{id}/representations': write('POST /api/reviews/{id}/representations', 'Record the family’s representations on the amendment notice (date received; any school requested and its consultation)', representationsBody),
      '/api/reviews/{id}/final-plan': write(
        'POST /api/reviews/{id}/final-plan',
        'Issue the final amended plan (Reg 22(3)): the plan file and its letter to the family, the school named and the health commissioning body; 409 `family-window-open` before the 15 days end unless the family has responded',
        finalPlanBody,
      ),
      '/api/reviews/{id}/not-amending': write('POST /api/reviews/{id}/not-amending', 'Decide not to amend after all (Reg 22(4)): the letter with the reasons and the right of appeal goes to the family', notAmendingBody),
      '/api/council/settings': {
        get: {
          summary: "Your council's letter settings, and which are still missing for each kind of letter and for sending",
          description: roles('GET /api/council/settings'),
          responses: { '200': { description: 'The settings; their version is in the ETag header' }, ...errors },
        },
        put: {
          summary: "Replace your council's letter settings",
          description: roles('PUT /api/council/settings'),
          parameters: [
            writeHeaders[0],
            { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag from GET /api/council/settings; a stale one gets 412.' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: json(councilSettingsSchema) } } },
          responses: { '200': { description: 'Stored; the new ETag is in the ETag header' }, ...errors, '412': { description: 'If-Match names an older version' } },
        },
      },
      '/api/council/retention': {
        get: {
          summary: "Your council's retention schedule in force (its own, or the defaults with their sources), whether it is confirmed, and what it would delete today",
          description: roles('GET /api/council/retention'),
          responses: { '200': { description: '`schedule`, `confirmed`, `scheduleVersion` (also in the ETag), `kinds` (rule and count per kind), `defaults`, `sharePointFiles` (files retention or erasure took off the records that Graph has not deleted yet: `pending`, `failing`, `lastError`)' }, ...errors },
        },
        put: {
          summary: "Save your council's retention schedule; confirm: true lets the daily job delete by it (until then it only reports)",
          description: roles('PUT /api/council/retention'),
          parameters: [
            writeHeaders[0],
            { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag from GET /api/council/retention; a stale one gets 412.' },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: json(retentionBody) } } },
          responses: { '200': { description: 'Saved: `version`, `schedule`, `confirmed`, `confirmedAt`' }, ...errors, '412': { description: 'If-Match names an older version' } },
        },
      },
      '/api/reviews/{id}/advice-requests/{requestId}/link': {
        post: {
          summary: 'Issue a new one-time link for an advice or family views request; earlier unused links for it stop working',
          description: `${roles('POST /api/reviews/{id}/advice-requests/{requestId}/link')} The URL is in this answer only (the service keeps only a hash of its token); it works once, until the end of the meeting day in London. Not idempotent by design: each call issues a new link.`,
          parameters: [idParam, { name: 'requestId', in: 'path', required: true, schema: { type: 'integer' }, description: 'An id from `advice.requests` in the review detail' }, writeHeaders[1]],
          responses: {
            '201': { description: '`requestId`, `reviewId`, `url`, `expiresAt`', content: { 'application/json': { schema: { type: 'object', properties: { requestId: { type: 'integer' }, reviewId: { type: 'string' }, url: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } } } } } },
            '409': { description: 'The meeting is not booked or has been held' },
            '412': writeErrors['412'],
            ...errors,
          },
        },
      },
      '/api/reviews/{id}/contacts': {
        get: {
          summary: "The child's contacts: who the review invites, by role, with name and email",
          description: roles('GET /api/reviews/{id}/contacts'),
          parameters: [idParam],
          responses: { '200': { description: '`contacts`' }, ...errors },
        },
        put: {
          summary: "Replace the child's contacts (audited); caseload imports add them from <role>Name/<role>Email columns",
          description: roles('PUT /api/reviews/{id}/contacts'),
          parameters: [idParam, ...writeHeaders],
          requestBody: { required: true, content: { 'application/json': { schema: json(contactsBody) } } },
          responses: { '200': { description: '`contacts` and whether anything `changed`; the review\'s new ETag is in the ETag header' }, ...errors, '412': writeErrors['412'] },
        },
      },
      '/api/reviews/{id}/outlook/teams': {
        post: {
          summary: 'Make the booked Outlook meeting a Teams meeting through Graph (on-behalf-of the caller); answers the join link',
          description: `${roles('POST /api/reviews/{id}/outlook/teams')} 502 teams-meeting-failed says what to click instead.`,
          parameters: [idParam, writeHeaders[1]],
          requestBody: { required: true, content: { 'application/json': { schema: json(teamsBody) } } },
          responses: { '200': { description: '`joinUrl`' }, '412': writeErrors['412'], '409': { description: 'Not the booked meeting' }, '502': { description: 'Graph refused; the message says what to click' }, ...errors },
        },
      },
      '/api/reviews/{id}/outlook/attachments': {
        post: {
          summary: 'Attach one advice file to the booked Outlook meeting through Graph (under 3 MB in one request, larger by upload session)',
          description: `${roles('POST /api/reviews/{id}/outlook/attachments')} One file per call, so one failure never loses the others; a repeat after success answers the same attachment.`,
          parameters: [idParam, writeHeaders[1]],
          requestBody: { required: true, content: { 'application/json': { schema: json(attachBody) } } },
          responses: { '412': writeErrors['412'], '201': { description: 'Attached: `name`, `size`, `via`, `attachmentId`' }, '200': { description: 'Already attached' }, '502': { description: 'This file failed; retry it' }, ...errors },
        },
      },
      '/api/reports/timeliness': {
        get: {
          summary: 'Per plan and in total: meeting, outcome, decision date and whether each step was on time, for a census period',
          description: roles('GET /api/reports/timeliness'),
          parameters: queryParams(periodQuery as unknown as z.ZodObject),
          responses: { '200': { description: '`plans`, `totals`, and `timeliness`: what was due in the period, done or not, as the dashboard counts it' }, ...errors },
        },
      },
      '/api/reports/sen2.csv': {
        get: {
          summary: 'The same as CSV, SEN2 annual-review items first',
          description: roles('GET /api/reports/sen2.csv'),
          parameters: queryParams(periodQuery as unknown as z.ZodObject),
          responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors },
        },
      },
      '/api/reminders/dead': {
        get: {
          summary: 'Reminders the sweeper gave up on (dead letters), newest first, each with its last error: what to fix (an address, a setting)',
          description: roles('GET /api/reminders/dead'),
          parameters: queryParams(deadRemindersQuery as unknown as z.ZodObject),
          responses: { '200': { description: '`items` (id, reviewId, laReference, kind, recipientRole, sendOn, attempts, lastError, deadAt) and `next`' }, ...errors },
        },
      },
      '/addin/taskpane.html': { get: { summary: 'The Outlook add-in task pane (also /addin/commands.html and /addin/commands.js)', security: [], responses: { '200': { description: 'HTML' } } } },
      ...dashboardPaths(),
      ...placementPaths(),
      '/healthz': { get: { summary: 'The process is up', security: [], responses: { '200': { description: 'ok' } } } },
      '/readyz': { get: { summary: 'The store answers and the service takes requests', security: [], responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } } } },
    },
  };
}

const get = (e: Endpoint, summary: string, query: z.ZodObject | undefined, description: string, content?: Record<string, unknown>) => ({
  get: {
    summary,
    description: roles(e),
    parameters: query ? queryParams(query) : [],
    responses: { '200': { description, ...(content ? { content } : {}) }, ...errors },
  },
});

/** The council dashboard's endpoints (the Teams tab reads these); every list is one page, counted in SQL. */
function dashboardPaths() {
  const paged = '`items` (one page), `total`, `page`, `pageSize`';
  return {
    '/api/dashboard/today': get('GET /api/dashboard/today', 'Overdue reviews at each step, who owns the next action', todayQuery, `${paged} and \`counts\` per step`),
    '/api/dashboard/filters': get('GET /api/dashboard/filters', "The council's schools and LA officers, for the Today view's filters", undefined, '`schools` and `officers`'),
    '/api/dashboard/coming': get('GET /api/dashboard/coming', 'Open reviews whose deadline falls in the next 4, 8 or 12 weeks', comingQuery as unknown as z.ZodObject, `${paged} and \`counts\` for 4, 8 and 12 weeks`),
    '/api/dashboard/transfers': get('GET /api/dashboard/transfers', 'Phase transfers ahead with their Reg 18 deadlines (before 15 February / 31 March)', pageQuery, paged),
    '/api/dashboard/timeliness': get('GET /api/dashboard/timeliness', 'Concluded within 12 months, reports within 2 weeks, decisions within 4 weeks, counting what was due (done or not; open past its due date is late): by month and by school, last 12 months', undefined, '`overall`, `byMonth`, `bySchool`; each figure `total`, `onTime`, `late`, `lateOpen`, `pending`, `share`'),
    '/api/dashboard/sen2': get('GET /api/dashboard/sen2', 'SEN2 annual-review items for a census date (default today)', sen2Query, `${paged} and \`excluded\` counts by reason`),
    '/api/dashboard/sen2/excluded': get('GET /api/dashboard/sen2/excluded', 'Plans left out of the census, and why', sen2ExcludedQuery, paged),
    '/api/dashboard/sen2.csv': get('GET /api/dashboard/sen2.csv', 'The whole census as CSV; the row count is in X-Row-Count', sen2CsvQuery, 'CSV', { 'text/csv': { schema: { type: 'string' } } }),
    '/api/dashboard/workload': get('GET /api/dashboard/workload', 'Per case officer: open cases, overdue, decisions due this week', undefined, '`week` and `officers`'),
    '/api/dashboard/undelivered': get('GET /api/dashboard/undelivered', 'Reminders that could not be delivered (dead letters)', pageQuery, paged),
    '/api/reviews/{id}/nudge': {
      post: {
        summary: "Queue a reminder to whoever owns the review's next step (idempotent; audited)",
        description: roles('POST /api/reviews/{id}/nudge'),
        parameters: [idParam, ...writeHeaders],
        responses: { '201': { description: 'Queued' }, '200': { description: 'Already queued: nothing new' }, ...writeErrors },
      },
    },
    '/api/auth/teams-sso': {
      post: {
        summary: "The Teams tab's sign-in: send the Teams SSO token as the bearer; the service verifies it and exchanges it on behalf of the user when configured",
        description: roles('POST /api/auth/teams-sso'),
        parameters: [noVersionIfMatch],
        responses: { '200': { description: '`orgId`, `orgName`, `role`, `personId`, `displayName`, `onBehalfOf`' }, ...errors },
      },
    },
  };
}

/** Placements at any registered setting and plan transfers between councils (#26). */
export function placementPaths() {
  return {
    '/api/settings': {
      ...get('GET /api/settings', 'Find a registered school, college or early years provider by name or URN (any council may place a child there)', settingSearchQuery, '`items`: id, name, settingType, urn, localCouncilId, localCouncilName'),
      post: {
        summary: 'Register a setting missing from the service, with the reason (audited); its local council is recorded, the placing council is each plan\'s own',
        description: roles('POST /api/settings'),
        parameters: writeHeaders,
        requestBody: { required: true, content: { 'application/json': { schema: json(settingBody) } } },
        responses: { '201': { description: 'Registered: the setting as GET /api/settings lists it' }, ...errors, '409': { description: '`setting-already-registered`: the id or URN is taken; the message names the setting to use' }, '412': { description: 'If-Match other than * (a new setting has no version)' } },
      },
    },
    '/api/reviews/{id}/transfer': {
      post: {
        summary: "Transfer the plan to another council on the service (SEND Regs 2014 reg 15): the old record closed as transferred, the open review moved with its history, Reg 15(4)-(5) dates, both councils and the school told",
        description: `${roles('POST /api/reviews/{id}/transfer')} transferredOn defaults to today; awareOn (the day the council learned of the move) to movedOn. A transfer later than Reg 15(2) allows is made with a \`transfer-late\` warning.`,
        parameters: [idParam, ...writeHeaders],
        requestBody: { required: true, content: { 'application/json': { schema: json(transferBody) } } },
        responses: {
          '201': { description: '`transferId`, `status: transferred`, `from`, `to` (with the moved `reviewId`), `dates` (transferDueBy, familyToldBy, reviewDeadline with sources), `warnings`, `notified`' },
          ...writeErrors,
          '409': { description: '`council-not-on-service` (export the case instead) or `plan-not-transferable` (already transferred or ceased)' },
        },
      },
    },
    '/api/transfers': get('GET /api/transfers', "The council's plan transfers, in and out, newest first (the sending council's closed records included)", undefined, '`items`'),
    '/api/reviews/{id}/export': {
      get: {
        ...get(
          'GET /api/reviews/{id}/export',
          'The whole case as JSON (docs/case-export.md): for a new council not on the service, and the subject access export; audited',
          undefined,
          '`format: ehcp-review/case-export`, `version`, child, plan, reviews, transfers, audit',
        ).get,
        parameters: [idParam],
      },
    },
    '/api/children/{laReference}/subject-access': {
      get: {
        summary: "Everything held about one child (Article 15 subject access), as a zip: a JSON file per kind of record, the letters and advice files from SharePoint (or listed where they cannot be fetched), summary.html and manifest.json with each file's SHA-256; audited",
        description: roles('GET /api/children/{laReference}/subject-access'),
        parameters: [{ name: 'laReference', in: 'path', required: true, schema: { type: 'string' }, description: "The child's council reference" }],
        responses: { '200': { description: 'application/zip', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
      },
    },
    '/api/children/{laReference}/rectify': {
      post: {
        summary: "Correct a child's name, date of birth or UPN (Article 16), with the reason; audited before and after. The council reference itself is changed by re-importing under the new one",
        description: roles('POST /api/children/{laReference}/rectify'),
        parameters: [{ name: 'laReference', in: 'path', required: true, schema: { type: 'string' }, description: "The child's council reference" }, ...writeHeaders],
        requestBody: { required: true, content: { 'application/json': { schema: json(rectifyBody) } } },
        responses: { '200': { description: '`changed` (the fields that changed; empty if none did), and the details now held' }, ...errors },
      },
    },
    '/api/children/{laReference}/erase': {
      post: {
        summary:
          "Erase a child (Article 17), in two steps: without `confirm`, what would be erased and a `confirmation`; with it, the erasure: personal data removed everywhere it is held, the case rows kept anonymised for the counts, the audit entries' before and after shredded, the SharePoint files deleted through Graph; a tombstone in the audit. 409 `erasure-not-confirmed` for a confirmation that does not match",
        description: roles('POST /api/children/{laReference}/erase'),
        parameters: [{ name: 'laReference', in: 'path', required: true, schema: { type: 'string' }, description: "The child's council reference" }, ...writeHeaders],
        requestBody: { required: true, content: { 'application/json': { schema: json(eraseBody) } } },
        responses: { '200': { description: 'first step: `wouldErase` (rows by table), `sharePointFiles`, `confirmation`; second: `erased`, `reference` (the anonymised one), `removed`, `sharePointFilesQueued`' }, ...errors },
      },
    },
    '/api/audit': get(
      'GET /api/audit',
      "Access records (who read a child's review, downloaded a letter or report, exported a case or the SEN2 file, when and from which face), newest first, for one child or one person; format=csv for a spreadsheet. The query is itself recorded",
      accessQuery as unknown as z.ZodObject,
      '`items` (id, at, person, face, action, laReference, reviewId), `nextBefore`; 404 `not-found` for a child the council does not hold',
      { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } },
    ),
  };
}
