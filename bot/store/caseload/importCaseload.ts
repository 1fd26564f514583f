import { recordedTransfer } from '../../../shared';
import { readCsv } from '../../csv/read';
import { appendAudit, appendChildAudits } from '../audit';
import type { Queryable } from '../db';
import { InvalidInputError, TooManyRowsError } from '../errors';
import type { Principal } from '../principal';
import { type CaseContact, importContacts } from '../contacts/caseContacts';
import { cycleDates } from '../reviews/cycleDates';
import { type ColumnMap, mapHeader } from './columnMapping';
import { contactsFromCells } from './importContactColumns';
import { rejectedLinesCsv } from './rejectedLines';
import { checkImportRow, type ImportRow, type LineProblem, requiredImportColumns } from './importRows';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: LineProblem[];
  /** The rejected lines with their problems, as a CSV to fix and upload again (header only when none). */
  rejectedCsv: string;
}

/** Where an import has got to: rows read so far and what became of them. */
export interface ImportProgress {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

const CHUNK = 1000;
/** Per-council lock: two imports of one council take turns, so a reference is never inserted twice. */
const IMPORT_LOCK = 7_216_044_002;

interface Existing {
  child_id: number;
  la_reference: string;
  name: string;
  date_of_birth: string | null;
  plan_id: number;
  school_id: string | null;
  issued_on: string;
  nc_year: number | null;
  transfer_kind: string | null;
  transfer_date: string | null;
  review_id: string | null;
  stage: string | null;
  version: number | null;
  previous_concluded_on: string | null;
  meeting_date: string | null;
  meeting_source: string | null;
  transferred_in_on: string | null;
  transferred_out_on: string | null;
  transferred_to: string | null;
}

export interface ImportOptions {
  /** Most rows one import may hold (`IMPORT_MAX_ROWS`); beyond it nothing is stored and the answer is 413. */
  maxRows?: number;
  /** The council's column names for ours (its saved mapping); unnamed columns keep ours. */
  columns?: ColumnMap;
  /** Told after each stored chunk of rows, and once at the end. */
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

/** The default row limit: England's largest council holds about 20,000 plans. */
export const DEFAULT_IMPORT_MAX_ROWS = 200_000;

/**
 * Imports a council's caseload CSV in the caller's transaction. Idempotent by
 * `laReference`: a known child is updated only where the row differs, so importing the
 * same file twice changes nothing. Bad rows (and lines that are not valid CSV) are
 * reported by line and not stored; created + updated + unchanged + rejected is the
 * number of rows after the header.
 */
export async function importCaseload(tx: Queryable, principal: Principal, csv: string, options: ImportOptions = {}): Promise<ImportResult> {
  const maxRows = options.maxRows ?? DEFAULT_IMPORT_MAX_ROWS;
  let rows = 0;
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_LOCK % 2 ** 31, principal.orgId]);
  // Every registered setting, whichever council it is in: the plan's council is the placing council (#26).
  const schools = new Set((await tx.query<{ id: string }>("select id from organisations where kind = 'school'")).map((r) => r.id));
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], rejectedCsv: '' };
  // Each rejected line's cells as read (null: not valid CSV), for the file of lines to fix.
  const rejected = new Map<number, string[] | null>();
  let fileHeader: string[] | undefined;
  const progress = () => options.onProgress?.({ read: rows, created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected });
  const seen = new Map<string, number>();
  let header: string[] | undefined;
  let batch: ImportRow[] = [];
  // Contacts go in once every child of the file exists (optional <role>Name/<role>Email columns).
  const contactRows: { laReference: string; contacts: CaseContact[] }[] = [];
  for await (const records of readCsv(csv)) {
    for (const record of records) {
      if (header && ++rows > maxRows) throw new TooManyRowsError(maxRows);
      if (record.problem !== undefined) {
        if (!header) throw new InvalidInputError([{ field: 'header', message: `line ${record.line}: ${record.problem}` }]);
        result.rejected++;
        result.errors.push({ line: record.line, field: 'csv', message: record.problem });
        rejected.set(record.line, null);
        continue;
      }
      if (!header) {
        fileHeader = record.fields;
        header = mapHeader(record.fields.map((f) => f.replaceAll('\u0000', '')), options.columns ?? {});
        const missing = requiredImportColumns.filter((c) => !header?.includes(c));
        if (missing.length) {
          const named = (c: (typeof requiredImportColumns)[number]) => (options.columns?.[c] ? `"${options.columns[c]}" (your name for ${c})` : c);
          throw new InvalidInputError(
            missing.map((c) => ({ field: c, message: `the CSV header has no ${named(c)} column; the first line must name the columns (${requiredImportColumns.map(named).join(', ')}, …), or change the saved column names` })),
          );
        }
        continue;
      }
      // The store cannot hold a NUL byte: the line is refused, not the whole import.
      const withNul = header.findIndex((_name, i) => record.fields[i]?.includes('\u0000'));
      if (withNul !== -1) {
        result.rejected++;
        result.errors.push({ line: record.line, field: header[withNul] || `column ${withNul + 1}`, message: 'contains a NUL character (\\u0000); remove it' });
        continue;
      }
      const cells: Record<string, string | undefined> = {};
      header.forEach((name, i) => {
        cells[name] = record.fields[i];
      });
      const checked = checkImportRow(cells, record.line, schools, seen);
      const contacts = contactsFromCells(cells, record.line);
      if ('problems' in checked || contacts.problems.length) {
        result.rejected++;
        result.errors.push(...('problems' in checked ? checked.problems : []), ...contacts.problems);
        rejected.set(record.line, record.fields);
        continue;
      }
      if (contacts.contacts.length) contactRows.push({ laReference: checked.row.laReference, contacts: contacts.contacts });
      batch.push(checked.row);
      if (batch.length === CHUNK) {
        await storeBatch(tx, principal, batch, result);
        batch = [];
        await progress();
      }
    }
  }
  if (!header) throw new InvalidInputError([{ field: 'body', message: 'the CSV is empty; send a header line and one row per plan' }]);
  if (batch.length) await storeBatch(tx, principal, batch, result);
  await importContacts(tx, principal, contactRows);
  result.rejectedCsv = rejectedLinesCsv(csv, fileHeader, rejected, result.errors);
  await progress();
  await appendAudit(tx, principal, 'caseload.imported', 'organisation', principal.orgId, null, {
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected,
  });
  return result;
}

async function storeBatch(tx: Queryable, principal: Principal, rows: ImportRow[], result: ImportResult): Promise<void> {
  const existing = await tx.query<Existing>(
    `select c.id::int as child_id, c.la_reference, c.name, c.date_of_birth, p.id::int as plan_id, p.school_id, p.issued_on, p.nc_year,
            p.transfer_kind, p.transfer_date, r.id as review_id, r.stage, r.version, r.previous_concluded_on, r.meeting_date, m.source as meeting_source, p.transferred_in_on,
            p.transferred_out_on, (select t.to_council_id from plan_transfers t where t.from_plan_id = p.id) as transferred_to
       from children c join plans p on p.child_id = c.id
       left join review_cycles r on r.plan_id = p.id and r.stage in ('not-booked', 'booked', 'reported')
       left join meetings m on m.review_id = r.id
      where c.council_id = $1 and c.la_reference = any($2::text[])`,
    [principal.orgId, rows.map((r) => r.laReference)],
  );
  const byRef = new Map(existing.map((e) => [e.la_reference, e]));
  const fresh: ImportRow[] = [];
  for (const row of rows) {
    const known = byRef.get(row.laReference);
    if (!known) fresh.push(row);
    else if (known.transferred_out_on) {
      // The plan left with the child (Reg 15): the closed record is history, never rewritten by a spreadsheet.
      result.rejected++;
      result.errors.push({ line: row.line, field: 'laReference', message: `${row.laReference}'s plan was transferred to ${known.transferred_to ?? 'another council'} on ${known.transferred_out_on}; take this line out of your caseload` });
    } else if (await updateKnown(tx, principal, row, known)) result.updated++;
    else result.unchanged++;
  }
  if (fresh.length) await insertFresh(tx, principal, fresh);
  result.created += fresh.length;
}

async function insertFresh(tx: Queryable, principal: Principal, rows: ImportRow[]): Promise<void> {
  const children = await tx.query<{ id: number; la_reference: string }>(
    `insert into children (council_id, la_reference, name, date_of_birth)
     select $1, * from unnest($2::text[], $3::text[], $4::date[]) returning id::int, la_reference`,
    [principal.orgId, rows.map((r) => r.laReference), rows.map((r) => r.childName), rows.map((r) => r.plan.dateOfBirth ?? null)],
  );
  const childId = new Map(children.map((c) => [c.la_reference, c.id]));
  const plans = await tx.query<{ id: number; child_id: number }>(
    // The officer who imports a plan is its case officer until someone reassigns it (the dashboard's workload).
    `insert into plans (child_id, school_id, issued_on, nc_year, transfer_kind, transfer_date, case_officer_id)
     select *, $7::bigint from unnest($1::bigint[], $2::text[], $3::date[], $4::smallint[], $5::text[], $6::date[]) returning id::int, child_id::int`,
    [
      rows.map((r) => childId.get(r.laReference)),
      rows.map((r) => r.school),
      rows.map((r) => r.plan.planIssued),
      rows.map((r) => r.plan.ncYear ?? null),
      rows.map((r) => recordedTransfer(r.plan.transfer)?.kind ?? null),
      rows.map((r) => recordedTransfer(r.plan.transfer)?.date ?? null),
      principal.personId,
    ],
  );
  const planOfChild = new Map(plans.map((p) => [p.child_id, p.id]));
  const dates = rows.map((r) => cycleDates(r.plan));
  const reviews = await tx.query<{ id: string; plan_id: number }>(
    `insert into review_cycles (plan_id, council_id, school_id, previous_concluded_on, stage, review_deadline, latest_meeting_date, meeting_date, report_due, decision_due)
     select u.plan_id, $1, u.school_id, u.previous, u.stage, u.deadline, u.latest, u.meeting, u.report_due, u.decision_due
       from unnest($2::bigint[], $3::text[], $4::date[], $5::text[], $6::date[], $7::date[], $8::date[], $9::date[], $10::date[])
         as u(plan_id, school_id, previous, stage, deadline, latest, meeting, report_due, decision_due)
     returning id, plan_id::int`,
    [
      principal.orgId,
      rows.map((r) => planOfChild.get(childId.get(r.laReference) ?? -1)),
      rows.map((r) => r.school),
      rows.map((r) => r.plan.lastReviewConcluded ?? null),
      rows.map((r) => (r.plan.meetingDate ? 'booked' : 'not-booked')),
      dates.map((d) => d.review_deadline),
      dates.map((d) => d.latest_meeting_date),
      rows.map((r) => r.plan.meetingDate ?? null),
      dates.map((d) => d.report_due),
      dates.map((d) => d.decision_due),
    ],
  );
  const meetingRows = reviews.flatMap((review, i) => {
    const meeting = rows[i]?.plan.meetingDate;
    return meeting ? [{ id: review.id, meeting }] : [];
  });
  if (meetingRows.length) {
    await tx.query(`insert into meetings (review_id, meeting_date, source) select *, 'import' from unnest($1::text[], $2::date[])`, [
      meetingRows.map((m) => m.id),
      meetingRows.map((m) => m.meeting),
    ]);
  }
  await appendChildAudits(
    tx,
    principal,
    'child.imported',
    rows.map((r) => ({ childId: String(childId.get(r.laReference)), after: { childName: r.childName, school: r.school, ...r.plan } })),
  );
}

/** Applies a changed row to a known child; returns false when nothing differs. */
async function updateKnown(tx: Queryable, principal: Principal, row: ImportRow, known: Existing): Promise<boolean> {
  const p = row.plan;
  const childChanged = known.name !== row.childName || known.date_of_birth !== (p.dateOfBirth ?? null);
  const planChanged =
    known.school_id !== row.school ||
    known.issued_on !== p.planIssued ||
    known.nc_year !== (p.ncYear ?? null) ||
    known.transfer_kind !== (recordedTransfer(p.transfer)?.kind ?? null) ||
    known.transfer_date !== (recordedTransfer(p.transfer)?.date ?? null);
  // The open review follows the spreadsheet only until the service has recorded the meeting itself.
  const reviewEditable = known.review_id !== null && (known.stage === 'not-booked' || (known.stage === 'booked' && known.meeting_source === 'import'));
  const meeting = p.meetingDate ?? null;
  // An older spreadsheet must not undo a decision the service recorded: only a later "last review" moves the cycle.
  const concluded = p.lastReviewConcluded && (!known.previous_concluded_on || p.lastReviewConcluded > known.previous_concluded_on) ? p.lastReviewConcluded : known.previous_concluded_on;
  const reviewChanged = reviewEditable && (concluded !== known.previous_concluded_on || (meeting !== null && known.meeting_date !== meeting) || planChanged);
  if (!childChanged && !planChanged && !reviewChanged) return false;

  if (childChanged) await tx.query('update children set name = $2, date_of_birth = $3 where id = $1', [known.child_id, row.childName, p.dateOfBirth ?? null]);
  if (planChanged) {
    await tx.query('update plans set school_id = $2, issued_on = $3, nc_year = $4, transfer_kind = $5, transfer_date = $6 where id = $1', [
      known.plan_id,
      row.school,
      p.planIssued,
      p.ncYear ?? null,
      recordedTransfer(p.transfer)?.kind ?? null,
      recordedTransfer(p.transfer)?.date ?? null,
    ]);
    await tx.query("update review_cycles set school_id = $2 where plan_id = $1 and stage <> 'concluded'", [known.plan_id, row.school]);
  }
  if (reviewChanged && known.review_id) {
    const keepMeeting = meeting ?? (known.stage === 'booked' ? known.meeting_date : null);
    const dates = cycleDates({ ...p, lastReviewConcluded: concluded ?? undefined, meetingDate: keepMeeting ?? undefined, transferredIn: known.transferred_in_on ?? undefined });
    await tx.query(
      `update review_cycles set previous_concluded_on = $2, stage = $3, review_deadline = $4, latest_meeting_date = $5, meeting_date = $6,
         report_due = $7, decision_due = $8, version = version + 1, updated_at = now() where id = $1`,
      [known.review_id, concluded, keepMeeting ? 'booked' : 'not-booked', dates.review_deadline, dates.latest_meeting_date, keepMeeting, dates.report_due, dates.decision_due],
    );
    if (keepMeeting) {
      await tx.query(
        `insert into meetings (review_id, meeting_date, source) values ($1, $2, 'import') on conflict (review_id) do update set meeting_date = excluded.meeting_date`,
        [known.review_id, keepMeeting],
      );
    }
  }
  await appendAudit(tx, principal, 'child.reimported', 'child', String(known.child_id), known, { childName: row.childName, school: row.school, ...p });
  return true;
}
