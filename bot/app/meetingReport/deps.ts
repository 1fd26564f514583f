import type { AdviceStorage } from '../../advice/storage';
import type { GraphClient } from '../../graph/client';
import type { LetterMailer } from '../../letters/mailer';
import type { Logger } from '../../log/logger';
import type { Db } from '../../store/db';
import type { Principal } from '../../store/principal';

/** What the meeting report's tasks need from their surroundings (one argument, as bot/graph/retry.ts takes). */
export interface MeetingReportDeps {
  db: Db;
  today: () => string;
  logger: Logger;
  /** Graph as the signed-in caller (on-behalf-of their token); absent without Graph settings. */
  graphFor?: ((principal: Principal) => GraphClient) | undefined;
  /** The council's mailbox, for reviews the council runs. */
  mailer?: LetterMailer | undefined;
  /** SharePoint, where the report's files go beside the advice. */
  storage?: AdviceStorage | undefined;
  defaultDriveId?: string | undefined;
  /** The service's public address: the meeting tab loads the report page from it. */
  publicUrl?: () => string;
  /** The app's id in the tenant's Teams catalogue (to add it to meeting chats). */
  teamsAppId?: string | undefined;
}
