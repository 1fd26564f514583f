import { type AcceptAdviceDeps, acceptAdviceFile, TEAMS_FILE_DOWNLOAD_INFO } from '../advice/acceptAdviceFile';
import type { LetterFiles } from '../letters/deliverMailing';
import type { LetterMailer } from '../letters/mailer';
import { produceDecisionLetter } from '../letters/produceDecisionLetter';
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { ServiceError } from '../store/errors';
import type { AfterDecision, OnFileReceived } from '../teams';

/**
 * After an officer records a decision from a Teams card: the family's letter goes out (or
 * is saved as a draft) exactly as `POST /api/reviews/{id}/letter/send` would send it. The
 * decision stands whatever happens here; a letter that cannot go (a council setting
 * missing, Graph not set up) is logged with what to fix, and the officer sends it from the
 * review later. The amendment clock and the reminders start in the decision's own
 * transaction (recordDecision), not here.
 */
export function letterAfterDecision(deps: { db: Db; mailer: LetterMailer | undefined; files?: LetterFiles | undefined; today: () => string; logger: Logger }): AfterDecision {
  return async (reviewId, _tx, actor) => {
    if (!actor) return;
    try {
      const delivery = await produceDecisionLetter(deps.db, actor, reviewId, { mailer: deps.mailer, files: deps.files, today: deps.today(), logger: deps.logger });
      deps.logger.info('decision letter after a Teams decision', { reviewId, status: delivery.status });
    } catch (error) {
      const code = error instanceof ServiceError ? error.code : 'unexpected';
      deps.logger.warn('decision letter not sent after a Teams decision; send it from the review', { reviewId, code, reason: (error as Error).message });
    }
  };
}

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
