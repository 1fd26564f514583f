/// <reference types="office-js" />
import { officeCall } from './officeCall';

/** An attendee as the add-in handles it. */
export interface Attendee {
  email: string;
  name?: string | undefined;
}

/**
 * Everything the add-in does to the open appointment (organizer mode), as promise
 * functions. Components and handlers take this as a parameter, so they run without Office
 * (tests give a plain object).
 */
export interface AppointmentPort {
  /** The signed-in organizer (the SENCO: the school's representative at the meeting). */
  organizer(): Attendee;
  getTimes(): Promise<{ start: Date; end: Date }>;
  /** Sets the end first when moving later would otherwise leave it before the start. */
  setTimes(start: Date, end: Date): Promise<void>;
  getAttendees(): Promise<{ required: Attendee[]; optional: Attendee[] }>;
  setRequiredAttendees(list: Attendee[]): Promise<void>;
  setSubject(subject: string): Promise<void>;
  setBodyHtml(html: string): Promise<void>;
  readCustomProperties(): Promise<Record<string, unknown>>;
  /** Sets these custom properties (others kept) and saves them with the item. */
  writeCustomProperties(values: Record<string, string>): Promise<void>;
  /** Saves the item; answers its REST id (the id Microsoft Graph uses). */
  save(): Promise<string>;
  /** The REST id when the item was saved before, else undefined. */
  savedId(): Promise<string | undefined>;
  onChange(listener: (what: 'time' | 'attendees') => void): Promise<void>;
  /** Replaces the add-in's one notification on the item. */
  notify(message: string, kind: 'error' | 'info'): Promise<void>;
}

/** The notification bar key the add-in owns on an item. */
export const NOTIFICATION_KEY = 'ehcp-review-check';

const toAttendee = (d: Office.EmailAddressDetails): Attendee => ({ email: d.emailAddress, name: d.displayName || undefined });

/** The port over the real `Office.context.mailbox.item` (or the stand-in's). */
export function officeAppointment(office: typeof Office = Office): AppointmentPort {
  const item = () => office.context.mailbox.item as Office.AppointmentCompose;
  const restId = (ewsId: string) => office.context.mailbox.convertToRestId(ewsId, office.MailboxEnums.RestVersion.v2_0);
  const loadProps = () => officeCall<Office.CustomProperties>('loadCustomPropertiesAsync', (cb) => item().loadCustomPropertiesAsync(cb));
  return {
    organizer() {
      const p = office.context.mailbox.userProfile;
      return { email: p.emailAddress, name: p.displayName };
    },
    async getTimes() {
      const [start, end] = await Promise.all([
        officeCall<Date>('start.getAsync', (cb) => item().start.getAsync(cb)),
        officeCall<Date>('end.getAsync', (cb) => item().end.getAsync(cb)),
      ]);
      return { start, end };
    },
    async setTimes(start, end) {
      // Outlook keeps the meeting's length when the start moves, so set the start first, then the end.
      await officeCall<void>('start.setAsync', (cb) => item().start.setAsync(start, cb));
      await officeCall<void>('end.setAsync', (cb) => item().end.setAsync(end, cb));
    },
    async getAttendees() {
      const [required, optional] = await Promise.all([
        officeCall<Office.EmailAddressDetails[]>('requiredAttendees.getAsync', (cb) => item().requiredAttendees.getAsync(cb)),
        officeCall<Office.EmailAddressDetails[]>('optionalAttendees.getAsync', (cb) => item().optionalAttendees.getAsync(cb)),
      ]);
      return { required: required.map(toAttendee), optional: optional.map(toAttendee) };
    },
    setRequiredAttendees(list) {
      const details = list.map((a) => ({ emailAddress: a.email, displayName: a.name ?? a.email }) as Office.EmailAddressDetails);
      return officeCall<void>('requiredAttendees.setAsync', (cb) => item().requiredAttendees.setAsync(details, cb));
    },
    setSubject(subject) {
      return officeCall<void>('subject.setAsync', (cb) => item().subject.setAsync(subject, cb));
    },
    setBodyHtml(html) {
      return officeCall<void>('body.setAsync', (cb) => item().body.setAsync(html, { coercionType: office.CoercionType.Html }, cb));
    },
    async readCustomProperties() {
      return (await loadProps()).getAll() as Record<string, unknown>;
    },
    async writeCustomProperties(values) {
      const props = await loadProps();
      for (const [k, v] of Object.entries(values)) props.set(k, v);
      await officeCall<void>('customProperties.saveAsync', (cb) => props.saveAsync(cb));
    },
    async save() {
      return restId(await officeCall<string>('saveAsync', (cb) => item().saveAsync(cb)));
    },
    async savedId() {
      try {
        return restId(await officeCall<string>('getItemIdAsync', (cb) => item().getItemIdAsync(cb)));
      } catch {
        return undefined;
      }
    },
    async onChange(listener) {
      await officeCall<void>('addHandlerAsync', (cb) => item().addHandlerAsync(office.EventType.AppointmentTimeChanged, () => listener('time'), cb));
      await officeCall<void>('addHandlerAsync', (cb) => item().addHandlerAsync(office.EventType.RecipientsChanged, () => listener('attendees'), cb));
    },
    notify(message, kind) {
      const details: Office.NotificationMessageDetails =
        kind === 'error'
          ? { type: office.MailboxEnums.ItemNotificationMessageType.ErrorMessage, message: message.slice(0, 150) }
          : { type: office.MailboxEnums.ItemNotificationMessageType.InformationalMessage, message: message.slice(0, 150), icon: 'Icon.16x16', persistent: false };
      return officeCall<void>('notificationMessages.replaceAsync', (cb) => item().notificationMessages.replaceAsync(NOTIFICATION_KEY, details, cb));
    },
  };
}
