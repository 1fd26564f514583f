import { type AcceptAdviceDeps, acceptAdviceFile, TEAMS_FILE_DOWNLOAD_INFO } from '../advice/acceptAdviceFile';
import type { Logger } from '../log/logger';
import type { OnFileReceived } from '../teams';

/** A file sent to the bot in personal chat becomes advice for the sender's open request (acceptAdviceFile). */
export function adviceOnFileReceived(
  deps: Pick<AcceptAdviceDeps, 'db' | 'storage' | 'today' | 'maxBytes' | 'defaultDriveId' | 'isAllowedDownloadUrl'> & { logger: Logger },
): OnFileReceived {
  return async (sender, file) => {
    const result = await acceptAdviceFile(
      deps,
      sender.principal,
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, name: file.name, content: { downloadUrl: file.downloadUrl, uniqueId: file.uniqueId, fileType: file.fileType } },
    );
    return { reply: result.message };
  };
}
