import type { ServiceApi } from '../api/serviceApi';
import type { AppointmentPort } from '../office/appointment';
import type { HostPort } from '../office/host';

/** What the pane's components are given instead of calling Office or the network themselves. */
export interface PaneServices {
  appointment: AppointmentPort;
  api: ServiceApi;
  now: () => Date;
  host: Pick<HostPort, 'isSetSupported'>;
  /** The service's address, for links to the review's page in its Teams tab. */
  serviceUrl?: string;
}

/** The Mailbox requirement set the pane needs: item ids in compose (getItemIdAsync) and saveAsync. */
export const MAILBOX_NEEDED = '1.8';
