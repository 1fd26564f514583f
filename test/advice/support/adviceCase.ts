import { recordMeeting } from '../../../bot/store/reviews/recordMeeting';
import type { Db } from '../../../bot/store/db';
import { fullInvitees, importRows, type People, registerPeople } from '../../support/fixtures';

/** The child in these tests; no page, message or file name may carry this name or date of birth. */
export const CHILD = { name: 'Amara Bello', dateOfBirth: '2015-03-07', laReference: 'NTH-0042' };
export const TODAY = '2026-09-01';
export const MEETING = '2026-10-20';

/**
 * Two people, one booked review: the plan was issued on 1 December 2025, so the review is
 * due by 30 November 2026; the meeting is on 20 October 2026 and advice is circulated by
 * 5 October 2026 (meeting - 15 days, the strict reading of two weeks' notice).
 */
export async function bookedReview(db: Db): Promise<{ people: People; reviewId: string }> {
  const people = await registerPeople(db);
  const ids = await importRows(db, people.officer, [`${CHILD.laReference},${CHILD.name},north-school,2025-12-01,,${CHILD.dateOfBirth},5,,,`]);
  const reviewId = ids[CHILD.laReference] as string;
  await db.transaction((tx) => recordMeeting(tx, people.senco, reviewId, { meetingDate: MEETING, invitationsSentOn: TODAY, invitees: fullInvitees(), mode: 'in-person' }, TODAY));
  return { people, reviewId };
}
