import type { AdviceStorage } from '../../advice/storage';
import type { GraphClient } from '../../graph/client';
import type { MailInput } from '../../graph/mail';
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
  /**
   * Development only (no EHCP_GRAPH_* settings): where the report's email goes instead, the
   * local mailbox at /dev/mail, so the submit completes on a machine without a tenant.
   */
  localMail?: LocalMail | undefined;
  /** The app's id in the tenant's Teams catalogue (to add it to meeting chats). */
  teamsAppId?: string | undefined;
}

/** An email handed to the development mailbox, from `from` (the SENCO, or the council's mailbox). */
export type LocalMail = (from: string, mail: MailInput) => Promise<void>;
