import type { Queryable } from '../db';
import { circulatedByOf, type SettingColumns, settingColumnsSql, withoutSettingColumns } from '../reviews/loadReview';

/** An advice request still waiting for its advice, with what storing a file for it needs. */
export interface OpenAdviceRequest {
  requestId: number;
  reviewId: string;
  councilId: string;
  councilTenantId: string | null;
  fromRole: string;
  dueOn: string;
  meetingDate: string;
  /** The day the advice reaches everyone invited (Reg 20(4)), with the case's own notice setting. */
  circulatedBy: string;
  reviewDeadline: string;
  laReference: string;
  childName: string;
  dateOfBirth: string | null;
}

/**
 * The person's advice requests that are still open: no advice recorded against them yet,
 * the meeting booked and not yet past. Matched by the person's row or their email (booking
 * records the invitee's email). Soonest due first.
 */
export async function openAdviceRequestsFor(tx: Queryable, person: { personId: number; email: string | null }, today: string): Promise<OpenAdviceRequest[]> {
  const rows = await tx.query<Omit<OpenAdviceRequest, 'circulatedBy'> & SettingColumns>(
    `select q.id::int as "requestId", r.id as "reviewId", r.council_id as "councilId", o.entra_tenant_id as "councilTenantId", q.from_role as "fromRole",
            q.due_on as "dueOn", r.meeting_date as "meetingDate", r.review_deadline as "reviewDeadline",
            c.la_reference as "laReference", c.name as "childName", c.date_of_birth as "dateOfBirth",
            ${settingColumnsSql.columns}
       from advice_requests q
       join review_cycles r on r.id = q.review_id
       join plans p on p.id = r.plan_id
       join children c on c.id = p.child_id
       join organisations o on o.id = r.council_id
       ${settingColumnsSql.joins}
      where (q.person_id = $1 or ($2::text is not null and lower(q.email) = lower($2::text)))
        and r.stage = 'booked' and r.meeting_date >= $3
        and not exists (select 1 from advice_items i where i.request_id = q.id)
      order by q.due_on, q.id`,
    [person.personId, person.email, today],
  );
  return rows.map((row) => ({ ...withoutSettingColumns(row), circulatedBy: circulatedByOf(row.meetingDate, row) }));
}

/** The drive holding a council's review folders: its own row, else the service-wide setting. */
export async function adviceDriveFor(tx: Queryable, councilId: string, fallback: string | undefined): Promise<string | undefined> {
  const rows = await tx.query<{ drive_id: string }>('select drive_id from advice_drives where council_id = $1', [councilId]);
  return rows[0]?.drive_id ?? fallback;
}
