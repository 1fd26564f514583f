import { ensureFolder, type SavedFile, saveFile } from '../graph/driveUpload';
import { deleteItem, type FileRef, openFileContent } from '../graph/files';
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
  /** Reads a file back (a letter's kept copy, or the final plan to send with its letter), at most `maxBytes`. */
  read?(tenantId: string | null, file: FileRef, maxBytes: number): Promise<Buffer>;
  /** Deletes a file the product made (retention and erasure); a file already gone counts as deleted. */
  remove?(tenantId: string | null, file: FileRef): Promise<'deleted' | 'already-gone'>;
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
    remove: (tenantId, file) => deleteItem(clientFor(tenantId), file),
    async read(tenantId, file, maxBytes) {
      const { stream } = await openFileContent(clientFor(tenantId), file);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          stream.destroy();
          throw new Error(`the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
        }
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    },
  };
}
