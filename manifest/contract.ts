/**
 * What the app package declares about the pieces other parts of the project build: the
 * paths the service serves them at and the names the add-in's event script registers.
 * They are the contract between the manifest and the bot, the tab and the add-in; change
 * one side only with the other.
 */

/** The Teams dashboard tab (built to dist/tab/, served at /tab/). */
export const tabPath = '/tab/';

/** The Outlook add-in's pages and scripts (built to dist/addin/, served at /addin/). */
export const addinPaths = {
  taskpane: '/addin/taskpane.html',
  commandsPage: '/addin/commands.html',
  commandsScript: '/addin/commands.js',
  /** Ribbon and XML-manifest icons (copied from manifest/icons/ by the build). */
  assets: '/addin/assets/',
} as const;

/** Where the built event handler script is, relative to the repository root. */
export const builtCommandsScript = 'dist/addin/commands.js';

/** Where the add-in's source is, relative to the repository root (scanned for the APIs it calls). */
export const addinSourceDir = 'addin/src';

/**
 * The Outlook events the add-in handles, each with the function name the built script
 * passes to `Office.actions.associate` (which must equal the manifest's action id), the
 * event's name in the unified manifest and in the add-in-only XML manifest, and the Mailbox
 * requirement set that introduced it (learn.microsoft.com/office/dev/add-ins/outlook/autolaunch,
 * "Supported events").
 */
export const addinEvents = [
  { actionId: 'onAppointmentSendHandler', unifiedType: 'appointmentSending', xmlType: 'OnAppointmentSend', minMailbox: '1.12', sendMode: 'softBlock' },
  { actionId: 'onAppointmentTimeChangedHandler', unifiedType: 'appointmentTimeChanged', xmlType: 'OnAppointmentTimeChanged', minMailbox: '1.11' },
  { actionId: 'onAppointmentAttendeesChangedHandler', unifiedType: 'appointmentAttendeesChanged', xmlType: 'OnAppointmentAttendeesChanged', minMailbox: '1.11' },
] as const;

/** The custom property on an appointment that holds the review's id (the add-in writes it). */
export const reviewIdProperty = 'ehcpReviewId';

/** The bot's commands, as Teams lists them in the compose box. */
export const botCommands = [
  { title: 'help', description: 'What I can do and how to ask' },
  { title: 'my reviews', description: 'The reviews you are working on, with their next statutory dates' },
  { title: 'overdue', description: 'Reviews past a statutory deadline' },
  { title: 'record decision', description: 'Record the LA decision (maintain, amend or cease) for a review' },
] as const;
