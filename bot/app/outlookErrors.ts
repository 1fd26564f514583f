import { ServiceError } from '../store/errors';

/** The service has no Graph access configured (development without an app registration). */
export class GraphNotConfiguredError extends ServiceError {
  constructor() {
    super(
      503,
      'graph-not-configured',
      'This service is not connected to Microsoft Graph, so it cannot change the Outlook meeting; an administrator sets EHCP_GRAPH_CLIENT_SECRET (and EHCP_GRAPH_CLIENT_ID when it is not ENTRA_CLIENT_ID; see env.template).',
    );
  }
}

/** What the SENCO clicks when the service could not turn the meeting into a Teams meeting. */
export const TEAMS_BY_HAND =
  'Turn it on yourself: in the meeting, select "Teams meeting" on the toolbar (in Outlook on the web, switch on the "Teams meeting" toggle beside the location), then select Save.';

export class TeamsMeetingFailedError extends ServiceError {
  constructor(reason: string) {
    super(502, 'teams-meeting-failed', `The meeting could not be made a Teams meeting (${reason}). ${TEAMS_BY_HAND}`);
  }
}

export class AttachmentFailedError extends ServiceError {
  constructor(fileName: string, reason: string) {
    super(502, 'attachment-failed', `${fileName} was not attached (${reason}). The other files are not affected; select Retry for this one.`);
  }
}

export class AdviceNotInDriveError extends ServiceError {
  constructor(fileName: string) {
    super(409, 'advice-not-in-drive', `${fileName} has no file in OneDrive or SharePoint recorded, so it cannot be attached; record where the file is first.`);
  }
}

export class MeetingNotBookedError extends ServiceError {
  constructor() {
    super(409, 'meeting-not-booked', 'This Outlook meeting is not the booked review meeting; save the booking from the add-in first.');
  }
}
