import type { PackageSettings } from '../bot/config/env';
import { addinEvents, addinPaths, botCommands, tabPath } from './contract';
import { accentColor, teamsIcons } from './icons';

/**
 * The unified Microsoft 365 app manifest: the Teams bot, the council dashboard tab and the
 * Outlook add-in in one package, generated for one environment from {@link PackageSettings}.
 * This module is the single source; `npm run manifest -- --env dev|prod` writes its output,
 * which is never edited by hand.
 *
 * Notes for administrators (docs/deploy.md has the steps):
 * - `webApplicationInfo.id` is the API's Entra app registration (ENTRA_CLIENT_ID). That
 *   registration defines the app roles the service honours from the token's `roles` claim
 *   (`manifest/appRoles.ts`: SENCO, LA officer, LA manager, professional); each tenant's
 *   administrator assigns them to users or groups in Enterprise applications.
 * - The bot id is the Azure Bot's app id (BOT_CLIENT_ID); the service must run with the same
 *   value or Teams' messages are refused (`checkBotId`).
 * - The Outlook event handlers run only when an administrator deploys the package centrally.
 */

/** The schema this manifest is written against; @microsoft/app-manifest ships it for offline checks. */
export const manifestSchemaVersion = '1.24';
export const manifestSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${manifestSchemaVersion}/MicrosoftTeams.schema.json`;

/** Mailbox requirement sets: the whole add-in, the task pane, the event runtime. */
export const mailboxRequirements = {
  /** The lowest set the add-in loads on at all (appointment compose, custom properties). */
  extension: '1.1',
  /** The task pane: body (1.3), base64 attachments (1.8), sessionData (1.11). */
  taskpane: '1.11',
  /** The event runtime: the change events (1.11); the send event raises it to 1.12 for its own item. */
  events: '1.11',
} as const;

export const runtimeIds = { taskpane: 'TaskPaneRuntime', events: 'EventRuntime' } as const;
export const taskpaneActionId = 'openReviewPane';

/** The manifest's JSON shape, loosely typed: the official schema is what checks it. */
export type AppManifest = Record<string, unknown> & {
  id: string;
  version: string;
  validDomains: string[];
  bots: Array<{ botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly?: boolean; commandLists: unknown[] }>;
  staticTabs: Array<{ entityId: string; name?: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }>;
  configurableTabs: Array<{ configurationUrl: string; canUpdateConfiguration: boolean; scopes: string[]; context: string[] }>;
  icons: { color: string; outline: string };
  webApplicationInfo: { id: string; resource: string; nestedAppAuthInfo?: Array<{ redirectUri: string; scopes: string[] }> };
  extensions: ManifestExtension[];
};

export interface ManifestRuntime {
  id: string;
  type: 'general';
  code: { page: string; script?: string };
  lifetime: 'short' | 'long';
  requirements?: Requirements;
  actions: Array<{ id: string; type: 'executeFunction' | 'openPage'; displayName?: string; view?: string; pinnable?: boolean }>;
}

export interface Requirements {
  capabilities?: Array<{ name: string; minVersion?: string; maxVersion?: string }>;
  scopes?: string[];
}

export interface ManifestExtension {
  requirements: Requirements;
  runtimes: ManifestRuntime[];
  ribbons: unknown[];
  autoRunEvents: Array<{ requirements?: Requirements; events: Array<{ type: string; actionId: string; options?: { sendMode: string } }> }>;
}

const mailbox = (minVersion: string): Requirements => ({ capabilities: [{ name: 'Mailbox', minVersion }] });

/** The manifest `version` from the package version (semver; the XML manifest adds a fourth part). */
export function appVersion(packageVersion: string): string {
  return packageVersion;
}

/**
 * Builds the unified manifest for one environment.
 *
 * @example buildAppManifest(loadPackageSettings({}, 'dev'), '0.1.0').staticTabs[0].contentUrl // 'https://localhost:3978/tab/'
 */
export function buildAppManifest(s: PackageSettings, packageVersion: string): AppManifest {
  const base = s.baseUrl;
  const host = new URL(base).host;
  const icon = (size: number) => ({ size, url: `${base}${addinPaths.assets}icon-${size}.png` });
  const domains = [...new Set([host, new URL(s.privacyUrl).host, new URL(s.termsUrl).host])];
  return {
    $schema: manifestSchemaUrl,
    manifestVersion: manifestSchemaVersion,
    version: appVersion(packageVersion),
    id: s.appId,
    developer: { name: s.developerName, websiteUrl: `${base}/`, privacyUrl: s.privacyUrl, termsOfUseUrl: s.termsUrl },
    name: { short: 'EHCP Reviews', full: 'EHCP Review Assistant' },
    description: {
      short: 'EHCP annual reviews on time: deadlines, bookings, advice and decisions.',
      full:
        'Keeps the statutory chain of an EHCP annual review in one place (SEND Code of Practice 2015, 9.166-9.210; SEND Regulations 2014, regs 18-22): ' +
        'SENCOs book compliant review meetings from Outlook, professionals get reminders and send advice, LA officers record decisions from Teams, ' +
        'and LA managers see late and at-risk reviews on the council dashboard.',
    },
    icons: { color: teamsIcons.color.file, outline: teamsIcons.outline.file },
    accentColor,
    bots: [
      {
        botId: s.botClientId,
        scopes: ['personal', 'team', 'groupChat'],
        // Advice files sent in a 1:1 chat arrive as Teams file attachments (personal scope only).
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: [
          { scopes: ['personal'], commands: botCommands.map((c) => ({ ...c })) },
          { scopes: ['team', 'groupChat'], commands: botCommands.filter((c) => c.title !== 'record decision').map((c) => ({ ...c })) },
        ],
      },
    ],
    staticTabs: [
      { entityId: 'dashboard', name: 'Dashboard', contentUrl: `${base}${tabPath}`, websiteUrl: `${base}${tabPath}`, scopes: ['personal'] },
      { entityId: 'about', scopes: ['personal'] },
    ],
    // The review beside the Teams meeting (#24): the service adds it to the meeting's chat
    // when the add-in makes the meeting; people can also add it from Teams (Apps, +).
    configurableTabs: [
      {
        configurationUrl: `${base}${tabPath}?config=meeting`,
        canUpdateConfiguration: true,
        scopes: ['groupChat'],
        context: ['meetingSidePanel', 'meetingChatTab', 'meetingDetailsTab'],
      },
    ],
    validDomains: domains,
    webApplicationInfo: {
      id: s.entraClientId,
      resource: `api://${host}/${s.entraClientId}`,
      // Nested app authentication (Outlook and Teams hosting the add-in and tab): the SPA
      // redirect the app registration must list, and the scope the add-in asks for.
      nestedAppAuthInfo: [{ redirectUri: `brk-multihub://${host}`, scopes: [`api://${host}/${s.entraClientId}/access_as_user`] }],
    },
    extensions: [
      {
        requirements: { scopes: ['mail'], capabilities: [{ name: 'Mailbox', minVersion: mailboxRequirements.extension }] },
        runtimes: [
          {
            id: runtimeIds.taskpane,
            type: 'general',
            code: { page: `${base}${addinPaths.taskpane}` },
            lifetime: 'short',
            requirements: mailbox(mailboxRequirements.taskpane),
            actions: [{ id: taskpaneActionId, type: 'openPage', displayName: 'EHCP review', pinnable: false }],
          },
          {
            id: runtimeIds.events,
            type: 'general',
            // Classic Outlook on Windows runs `script` alone (no DOM, no imports); the others load `page`.
            code: { page: `${base}${addinPaths.commandsPage}`, script: `${base}${addinPaths.commandsScript}` },
            lifetime: 'short',
            requirements: mailbox(mailboxRequirements.events),
            actions: addinEvents.map((e) => ({ id: e.actionId, type: 'executeFunction' as const, displayName: e.actionId })),
          },
        ],
        ribbons: [
          {
            contexts: ['meetingDetailsOrganizer'],
            requirements: mailbox(mailboxRequirements.taskpane),
            tabs: [
              {
                builtInTabId: 'TabDefault',
                groups: [
                  {
                    id: 'ehcpReviewGroup',
                    label: 'EHCP review',
                    icons: [icon(16), icon(32), icon(80)],
                    controls: [
                      {
                        id: 'ehcpReviewOpen',
                        type: 'button',
                        label: 'EHCP review',
                        icons: [icon(16), icon(32), icon(80)],
                        supertip: { title: 'EHCP review', description: 'Book this annual review meeting on statutory dates and attach the advice.' },
                        actionId: taskpaneActionId,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        // One entry per requirement set, so a client with 1.11 still gets the change events.
        autoRunEvents: groupBySet(addinEvents).map(([minVersion, events]) => ({
          requirements: mailbox(minVersion),
          events: events.map((e) => ({ type: e.unifiedType, actionId: e.actionId, ...('sendMode' in e ? { options: { sendMode: e.sendMode } } : {}) })),
        })),
      },
    ],
  };
}

function groupBySet<E extends { minMailbox: string }>(events: readonly E[]): Array<[string, E[]]> {
  const groups = new Map<string, E[]>();
  for (const e of events) groups.set(e.minMailbox, [...(groups.get(e.minMailbox) ?? []), e]);
  return [...groups.entries()].sort(([a], [b]) => compareVersions(a, b));
}

/**
 * Compares two dotted version numbers numerically.
 *
 * @example compareVersions('1.9', '1.11') // -1
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
