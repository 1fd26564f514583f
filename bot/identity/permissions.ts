/**
 * The Microsoft Graph permissions the product asks for, in one place: error messages name
 * them, the test server enforces them, and docs/graph-permissions.md is checked against them.
 */

/** Delegated: acting as the signed-in user (on-behalf-of). Application: the service alone. */
export type PermissionType = 'delegated' | 'application';

/** One Graph permission and why the product needs it. */
export interface GraphPermission {
  readonly name: string;
  readonly type: PermissionType;
  /** The product features that need it. */
  readonly feature: string;
  /** How an administrator can narrow what it reaches. */
  readonly narrowing: string;
}

/** Every permission the product requests, least privilege first within each type. */
export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  {
    name: 'User.Read',
    type: 'delegated',
    feature: 'Sign-in from the Outlook add-in and Teams tab; reading the signed-in user’s id and tenant.',
    narrowing: 'Already minimal: the user’s own profile only.',
  },
  {
    name: 'Calendars.ReadWrite',
    type: 'delegated',
    feature:
      'Booking the review meeting from the add-in: create and update the event, turn on the Teams meeting, find it by iCalUId, attach advice files to it.',
    narrowing: 'Reaches only the signed-in user’s own calendar.',
  },
  {
    name: 'Files.Read.All',
    type: 'delegated',
    feature: 'Picking advice and reports from OneDrive or a SharePoint library: list a folder, read a file.',
    narrowing:
      'Bounded by the user’s own SharePoint/OneDrive access. Where every file sits in known sites, grant Sites.Selected (delegated) instead and give the app read access to those sites only.',
  },
  {
    name: 'Mail.Send',
    type: 'delegated',
    feature: 'Sending the decision letter or advice pack as the signed-in caseworker.',
    narrowing: 'Sends only as the signed-in user.',
  },
  {
    name: 'Mail.ReadWrite',
    type: 'delegated',
    feature: 'Letters whose attachments exceed 3 MB: a draft is created, attachments uploaded in sessions, then sent.',
    narrowing: 'Only needed for attachments over 3 MB; reaches only the user’s own mailbox.',
  },
  {
    name: 'Mail.Send.Shared',
    type: 'delegated',
    feature: 'Sending from the SEN team’s shared mailbox as the signed-in caseworker.',
    narrowing:
      'Works only where Exchange gives the user Send As or Send on Behalf on the shared mailbox; grant those rights on that mailbox alone.',
  },
  {
    name: 'OnlineMeetings.Read',
    type: 'delegated',
    feature: 'Filling who attended the review from its Teams meeting: finding the meeting the add-in made by its join link, as its organiser.',
    narrowing: 'Reaches only the signed-in organiser’s own meetings.',
  },
  {
    name: 'OnlineMeetingArtifact.Read.All',
    type: 'delegated',
    feature: 'Filling who attended the review from the Teams meeting’s attendance report, as the meeting’s organiser.',
    narrowing: 'Delegated: Teams returns attendance reports only to the meeting’s organiser, so it reaches no one else’s meetings.',
  },
  {
    name: 'TeamsAppInstallation.ReadWriteSelfForChat',
    type: 'delegated',
    feature: 'Adding the app to the review meeting’s chat, so its side panel sits beside the call.',
    narrowing: 'Lets the app add only itself, and only to chats the signed-in organiser is in. Teams app permission policies decide who may use the app.',
  },
  {
    name: 'TeamsTab.Create',
    type: 'delegated',
    feature: 'Adding the review’s tab (agenda, advice, report draft) to the review meeting’s chat.',
    narrowing: 'Only in chats the signed-in organiser is in; without it the meeting works as before and the add-in says what to grant.',
  },
  {
    name: 'Calendars.ReadWrite',
    type: 'application',
    feature: 'Scheduled work: updating review events (new time, attendees, attachments) in the SEN team’s mailboxes.',
    narrowing:
      'Exchange RBAC for Applications: a management scope holding only the SEN team’s mailboxes, role "Application Calendars.ReadWrite" assigned to the app’s service principal for that scope.',
  },
  {
    name: 'Mail.Send',
    type: 'application',
    feature: 'Circulating advice and sending decision letters from the SEN team’s shared mailbox on a schedule.',
    narrowing:
      'Exchange RBAC for Applications: scope "Application Mail.Send" to the shared mailbox(es) only; without a scope it can send as any mailbox in the tenant.',
  },
  {
    name: 'Mail.ReadWrite',
    type: 'application',
    feature: 'Scheduled letters with attachments over 3 MB (draft, upload session, send), and decision letters saved as drafts in the shared mailbox for an officer to check and send.',
    narrowing: 'Exchange RBAC for Applications: scope "Application Mail.ReadWrite" to the same shared mailbox(es).',
  },
  {
    name: 'Sites.Selected',
    type: 'application',
    feature: 'Saving advice (files sent to the bot in Teams chat or through a one-time link, and the family’s views) into each review’s folder in the council’s SharePoint library, and reading it for scheduled circulation.',
    narrowing:
      'Reaches no site until an administrator grants the app "write" on the one site holding review folders (POST /sites/{site-id}/permissions); use this instead of Files.ReadWrite.All or Sites.ReadWrite.All.',
  },
  {
    name: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
    type: 'application',
    feature: 'Installing the Teams bot for a caseworker so it can send proactive reminders, and finding that 1:1 chat.',
    narrowing:
      'Lets the app install only itself, never other apps. Teams app permission and setup policies decide which users may have it.',
  },
];

/** The permissions of one type, by name (deduplicated, in catalogue order). */
export function permissionNames(type: PermissionType): string[] {
  return [...new Set(GRAPH_PERMISSIONS.filter((p) => p.type === type).map((p) => p.name))];
}
