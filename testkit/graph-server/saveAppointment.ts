import type { StandInItem } from '../office/officeStandIn';

/** The appointment fields Outlook's saveAsync leaves in Exchange, as the office-js stand-in holds them. */
export type SavedAppointment = Pick<StandInItem, 'subject' | 'body' | 'start' | 'end' | 'requiredAttendees'>;

/** An EWS id (what saveAsync answers) writes the - and _ of a REST id as + and /. */
export const ewsIdOf = (restId: string) => restId.replace(/-/g, '+').replace(/_/g, '/');

/**
 * Outlook saves the appointment to Exchange, which is where Graph then finds it: this writes
 * the saved item to the SENCO's calendar on the local Graph with the event body Graph
 * documents (POST /users/{id}/events), and answers its EWS id as saveAsync would.
 */
export async function saveAppointmentToGraph(graphBaseUrl: string, userId: string, bearer: string, saved: SavedAppointment): Promise<string> {
  const res = await fetch(`${graphBaseUrl}/v1.0/users/${userId}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      subject: saved.subject,
      body: { contentType: 'html', content: saved.body },
      start: { dateTime: saved.start.replace(/Z$/, ''), timeZone: 'UTC' },
      end: { dateTime: saved.end.replace(/Z$/, ''), timeZone: 'UTC' },
      attendees: saved.requiredAttendees.map((a) => ({ type: 'required', emailAddress: { address: a.emailAddress, name: a.displayName } })),
    }),
  });
  if (!res.ok) throw new Error(`the local Graph refused the save: ${res.status} ${await res.text()}`);
  return ewsIdOf(((await res.json()) as { id: string }).id);
}
