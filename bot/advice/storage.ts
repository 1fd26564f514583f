import { ensureFolder, type SavedFile, saveFile } from '../graph/driveUpload';
import type { GraphClient } from '../graph/client';
import { cleanFileName } from '../../shared/advice';

/** Where a review's files go: the council's library and the folder path in it. */
export interface ReviewFolder {
  /** The council's Entra tenant: the app's Graph token is for it. */
  tenantId: string | null;
  driveId: string;
  path: string[];
}

/** What advice handling needs from SharePoint; the Graph implementation is below, tests use it against the local Graph. */
export interface AdviceStorage {
  save(folder: ReviewFolder, name: string, content: Buffer, contentType: string): Promise<SavedFile>;
}

/**
 * The review's folder: `EHCP reviews/{council reference}/Review due {deadline}`. Named by
 * the council's reference, never the child's name, because folder names show up in
 * SharePoint search, sharing emails and activity feeds.
 *
 * @example reviewFolderPath('DEMO-0007', '2027-02-28') //=> ['EHCP reviews', 'DEMO-0007', 'Review due 2027-02-28']
 */
export function reviewFolderPath(laReference: string, reviewDeadline: string): string[] {
  return ['EHCP reviews', cleanFileName(laReference) || 'unreferenced', `Review due ${reviewDeadline}`];
}

/** Saves through Microsoft Graph as the app (Sites.Selected) in the council's tenant. */
export function graphAdviceStorage(clientFor: (tenantId: string | null) => GraphClient): AdviceStorage {
  return {
    async save(folder, name, content, contentType) {
      const gc = clientFor(folder.tenantId);
      const target = await ensureFolder(gc, folder.driveId, folder.path);
      return saveFile(gc, target, name, content, contentType);
    },
  };
}
