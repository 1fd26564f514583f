import { initialSchema } from './001_initial';
import { idempotencyBodyAsText } from './002_idempotency_body_text';
import { teamsConversations } from './003_teams_conversations';
import { idempotencyExpiry } from './004_idempotency_expiry';
import { remindersOutbox } from './005_reminders';
import { councilSettingsAndLetters } from './006_council_settings_and_letters';
import { adviceLinks } from './007_advice_links';
import { caseContacts } from './008_case_contacts';
import { onboarding } from './009_onboarding';
import { dashboard } from './010_dashboard';
import { everyReview } from './230_every_review';
import { reviewReports } from './240_review_reports';
import { lettersAfterDecision } from './250_letters_after_decision';
import { placementsAndTransfers } from './260_placements_and_transfers';
import { caseloadImportSettings } from './270_caseload_import_settings';
import { earlyReviewsAndAddressee } from './280_early_reviews_and_addressee';
import { familyContactPreference } from './290_family_contact_preference';
import { accessRecords } from './320_access_records';
import { retentionSchedules } from './330_retention_schedules';
import { auditCryptoShredding, sealExistingEntries } from './340_audit_crypto_shredding';
import { timelinessSummary } from './390_timeliness_summary';
import { timelinessAtCommit } from './391_timeliness_at_commit';
import type { Queryable } from '../db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * A step in code after the SQL, in the same transaction, for what SQL cannot do (sealing
   * under keys the database never sees). Not in the checksum: it runs once, with its release.
   */
  run?: (tx: Queryable) => Promise<void>;
}

/** Every migration, in order. Append new ones; never edit or remove a released one. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initialSchema },
  { version: 2, name: 'idempotency answers kept as sent', sql: idempotencyBodyAsText },
  { version: 3, name: 'teams conversations', sql: teamsConversations },
  { version: 4, name: 'idempotency answers expire', sql: idempotencyExpiry },
  { version: 5, name: 'reminder outbox: key with due date, leases, dead letters', sql: remindersOutbox },
  { version: 6, name: 'council settings and decision letters', sql: councilSettingsAndLetters },
  { version: 7, name: 'advice links and family views', sql: adviceLinks },
  { version: 8, name: 'case contacts and add-in attachments', sql: caseContacts },
  { version: 9, name: 'onboarding: membership source and removal', sql: onboarding },
  { version: 10, name: 'dashboard: case officers and report indexes', sql: dashboard },
  { version: 230, name: 'every review: decisions without a report, ceasing, who runs the review', sql: everyReview },
  { version: 240, name: 'structured meeting reports', sql: reviewReports },
  { version: 250, name: 'after the decision: proposed amendments, letters sent, representations, amendment outcome', sql: lettersAfterDecision },
  { version: 260, name: 'placements at settings of any council, and plan transfers between councils', sql: placementsAndTransfers },
  { version: 270, name: 'caseload import: column mapping and last import', sql: caseloadImportSettings },
  { version: 280, name: 'early and interim reviews; the young person or alternative person addressed', sql: earlyReviewsAndAddressee },
  { version: 290, name: "the family's contact preference: email or post", sql: familyContactPreference },
  { version: 320, name: "access records: reads, downloads and exports of a child's data", sql: accessRecords },
  { version: 330, name: 'retention schedules', sql: retentionSchedules },
  { version: 340, name: 'audit crypto-shredding: per-child keys, sealed entries; SharePoint deletions pending', sql: auditCryptoShredding, run: sealExistingEntries },
  { version: 390, name: 'timeliness summary kept by the writing transaction', sql: timelinessSummary },
  { version: 391, name: 'timeliness summary refreshed at commit', sql: timelinessAtCommit },
];
