import { councilLogoPng } from '../../app/councilSettings';
import type { IncomingMessage } from 'node:http';
import { type Request, type Response, Router } from 'express';
import { adviceFileName, adviceFileTypes } from '../../../shared/advice';
import { childInitials, childLabel } from '../../../shared/privacy/childLabel';
import { checkAdviceFile } from '../../advice/checkAdviceFile';
import type { LinkThrottle } from '../../advice/linkThrottle';
import { readUpload } from '../../advice/multipart';
import { pageHeaders } from '../../advice/pages/html';
import { failurePage, invalidLinkPage, type LinkFacts, thankYouPage, tooManyAttemptsPage, uploadPage, viewsPage } from '../../advice/pages/screens';
import { adviceCss } from '../../advice/pages/styles';
import type { AdviceStorage } from '../../advice/storage';
import { viewsDocument } from '../../advice/viewsDocument';
import { checkViews, type FamilyViews } from '../../advice/viewsForm';
import { keepLinkedAdvice, type LinkedAdvice, linkFor, reissueLink } from '../../app/adviceByLink';
import type { AdviceLinkContext } from '../../store/advice/links';
import { NotFoundError } from '../../store/errors';
import { type ApiContext, authorise } from '../context';
import { forLog } from '../inputFaults';

/** What the advice pages need beyond the API's context. */
export interface AdviceSettings {
  /** Where files go; undefined until Graph is configured (uploads then fail politely, storing nothing). */
  storage: AdviceStorage | undefined;
  /** ADVICE_DRIVE_ID: the library for councils without their own. */
  defaultDriveId: string | undefined;
  maxBytes: number;
  throttle: LinkThrottle;
  now: () => Date;
  publicUrl: () => string;
  sleep?: (ms: number) => Promise<void>;
}

const FAMILY = new Set(['parent', 'young-person']);
const VIEWS_BODY_LIMIT = 100 * 1024;
/** Multipart framing around the file: what a refused request's body may still be read for. */
const MULTIPART_OVERHEAD = 64 * 1024;
const REQUEST_ID = /^[1-9][0-9]{0,15}$/;
/** Characters of a token the throttle counts guesses under (48 bits: a scan of one link, not of all). */
const TOKEN_PREFIX = 8;
const REVIEW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Body = { ok: true; bytes: Buffer } | { ok: false };

/** Reads the request body up to `limit` bytes; past that it stops reading (the caller answers and the connection closes). */
async function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return { ok: false };
    chunks.push(chunk as Buffer);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Ends the connection of a request whose body was left unread, once our answer is out: the
 * answer is flushed first (end, not destroy), and a client that keeps sending is cut off
 * a second later instead of being read to the end.
 */
function closeUnread(req: IncomingMessage): void {
  req.socket.end();
  setTimeout(() => req.socket.destroy(), 1000).unref();
}

/**
 * Reads and drops what is left of a refused request's body, so the browser gets our page
 * rather than a reset, but never more than `limit` bytes: past that (or when Content-Length
 * says so up front) the connection is closed after the answer instead.
 */
async function drainBounded(req: IncomingMessage, res: Response, limit: number): Promise<void> {
  if (req.readableEnded) return;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    res.set('Connection', 'close').once('finish', () => closeUnread(req));
    return;
  }
  let size = 0;
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        res.set('Connection', 'close').once('finish', () => closeUnread(req));
        resolve();
      }
    };
    req.on('data', onData);
    req.once('end', resolve);
    req.once('close', resolve);
  });
}

function facts(link: AdviceLinkContext): LinkFacts {
  return {
    initials: childInitials(link.childName),
    laReference: link.laReference,
    fromRole: link.fromRole,
    dueOn: link.dueOn,
    meetingDate: link.meetingDate,
    circulatedBy: link.circulatedBy,
    council: { name: link.councilName, team: link.sendTeamName, phone: link.sendTeamPhone, email: link.sendTeamEmail, logoPath: link.councilHasLogo ? logoPath(link.councilId) : null },
    askedBy: { name: link.askedByName, school: link.schoolName },
  };
}

const logoPath = (councilId: string) => `/advice/assets/logo/${encodeURIComponent(councilId)}`;

function send(res: Response, status: number, body: string, extra: Record<string, string> = {}): void {
  res.status(status).set({ ...pageHeaders, 'Content-Type': 'text/html; charset=utf-8', ...extra }).send(body);
}

/** `/advice/{token}` with the token hidden, for request logs. */
export function redactAdvicePath(path: string): string {
  return path.replace(/^\/advice\/(?!assets\/)[^/]+/, '/advice/[link]');
}

/**
 * The one-time link pages (`/advice/{token}`: the upload page, or the views form for the
 * family) and the API to (re)issue a link for a request.
 */
export function adviceRoutes(ctx: ApiContext, settings: AdviceSettings): Router {
  const router = Router();
  const sleep = settings.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxMb = Math.floor(settings.maxBytes / (1024 * 1024));

  // Every /advice body is bounded before routing: a declared length over what any form here
  // takes is refused at once, and an unknown path never reads the body it was sent.
  const bodyLimit = settings.maxBytes + MULTIPART_OVERHEAD;
  router.use('/advice', (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (Number(req.headers['content-length'] ?? 0) > bodyLimit) {
      res.set('Connection', 'close').once('finish', () => closeUnread(req));
      send(res, 413, failurePage(`That is larger than ${maxMb} MB, so nothing was kept. Save the file as a smaller PDF and try again.`));
      return;
    }
    res.once('finish', () => {
      if (!req.readableEnded) closeUnread(req);
    });
    next();
  });

  router.get('/advice/assets/advice.css', (_req, res) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' }).send(adviceCss);
  });

  // The council's logo for its pages (council settings): from our origin, as the pages' policy allows nothing else.
  router.get('/advice/assets/logo/:councilId', async (req, res) => {
    const logo = await councilLogoPng(ctx, String(req.params.councilId ?? ''));
    if (!logo) {
      res.status(404).set({ 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).send('No logo');
      return;
    }
    res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' }).send(logo);
  });

  /**
   * The link, counted by the throttle before the lookup (under the client's address and the
   * token's prefix); answers the refusal itself and returns undefined when there is nothing
   * to serve. A valid token always opens, even from an address throttled for guessing.
   */
  const openLink = async (req: Request, res: Response): Promise<AdviceLinkContext | undefined> => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const token = String(req.params.token ?? '');
    const attempt = settings.throttle.attempt([`address:${address}`, `link:${token.slice(0, TOKEN_PREFIX)}`]);
    const link = await linkFor({ db: ctx.db, now: settings.now }, token);
    attempt.settle(link !== undefined);
    if (link) return link;
    const { decision } = attempt;
    await drainBounded(req, res, settings.maxBytes + MULTIPART_OVERHEAD);
    if (decision.kind === 'blocked') {
      ctx.logger.warn('advice link attempts blocked', { address: forLog(address, 64) });
      send(res, 429, tooManyAttemptsPage(), { 'Retry-After': String(decision.retryAfterSeconds) });
      return undefined;
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    send(res, 404, invalidLinkPage());
    return undefined;
  };

  const pageRoute = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (error) {
      ctx.logger.error('advice page failed', { error: (error as Error).message });
      if (!res.headersSent) send(res, 500, failurePage('Something went wrong on our side and nothing was kept.'));
    }
  };

  router.get(
    '/advice/:token',
    pageRoute(async (req, res) => {
      const link = await openLink(req, res);
      if (!link) return;
      const action = `/advice/${req.params.token}`;
      send(res, 200, FAMILY.has(link.fromRole) ? viewsPage(action, facts(link), {}, [], maxMb) : uploadPage(action, facts(link), maxMb));
    }),
  );

  /** The task keeps the file and records it; the page says how it went (`answers`: the family's own copy of what they sent, shown on the thank-you page to keep). */
  const store = async (res: Response, token: string, link: AdviceLinkContext, name: string, content: LinkedAdvice['content'], contentType: string, what: 'advice' | 'views', answers?: FamilyViews, childFile?: LinkedAdvice['childFile']) => {
    const kept = await keepLinkedAdvice({ ...ctx, ...settings }, { token, link, name, content, contentType, what, ...(childFile ? { childFile } : {}) });
    if (kept.kept) send(res, 201, thankYouPage(what, facts(link), answers, childFile !== undefined));
    else if (kept.why === 'not-set-up') send(res, 503, failurePage('The council has not finished setting up where advice is kept, so nothing was kept. Please tell the person who sent you the link.'));
    else if (kept.why === 'storage-failed') send(res, 503, failurePage('We could not save it to the council’s folder just now, so nothing was kept.'));
    else send(res, 404, invalidLinkPage());
  };

  /** What the views form sent: its answers, and the child's own file when one was chosen (multipart, as the page sends it; a plain urlencoded post is still read). */
  type ViewsPost = { ok: true; values: Record<string, string>; file: { filename: string; data: Buffer } | undefined } | { ok: false; values: Record<string, string>; problem: { field: string; message: string } };
  const readViewsPost = async (req: Request): Promise<ViewsPost> => {
    if (!String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const body = await readBody(req, VIEWS_BODY_LIMIT);
      if (!body.ok) return { ok: false, values: {}, problem: { field: 'goingWell', message: 'Your answers are too long to send; shorten them and try again' } };
      return { ok: true, values: Object.fromEntries(new URLSearchParams(body.bytes.toString('utf8'))), file: undefined };
    }
    // Each answer is at most 5,000 characters (up to 4 bytes each in UTF-8); the form has 8 fields besides the file.
    const upload = await readUpload(req, { maxFileBytes: settings.maxBytes, maxFields: 12, maxFieldBytes: 20 * 1024 });
    if (!upload.ok && upload.reason === 'too-large') return { ok: false, values: {}, problem: { field: 'childViewsFile', message: `The file is larger than ${maxMb} MB. Save it smaller (a photo at a lower size, say), then fill in the form and choose it again` } };
    if (!upload.ok) return { ok: false, values: {}, problem: { field: 'goingWell', message: upload.reason === 'too-many' ? 'Send the form on this page as it is: one file, and the answers in their boxes' : 'The form did not arrive whole; please fill it in and send it again' } };
    // A browser sends an empty part when no file was chosen: that is no file.
    const file = upload.file?.field === 'childViewsFile' && upload.file.filename && upload.file.data.length > 0 ? upload.file : undefined;
    return { ok: true, values: upload.fields, file };
  };

  /** The family's views, and with them the child's own file or picture: checked like advice, both kept in the review's folder or neither recorded. */
  const postViews = async (req: Request, res: Response, token: string, link: AdviceLinkContext) => {
    const action = `/advice/${token}`;
    const posted = await readViewsPost(req);
    const refuse = (values: Record<string, string>, problems: { field: string; message: string }[]) => {
      if (!req.readableEnded) res.set('Connection', 'close').once('finish', () => closeUnread(req));
      send(res, 400, viewsPage(action, facts(link), values, problems, maxMb));
    };
    if (!posted.ok) return refuse(posted.values, [posted.problem]);
    const fileCheck = posted.file ? checkAdviceFile(posted.file.filename, posted.file.data) : undefined;
    const checked = checkViews(posted.values, posted.file !== undefined);
    const problems = checked.ok ? [] : [...checked.problems];
    if (fileCheck && !fileCheck.ok) problems.push({ field: 'childViewsFile', message: 'The file must be a PDF, a Word document or a photo (JPEG, PNG or HEIC); choose it again once saved as one of those' });
    if (!checked.ok || problems.length > 0) return refuse(posted.values, problems);
    const named = (original: string, kind: Parameters<typeof adviceFileName>[0]['kind']) =>
      adviceFileName({ original, kind, childName: link.childName, dateOfBirth: link.dateOfBirth, receivedOn: ctx.today(), fromRole: link.fromRole });
    // Named for what it is, never by the name it came with (that may carry the child's name).
    const childFile = fileCheck?.ok && posted.file ? { name: named(`own views.${adviceFileTypes[fileCheck.kind].extensions[0]}`, fileCheck.kind), content: posted.file.data, contentType: fileCheck.contentType } : undefined;
    const views = checked.views;
    const document = (childFileName: string | undefined) => viewsDocument({ views, childLabel: childLabel(link.childName, link.laReference), fromRole: link.fromRole, meetingDate: link.meetingDate, receivedOn: ctx.today(), ...(childFileName ? { childFileName } : {}) });
    await store(res, token, link, named('views.docx', 'docx'), document, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'views', checked.views, childFile);
  };

  router.post(
    '/advice/:token',
    pageRoute(async (req, res) => {
      const link = await openLink(req, res);
      if (!link) return;
      const token = String(req.params.token);
      const action = `/advice/${token}`;
      if (FAMILY.has(link.fromRole)) {
        await postViews(req, res, token, link);
        return;
      }
      const upload = await readUpload(req, { maxFileBytes: settings.maxBytes });
      const refuse = (message: string) => {
        // Reading stopped at the limit: close rather than read the rest.
        if (!req.readableEnded) res.set('Connection', 'close').once('finish', () => closeUnread(req));
        send(res, 400, uploadPage(action, facts(link), maxMb, [{ field: 'file', message }]));
      };
      if (!upload.ok && upload.reason === 'too-large') return refuse(`The file is larger than ${maxMb} MB. Save it as a smaller PDF and try again.`);
      if (!upload.ok) return refuse(upload.reason === 'too-many' ? 'Send one file at a time, using the form on this page' : 'Choose your advice file');
      const file = upload.file;
      if (!file?.filename || file.data.length === 0) return refuse('Choose your advice file');
      const check = checkAdviceFile(file.filename, file.data);
      if (!check.ok) return refuse('The file must be a PDF, a Word document or a photo (JPEG, PNG or HEIC)');
      const name = adviceFileName({ original: file.filename, kind: check.kind, childName: link.childName, dateOfBirth: link.dateOfBirth, receivedOn: ctx.today(), fromRole: link.fromRole });
      await store(res, token, link, name, file.data, check.contentType, 'advice');
    }),
  );

  router.post('/api/reviews/:id/advice-requests/:requestId/link', async (req, res) => {
    const principal = await authorise(ctx, req, 'POST /api/reviews/{id}/advice-requests/{requestId}/link');
    const id = String(req.params.id ?? '');
    const requestId = String(req.params.requestId ?? '');
    if (!REVIEW_ID.test(id) || !REQUEST_ID.test(requestId)) throw new NotFoundError('Advice request');
    const issued = await reissueLink({ ...ctx, publicUrl: settings.publicUrl }, principal, id, Number(requestId), req.get('if-match'));
    // Shown once: the token is not kept, so this answer must not be cached or replayed.
    res.status(201).set('Cache-Control', 'no-store').json(issued);
  });

  return router;
}
