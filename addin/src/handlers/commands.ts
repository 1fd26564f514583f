/// <reference types="office-js" />
/**
 * The event-based handlers (manifest `code.script`). Built to ONE ES2016 script with no
 * import or export: classic Outlook on Windows runs this file alone, with no DOM and
 * without `Office.onReady`. Every path ends in `event.completed`, inside `finally`.
 */
import { type AppointmentPort, officeAppointment } from '../office/appointment';
import { decideSend, notificationLine } from './bookingCheck';

type CompletedOptions = Office.SmartAlertsEventCompletedOptions;
interface CompletableEvent {
  completed(options?: CompletedOptions): void;
}

async function snapshot(item: AppointmentPort) {
  const [{ start }, attendees, props] = await Promise.all([item.getTimes(), item.getAttendees(), item.readCustomProperties()]);
  return { start, attendees: [...attendees.required, ...attendees.optional].map((a) => a.email), props };
}

/** OnAppointmentSend (Smart Alerts, softBlock): a blocking finding stops the send and says what to change; a late review stops it once, saying how late, and the SENCO can send anyway. */
export async function onAppointmentSendHandler(event: CompletableEvent): Promise<void> {
  // Default: allow. If the check itself breaks, a broken add-in never traps a meeting.
  let options: CompletedOptions = { allowEvent: true };
  try {
    const item = officeAppointment();
    const s = await snapshot(item);
    const decision = decideSend({ start: s.start, attendees: s.attendees }, s.props, new Date());
    if (!decision.allow) options = { allowEvent: false, errorMessage: decision.message };
  } catch {
    options = { allowEvent: true };
  } finally {
    event.completed(options);
  }
}

async function refreshBar(event: CompletableEvent): Promise<void> {
  try {
    const item = officeAppointment();
    const s = await snapshot(item);
    const decision = decideSend({ start: s.start, attendees: s.attendees }, s.props, new Date());
    if (decision.message) await item.notify(notificationLine(decision), decision.allow || decision.lateOnly ? 'info' : 'error');
  } catch {
    // The bar is advice only; the send check runs again at send time.
  } finally {
    event.completed();
  }
}

/** OnAppointmentTimeChanged: refreshes the notification bar. */
export function onAppointmentTimeChangedHandler(event: CompletableEvent): Promise<void> {
  return refreshBar(event);
}

/** OnAppointmentAttendeesChanged: refreshes the notification bar. */
export function onAppointmentAttendeesChangedHandler(event: CompletableEvent): Promise<void> {
  return refreshBar(event);
}

// The names must equal the manifest's action ids.
Office.actions.associate('onAppointmentSendHandler', onAppointmentSendHandler);
Office.actions.associate('onAppointmentTimeChangedHandler', onAppointmentTimeChangedHandler);
Office.actions.associate('onAppointmentAttendeesChangedHandler', onAppointmentAttendeesChangedHandler);
