import { z } from 'zod';
import { adviceExtensions, adviceFileName, extensionOf } from '../../shared/advice';
import { screenDate } from '../../shared/calendar/formatDate';
import { childLabel } from '../../shared/privacy/childLabel';
import { type Logger, silentLogger } from '../log/logger';
import { adviceDriveFor, openAdviceRequestsFor } from '../store/advice/openRequests';
import { recordReceivedAdvice } from '../store/advice/recordReceivedAdvice';
import type { Db } from '../store/db';
import type { Principal } from '../store/principal';
import { boundedDownload } from './boundedDownload';
import { adviceRefusals, checkAdviceFile } from './checkAdviceFile';
import { type AdviceStorage, reviewFolderPath } from './storage';

/** The content type Teams gives a file a user sent the bot in personal chat. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** A Teams file attachment as the bot receives it (`activity.attachments[i]`). */
export const teamsFileAttachmentSchema = z.object({
  contentType: z.literal(TEAMS_FILE_DOWNLOAD_INFO),
  name: z.string().min(1).max(400),
  content: z.object({
    downloadUrl: z.string().url(),
    uniqueId: z.string().min(1).optional(),
    fileType: z.string().max(20).optional(),
  }),
});

/** What the bot hands over: an attachment of any kind (the function refuses what is not a file). */
export interface TeamsAttachment {
  contentType: string;
  name?: string;
  content?: unknown;
}

/** The registered person who sent the file, as the bot resolved them. */
export type AdviceSender = Principal & { displayName?: string | null };

export interface AcceptAdviceDeps {
  db: Db;
  /** Where files go; absent when the service has no Graph settings (then nothing is taken). */
  storage: AdviceStorage | undefined;
  /** Today in London (injected clock). */
  today: () => string;
  /** The largest file taken, bytes. */
  maxBytes: number;
  /** The library for councils without their own row in `advice_drives` (setting ADVICE_DRIVE_ID). */
  defaultDriveId?: string | undefined;
  fetch?: typeof fetch;
  /**
   * Which download URLs may be fetched. Default: https on SharePoint or OneDrive hosts, where
   * Teams keeps chat files; anything else is refused so a crafted message cannot make the
   * service fetch an internal address.
   */
  isAllowedDownloadUrl?: (url: URL) => boolean;
  logger?: Logger;
}

export type AcceptAdviceRefusal = 'not-a-file' | 'no-open-request' | 'wrong-type' | 'too-large' | 'download-failed' | 'not-set-up' | 'storage-failed';

export type AcceptAdviceResult =
  | { ok: true; message: string; adviceId: number; reviewId: string; fileName: string; circulatedBy: string }
  | { ok: false; reason: AcceptAdviceRefusal; message: string };

const messages = {
  'not-a-file': `Please send your advice as a file attached to a message (${'a PDF, a Word document or a photo'}); I could not find a file in that message.`,
  'no-open-request':
    'I have no open advice request for you, so nothing was kept. If you were asked for advice for a review, ask the school’s SENCO to check that the request went to the email address you use in Teams.',
  'download-failed': 'I could not fetch the file from Teams, so nothing was kept. Please send it again in a minute.',
  'not-set-up': 'The council has not yet set up where advice is kept, so nothing was kept. Please send your advice to the SENCO by email for now; I have told the service administrator.',
  'storage-failed': 'I could not save the file to the council’s SharePoint just now, so nothing was kept. Please send it again later.',
} as const;

export function defaultAllowedDownloadUrl(url: URL): boolean {
  return url.protocol === 'https:' && /(^|\.)(sharepoint\.com|sharepoint\.us|sharepoint-df\.com|onedrive\.com)$/i.test(url.hostname);
}

const refuse = (reason: AcceptAdviceRefusal, message: string): AcceptAdviceResult => ({ ok: false, reason, message });

/**
 * What the bot does with a file a professional sends in personal chat (its `onFileReceived`):
 * finds the sender's open advice request, downloads the file (bounded, never more than
 * `maxBytes` in memory), checks it is a PDF, Word document or photo by its bytes, saves it
 * in the review's folder on the council's SharePoint, and records the advice item with its
 * audit entry in one transaction. Returns the text the bot says: the confirmation with the
 * file name and the circulation date, or exactly why nothing was kept.
 *
 * Messages name the child by initials and council reference only; the file is stored under
 * a name without the child's name or date of birth.
 */
export async function acceptAdviceFile(deps: AcceptAdviceDeps, sender: AdviceSender, attachment: TeamsAttachment): Promise<AcceptAdviceResult> {
  const logger = deps.logger ?? silentLogger;
  const parsed = teamsFileAttachmentSchema.safeParse(attachment);
  if (!parsed.success) return refuse('not-a-file', messages['not-a-file']);
  const file = parsed.data;
  const url = new URL(file.content.downloadUrl);
  if (!(deps.isAllowedDownloadUrl ?? defaultAllowedDownloadUrl)(url)) {
    logger.warn('advice file refused: download URL not on an allowed host', { host: url.hostname });
    return refuse('download-failed', messages['download-failed']);
  }

  const today = deps.today();
  const [request] = await openAdviceRequestsFor(deps.db, { personId: sender.personId, email: sender.email }, today);
  if (!request) return refuse('no-open-request', messages['no-open-request']);

  // The cheap check first: Teams says what the file is called; the bytes are checked after download.
  const declared = (file.content.fileType ?? extensionOf(file.name)).toLowerCase();
  if (!adviceExtensions.includes(declared)) return refuse('wrong-type', adviceRefusals['wrong-type']);

  const download = await boundedDownload(url.href, deps.maxBytes, { ...(deps.fetch ? { fetch: deps.fetch } : {}), allowed: deps.isAllowedDownloadUrl ?? defaultAllowedDownloadUrl });
  if (!download.ok) {
    if (download.kind === 'too-large') return refuse('too-large', adviceRefusals['too-large'](deps.maxBytes));
    logger.warn('advice file download failed', { status: download.status });
    return refuse('download-failed', messages['download-failed']);
  }
  const check = checkAdviceFile(file.name, download.bytes);
  if (!check.ok) return refuse('wrong-type', adviceRefusals['wrong-type']);

  const driveId = await adviceDriveFor(deps.db, request.councilId, deps.defaultDriveId);
  if (!driveId || !deps.storage) {
    logger.error('advice storage not set up', { councilId: request.councilId, reason: driveId ? 'no Graph settings (EHCP_GRAPH_*)' : 'no drive for the council' });
    return refuse('not-set-up', messages['not-set-up']);
  }
  const storage = deps.storage;
  const name = adviceFileName({ original: file.name, kind: check.kind, childName: request.childName, dateOfBirth: request.dateOfBirth, receivedOn: today, fromRole: request.fromRole });
  let saved: Awaited<ReturnType<AdviceStorage['save']>>;
  try {
    saved = await storage.save({ tenantId: request.councilTenantId, driveId, path: reviewFolderPath(request.laReference, request.reviewDeadline) }, name, download.bytes, check.contentType);
  } catch (error) {
    logger.error('advice file could not be saved to SharePoint', { reviewId: request.reviewId, error: (error as Error).message });
    return refuse('storage-failed', messages['storage-failed']);
  }
  const adviceId = await deps.db.transaction((tx) =>
    recordReceivedAdvice(tx, sender, {
      reviewId: request.reviewId,
      requestId: request.requestId,
      fromRole: request.fromRole,
      author: sender.displayName?.trim() || sender.email || 'Registered professional',
      receivedOn: today,
      driveId: saved.driveId,
      itemId: saved.itemId,
      fileName: saved.name,
      via: 'teams-chat',
    }),
  );
  const label = childLabel(request.childName, request.laReference);
  // The request's due date is a week (a council setting) before the circulation day; the
  // professional is told the day the pack reaches everyone invited (Reg 20(4)), which the
  // store reads with the case's own notice setting.
  const { circulatedBy } = request;
  return {
    ok: true,
    adviceId,
    reviewId: request.reviewId,
    fileName: saved.name,
    circulatedBy,
    message: `Thank you. I have saved “${saved.name}” as your advice for the review of ${label}. It will be circulated to everyone invited by ${screenDate(circulatedBy)}.`,
  };
}

/**
 * The bot's `onFileReceived(sender, attachment)` hook, bound to its dependencies once at start.
 *
 * @example const onFileReceived = adviceFileHandler({ db, storage, today, maxBytes: config.advice.maxBytes, defaultDriveId: config.advice.driveId })
 */
export function adviceFileHandler(deps: AcceptAdviceDeps): (sender: AdviceSender, attachment: TeamsAttachment) => Promise<AcceptAdviceResult> {
  return (sender, attachment) => acceptAdviceFile(deps, sender, attachment);
}
