import type { ServiceApi } from '../api/serviceApi';
import type { AppointmentPort } from '../office/appointment';

/** What the pane's components are given instead of calling Office or the network themselves. */
export interface PaneServices {
  appointment: AppointmentPort;
  api: ServiceApi;
  now: () => Date;
}
