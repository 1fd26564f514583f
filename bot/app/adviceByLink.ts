import type { AdviceStorage } from '../advice/storage';
import { reviewFolderPath } from '../advice/storage';
import { type AdviceLinkContext, type IssuedAdviceLink, openAdviceLink, reissueAdviceLink, useAdviceLink } from '../store/advice/links';
import { adviceDriveFor } from '../store/advice/openRequests';
import { recordReceivedAdvice } from '../store/advice/recordReceivedAdvice';
import type { Principal } from '../store/principal';
import { type AppDeps, permit } from './task';

/** What the one-time link pages need beyond the tasks' dependencies. */
export interface AdviceLinkDeps extends AppDeps {
  /** Where files go; undefined until Graph is configured (then nothing is kept). */
  storage: AdviceStorage | undefined;
  /** ADVICE_DRIVE_ID: the library for councils without their own. */
  defaultDriveId: string | undefined;
  now: () => Date;
}

/** The link's review and request, if the token is one still good now; undefined for any other. */
export function linkFor(deps: Pick<AdviceLinkDeps, 'db' | 'now'>, token: string): Promise<AdviceLinkContext | undefined> {
  return openAdviceLink(deps.db, token, deps.now());
}

/** A file (advice, or the family's views as a document) sent through a one-time link, checked and named by the page. */
export interface LinkedAdvice {
  token: string;
  link: AdviceLinkContext;
  name: string;
  /** The bytes; for the views, made once the child's own file is saved, so the document names it as SharePoint kept it (a second send becomes "(2)"). */
  content: Buffer | ((savedChildFileName: string | undefined) => Promise<Buffer>);
  contentType: string;
  what: 'advice' | 'views';
  /** With the family's views: the child's or young person's own file or picture, checked like advice, kept beside them. */
  childFile?: { name: string; content: Buffer; contentType: string };
}

/** What became of it: kept and recorded, or why not (nothing is recorded then). */
export type KeptAdvice = { kept: true } | { kept: false; why: 'not-set-up' | 'storage-failed' | 'link-used' };

/**
 * Record advice that came through a one-time link: the file saved to the council's
 * library first, then, in one transaction, the link marked used and the advice recorded
 * against its request (which stops its reminders). A link used meanwhile by another
 * request records nothing: that one's file is the one recorded.
 */
export async function keepLinkedAdvice(deps: AdviceLinkDeps, advice: LinkedAdvice): Promise<KeptAdvice> {
  const { link } = advice;
  const driveId = await adviceDriveFor(deps.db, link.councilId, deps.defaultDriveId);
  if (!deps.storage || !driveId) {
    deps.logger.error('advice storage not set up', { councilId: link.councilId });
    return { kept: false, why: 'not-set-up' };
  }
  let saved: Awaited<ReturnType<AdviceStorage['save']>>;
  let savedChildFile: Awaited<ReturnType<AdviceStorage['save']>> | undefined;
  try {
    const folder = { tenantId: link.councilTenantId, driveId, path: reviewFolderPath(link.laReference, link.reviewDeadline) };
    // The child's own file first, so the views are recorded only once both are in the folder.
    if (advice.childFile) savedChildFile = await deps.storage.save(folder, advice.childFile.name, advice.childFile.content, advice.childFile.contentType);
    const content = typeof advice.content === 'function' ? await advice.content(savedChildFile?.name) : advice.content;
    saved = await deps.storage.save(folder, advice.name, content, advice.contentType);
  } catch (error) {
    deps.logger.error('advice file could not be saved to SharePoint', { reviewId: link.reviewId, error: (error as Error).message });
    return { kept: false, why: 'storage-failed' };
  }
  const now = deps.now();
  const recorded = await deps.db.transaction(async (tx) => {
    const used = await useAdviceLink(tx, advice.token, now);
    if (!used) return false;
    await recordReceivedAdvice(tx, null, {
      reviewId: used.reviewId,
      requestId: used.requestId,
      fromRole: used.fromRole,
      author: authorOf(used.fromRole, advice.what),
      receivedOn: deps.today(),
      driveId: saved.driveId,
      itemId: saved.itemId,
      fileName: saved.name,
      via: advice.what === 'views' ? 'views-form' : 'link',
    });
    if (savedChildFile) {
      await recordReceivedAdvice(tx, null, {
        reviewId: used.reviewId,
        requestId: used.requestId,
        fromRole: used.fromRole,
        author: used.fromRole === 'young-person' ? 'The young person’s own file (views form)' : 'The child’s own file (views form)',
        receivedOn: deps.today(),
        driveId: savedChildFile.driveId,
        itemId: savedChildFile.itemId,
        fileName: savedChildFile.name,
        via: 'views-form',
      });
    }
    return true;
  });
  if (!recorded) {
    deps.logger.warn('advice link used twice at once; the later file stays unrecorded in SharePoint', { reviewId: link.reviewId, itemId: saved.itemId });
    return { kept: false, why: 'link-used' };
  }
  return { kept: true };
}

/**
 * A new one-time link for an advice request (a SENCO or officer re-sends it), revoking the
 * request's earlier unused links. Shown once: the token is not kept, so the answer must not
 * be cached or replayed.
 */
export async function reissueLink(deps: AppDeps & { publicUrl: () => string }, principal: Principal, reviewId: string, requestId: number, ifMatch?: string): Promise<IssuedAdviceLink> {
  permit(principal, 'POST /api/reviews/{id}/advice-requests/{requestId}/link');
  return deps.db.transaction((tx) => reissueAdviceLink(tx, principal, reviewId, requestId, deps.today(), deps.publicUrl(), ifMatch));
}

function authorOf(fromRole: string, what: 'advice' | 'views'): string {
  if (what === 'views') return fromRole === 'young-person' ? 'The young person (views form)' : 'Parent or carer (views form)';
  const names: Record<string, string> = { health: 'Health professional', 'social-care': 'Social care', 'educational-psychologist': 'Educational psychologist' };
  return `${names[fromRole] ?? fromRole} (one-time link)`;
}
