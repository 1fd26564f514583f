import { z } from 'zod';
import { type Endpoint, permissions } from './permissions';
import { adviceBody, amendmentBody, attachBody, contactsBody, decisionBody, meetingBody, periodQuery, reportBody, reviewListQuery, teamsBody } from './schemas';

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
          summary: "Import a council's caseload (CSV); idempotent by laReference",
          description: `${roles('POST /api/caseload/import')} Columns: laReference, childName, school, planIssued, lastReviewConcluded, dateOfBirth, ncYear, transferKind, transferDate, meetingDate (header row; order free; extra columns ignored). Good rows are stored, bad rows reported by line.`,
          parameters: [writeHeaders[0]],
          requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
          responses: {
            '200': {
              description: 'Counts and per-line errors',
              content: { 'application/json': { schema: { type: 'object', properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, rejected: { type: 'integer' }, errors: { type: 'array' } } } } },
            },
            ...errors,
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
      '/api/reviews/{id}/report': write('POST /api/reviews/{id}/report', "Record the school's report of the meeting", reportBody),
      '/api/reviews/{id}/decision': write('POST /api/reviews/{id}/decision', "Record the LA's decision (only when the review awaits it)", decisionBody),
      '/api/reviews/{id}/amendment': write('POST /api/reviews/{id}/amendment', 'Record the amendment notice, the family response and the final plan', amendmentBody, false),
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
          parameters: [idParam, writeHeaders[0]],
          requestBody: { required: true, content: { 'application/json': { schema: json(contactsBody) } } },
          responses: { '200': { description: '`contacts` and whether anything `changed`' }, ...errors },
        },
      },
      '/api/reviews/{id}/outlook/teams': {
        post: {
          summary: 'Make the booked Outlook meeting a Teams meeting through Graph (on-behalf-of the caller); answers the join link',
          description: `${roles('POST /api/reviews/{id}/outlook/teams')} 502 teams-meeting-failed says what to click instead.`,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: json(teamsBody) } } },
          responses: { '200': { description: '`joinUrl`' }, '409': { description: 'Not the booked meeting' }, '502': { description: 'Graph refused; the message says what to click' }, ...errors },
        },
      },
      '/api/reviews/{id}/outlook/attachments': {
        post: {
          summary: 'Attach one advice file to the booked Outlook meeting through Graph (under 3 MB in one request, larger by upload session)',
          description: `${roles('POST /api/reviews/{id}/outlook/attachments')} One file per call, so one failure never loses the others; a repeat after success answers the same attachment.`,
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: json(attachBody) } } },
          responses: { '201': { description: 'Attached: `name`, `size`, `via`, `attachmentId`' }, '200': { description: 'Already attached' }, '502': { description: 'This file failed; retry it' }, ...errors },
        },
      },
      '/api/reports/timeliness': {
        get: {
          summary: 'Per plan and in total: meeting, outcome, decision date and whether each step was on time, for a census period',
          description: roles('GET /api/reports/timeliness'),
          parameters: queryParams(periodQuery as unknown as z.ZodObject),
          responses: { '200': { description: '`plans` and `totals`' }, ...errors },
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
      '/addin/taskpane.html': { get: { summary: 'The Outlook add-in task pane (also /addin/commands.html and /addin/commands.js)', security: [], responses: { '200': { description: 'HTML' } } } },
      '/healthz': { get: { summary: 'The process is up', security: [], responses: { '200': { description: 'ok' } } } },
      '/readyz': { get: { summary: 'The store answers and the service takes requests', security: [], responses: { '200': { description: 'ready' }, '503': { description: 'not ready' } } } },
    },
  };
}
