/** Microsoft Graph access for the service: one small function per product need. */
export { type AttachedFile, type AttachOptions, type AttachOutcome, type AttachProgress, attachFile, attachFiles, type FileToAttach, MAX_ATTACHMENT_BYTES, type OutlookItemRef, SMALL_ATTACHMENT_LIMIT } from './attachments';
export { type BatchOptions, type BatchStep, type BatchStepResult, MAX_BATCH_BYTES, MAX_BATCH_REQUESTS, packBatches, runBatch } from './batch';
export { type CalendarEvent, createEvent, enableTeamsMeeting, type EventInput, type EventPatch, findEventByICalUId, LONDON, updateEvent } from './calendar';
export { appGraphClient, type BrokeredClientOptions, createGraphClient, type GraphClient, type GraphClientOptions, userGraphClient } from './client';
export { type CallerContext, GraphCallError, type GraphCallErrorCode, GraphInputError, type GraphOperation } from './errors';
export { ensureFolder, numberedName, type SavedFile, SIMPLE_UPLOAD_BYTES, saveFile } from './driveUpload';
export { type DriveItemSummary, type FileContent, type FileRef, type FolderRef, getItem, listFolder, openFileContent } from './files';
export type { Mailbox } from './mailboxPath';
export { type MailInput, type SentMailResult, saveDraft, sendMail } from './mail';
export { IdempotentRequest, type TokenSource } from './middleware';
export { allPages, pages } from './paging';
export { RetryBudget, type RetryBudgetOptions, type RetryOptions } from './retry';
export { ensureAppInstalled, type TeamsAppInstallation } from './teamsApps';
export { MAX_CHUNK_BYTES, type UploadOptions, type UploadResult, uploadToSession } from './uploadSession';
