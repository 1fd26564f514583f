import type { Logger } from '../log/logger';
import type { Principal } from '../store/principal';

/** A file a person sent the bot in personal chat (Teams' `file.download.info` attachment). */
export interface TeamsFile {
  name: string;
  /** Pre-authenticated download URL Teams gives for a few minutes. */
  downloadUrl: string;
  uniqueId: string | undefined;
  fileType: string | undefined;
  /** The file's place in the sender's OneDrive. */
  contentUrl: string | undefined;
}

/** Who sent the file: the registered person (from the activity's sender) and where to answer. */
export interface FileSender {
  principal: Principal;
  conversationId: string;
  serviceUrl: string;
}

/** What the bot says back about the file. */
export interface FileReceivedResult {
  reply: string;
}

/** Handles a file sent in personal chat; the advice area (#12) implements it with `acceptAdviceFile`. */
export type OnFileReceived = (sender: FileSender, file: TeamsFile) => Promise<FileReceivedResult>;

/** Default onFileReceived until advice is wired: logs the file's arrival (no name of the child) and says where advice goes. */
export function loggingOnFileReceived(logger: Logger): OnFileReceived {
  return async (sender, file) => {
    logger.info('file received in Teams chat', { org: sender.principal.orgId, fileType: file.fileType ?? null });
    return { reply: `I received ${file.name}, but this service does not take advice files from chat yet. Add it to the review from the advice request link you were sent.` };
  };
}
