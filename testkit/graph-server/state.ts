import { randomBytes, randomUUID } from 'node:crypto';

/** A mailbox-owning user (or a shared mailbox, which is a user object without sign-in). */
export interface SeedUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** Shared mailboxes cannot sign in; anything else is a person. */
  shared?: boolean;
}

/** A file or folder in a test drive. */
export interface SeedDriveItem {
  name: string;
  /** Folder path from the root, e.g. `Advice/2027`. Empty for the root's children. */
  folder?: string;
  /** File content; absent for folders. */
  content?: Buffer;
  mimeType?: string;
}

/** A document library or OneDrive. */
export interface SeedDrive {
  id: string;
  /** SharePoint site holding it (checked against `Sites.Selected` grants). */
  siteId: string;
  /** Owner for a OneDrive. */
  ownerUserId?: string;
  items: SeedDriveItem[];
}

/** An app in the tenant's Teams catalogue. */
export interface SeedTeamsApp {
  id: string;
  externalId: string;
  displayName: string;
  /** The Entra app (client) id of its bot; `...ReadWriteSelfForUser.All` may install only this app. */
  azureAdAppId: string;
}

/** An event as stored (a Graph `event` JSON object) plus its attachments. */
export interface StoredEvent {
  json: Record<string, unknown>;
  attachments: Map<string, StoredAttachment>;
  /** Reads left before a new Teams meeting's join URL appears. */
  joinUrlPendingReads: number;
}

/** A message draft as stored. */
export interface StoredMessage {
  json: Record<string, unknown>;
  attachments: Map<string, StoredAttachment>;
}

/** A file attachment as stored. */
export interface StoredAttachment {
  id: string;
  name: string;
  contentType: string;
  content: Buffer;
  lastModifiedDateTime: string;
}

/** Mail Graph accepted for delivery. */
export interface SentMail {
  /** Mailbox whose sendMail (or draft send) was called. */
  mailbox: string;
  /** `from` address, when the caller set one (send as / on behalf of a shared mailbox). */
  from?: string;
  message: Record<string, unknown>;
  attachments: { name: string; contentType: string; size: number; content: Buffer }[];
  saveToSentItems: boolean;
}

/** An upload session for an Outlook attachment or (parentKind 'drive') a drive file. */
export interface UploadSession {
  id: string;
  authtoken: string;
  /** The mailbox for Outlook sessions; the drive id for drive sessions. */
  mailbox: string;
  parentKind: 'events' | 'messages' | 'drive';
  /** The event or message id; for a drive session, the parent folder's item id. */
  parentId: string;
  /** Drive sessions: what to do when the name is taken. */
  conflictBehavior?: ConflictBehavior;
  name: string;
  contentType: string;
  size: number;
  received: Buffer[];
  offset: number;
  expiresAt: number;
}

/** A drive item as stored. */
export interface StoredDriveItem {
  id: string;
  driveId: string;
  name: string;
  parentId: string | null;
  isFolder: boolean;
  content: Buffer;
  mimeType: string;
  created: string;
  modified: string;
  eTag: string;
}

/** `@microsoft.graph.conflictBehavior`: Graph's default for uploads is `replace`. */
export type ConflictBehavior = 'fail' | 'replace' | 'rename';

/** An attendance record in Graph's shape (`meetingAttendanceReport/attendanceRecords`). */
export interface SeedAttendanceRecord {
  emailAddress: string;
  displayName: string;
  role?: 'Organizer' | 'Presenter' | 'Attendee';
  totalAttendanceInSeconds?: number;
}

/** A Teams online meeting: made when an event's Teams link is provisioned. */
export interface StoredOnlineMeeting {
  id: string;
  joinWebUrl: string;
  organizerId: string;
  subject: string;
  /** The meeting chat (`19:meeting_...@thread.v2`). */
  chatId: string;
  attendanceReports: { id: string; meetingStartDateTime: string; meetingEndDateTime: string; records: SeedAttendanceRecord[] }[];
}

/** A chat's apps and tabs. */
export interface StoredChat {
  installedApps: Map<string, { teamsAppId: string }>;
  tabs: Map<string, { displayName: string; teamsAppId: string; configuration: Record<string, unknown>; webUrl: string }>;
}

/** Everything the test Graph holds; tests read it to assert on effects. */
export class GraphTestState {
  readonly users: SeedUser[];
  /** Events by mailbox user id, then event id. */
  readonly events = new Map<string, Map<string, StoredEvent>>();
  /** Drafts by mailbox user id, then message id. */
  readonly messages = new Map<string, Map<string, StoredMessage>>();
  readonly sentMail: SentMail[] = [];
  readonly uploadSessions = new Map<string, UploadSession>();
  readonly driveItems = new Map<string, StoredDriveItem>();
  readonly drives = new Map<string, SeedDrive>();
  readonly downloads = new Map<string, string>();
  readonly teamsApps: SeedTeamsApp[];
  /** Installed apps by user id: installation id -> { teamsAppId, chatId }. */
  readonly installations = new Map<string, Map<string, { teamsAppId: string; chatId: string }>>();
  /** Online meetings by id. */
  readonly onlineMeetings = new Map<string, StoredOnlineMeeting>();
  /** Meeting chats by thread id. */
  readonly chats = new Map<string, StoredChat>();

  constructor(seed: { users?: SeedUser[]; drives?: SeedDrive[]; teamsApps?: SeedTeamsApp[] }) {
    this.users = seed.users ?? [];
    this.teamsApps = seed.teamsApps ?? [];
    for (const drive of seed.drives ?? []) this.addDrive(drive);
  }

  /** Finds a user by object id or UPN (case-insensitive). */
  findUser(idOrUpn: string): SeedUser | undefined {
    const key = decodeURIComponent(idOrUpn).toLowerCase();
    return this.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  }

  /** The events map of a mailbox (created on first use). */
  eventsOf(userId: string): Map<string, StoredEvent> {
    let map = this.events.get(userId);
    if (!map) {
      map = new Map();
      this.events.set(userId, map);
    }
    return map;
  }

  /** The drafts map of a mailbox (created on first use). */
  messagesOf(userId: string): Map<string, StoredMessage> {
    let map = this.messages.get(userId);
    if (!map) {
      map = new Map();
      this.messages.set(userId, map);
    }
    return map;
  }

  /** Adds a drive and its items (folders created from the paths). */
  addDrive(drive: SeedDrive): void {
    this.drives.set(drive.id, drive);
    const now = new Date().toISOString();
    const root: StoredDriveItem = { id: `${drive.id}!root`, driveId: drive.id, name: 'root', parentId: null, isFolder: true, content: Buffer.alloc(0), mimeType: '', created: now, modified: now, eTag: randomUUID() };
    this.driveItems.set(root.id, root);
    const folderIds = new Map<string, string>([['', root.id]]);
    const ensureFolder = (path: string): string => {
      const existing = folderIds.get(path);
      if (existing) return existing;
      const cut = path.lastIndexOf('/');
      const parentId = ensureFolder(cut === -1 ? '' : path.slice(0, cut));
      const id = newItemId();
      this.driveItems.set(id, { id, driveId: drive.id, name: path.slice(cut + 1), parentId, isFolder: true, content: Buffer.alloc(0), mimeType: '', created: now, modified: now, eTag: randomUUID() });
      folderIds.set(path, id);
      return id;
    };
    for (const item of drive.items) {
      const parentId = ensureFolder(item.folder ?? '');
      if (item.content === undefined) {
        ensureFolder(item.folder ? `${item.folder}/${item.name}` : item.name);
        continue;
      }
      const id = newItemId();
      this.driveItems.set(id, { id, driveId: drive.id, name: item.name, parentId, isFolder: false, content: item.content, mimeType: item.mimeType ?? 'application/pdf', created: now, modified: now, eTag: randomUUID() });
    }
  }

  /** The id of the folder at `path` in `driveId` ('' is the root). */
  folderId(driveId: string, path: string): string | undefined {
    let current = `${driveId}!root`;
    for (const name of path.split('/').filter(Boolean)) {
      const next = [...this.driveItems.values()].find((i) => i.parentId === current && i.name === name && i.isFolder);
      if (!next) return undefined;
      current = next.id;
    }
    return current;
  }

  /**
   * Adds a file or folder under `parentId` as Graph does: `rename` gives "name 1.ext",
   * `replace` overwrites a file of that name, `fail` answers 'conflict'.
   */
  putItem(driveId: string, parentId: string, name: string, file: { content: Buffer; mimeType: string } | undefined, conflict: ConflictBehavior): StoredDriveItem | 'conflict' {
    const siblings = [...this.driveItems.values()].filter((i) => i.parentId === parentId);
    const taken = (n: string) => siblings.find((i) => i.name.toLowerCase() === n.toLowerCase());
    let finalName = name;
    const existing = taken(name);
    if (existing) {
      if (conflict === 'fail') return 'conflict';
      if (conflict === 'replace' && file && !existing.isFolder) {
        const now = new Date().toISOString();
        Object.assign(existing, { content: file.content, mimeType: file.mimeType, modified: now, eTag: randomUUID() });
        return existing;
      }
      const dot = name.lastIndexOf('.');
      const [stem, ext] = dot > 0 && file ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
      for (let n = 1; taken(finalName); n++) finalName = `${stem} ${n}${ext}`;
    }
    const now = new Date().toISOString();
    const item: StoredDriveItem = {
      id: newItemId(),
      driveId,
      name: finalName,
      parentId,
      isFolder: file === undefined,
      content: file?.content ?? Buffer.alloc(0),
      mimeType: file?.mimeType ?? '',
      created: now,
      modified: now,
      eTag: randomUUID(),
    };
    this.driveItems.set(item.id, item);
    return item;
  }

  /** The path of an item from the drive's root, e.g. `EHCP reviews/DEMO-0007/report.pdf`. */
  pathOf(itemId: string): string {
    const names: string[] = [];
    for (let item = this.driveItems.get(itemId); item?.parentId; item = this.driveItems.get(item.parentId)) names.unshift(item.name);
    return names.join('/');
  }

  /** The online meeting behind a Teams join link, made (with its chat) on first sight. */
  ensureOnlineMeeting(joinWebUrl: string, organizerId: string, subject: string): StoredOnlineMeeting {
    const found = [...this.onlineMeetings.values()].find((m) => m.joinWebUrl === joinWebUrl);
    if (found) return found;
    const tail = randomBytes(12).toString('hex');
    const meeting: StoredOnlineMeeting = { id: `MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ_${tail}`, joinWebUrl, organizerId, subject, chatId: `19:meeting_${tail}@thread.v2`, attendanceReports: [] };
    this.onlineMeetings.set(meeting.id, meeting);
    this.chats.set(meeting.chatId, { installedApps: new Map(), tabs: new Map() });
    return meeting;
  }

  /** Adds the attendance report Teams writes after the call (tests: the meeting was held). */
  addAttendanceReport(joinWebUrl: string, records: SeedAttendanceRecord[], held: { start: string; end: string }): void {
    const meeting = [...this.onlineMeetings.values()].find((m) => m.joinWebUrl === joinWebUrl);
    if (!meeting) throw new Error(`No online meeting has the join link ${joinWebUrl}; make the Teams meeting first.`);
    meeting.attendanceReports.push({ id: randomUUID(), meetingStartDateTime: held.start, meetingEndDateTime: held.end, records });
  }

  /** Every attachment on an event, in insertion order. */
  eventAttachments(userId: string, eventId: string): StoredAttachment[] {
    return [...(this.events.get(userId)?.get(eventId)?.attachments.values() ?? [])];
  }
}

/** An Outlook-style opaque id. */
export function newOutlookId(): string {
  return `AAMkAD${randomBytes(30).toString('base64url')}`;
}

function newItemId(): string {
  return `01${randomBytes(16).toString('hex').toUpperCase().slice(0, 32)}`;
}
