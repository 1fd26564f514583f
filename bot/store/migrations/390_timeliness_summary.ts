/**
 * The Timeliness figures kept as counts, so the dashboard reads a few thousand summary rows
 * instead of joining every review of the council with its report and decision (#21: 423 ms
 * at 100,000 plans, target 300).
 *
 * `timeliness_facts` is what each review counts for, one row per measure: its due date, the
 * date of its meeting (the reports and decisions measures count only meetings held by
 * "today") and whether it was done on time, late, or is still open. `timeliness_summary`
 * holds the number of facts per council, measure, school, due date, meeting date and state.
 * What depends on the day of reading (an open step is late once its due date has passed; a
 * meeting counts once it has been held) is left to the query, so no count goes stale
 * overnight and no nightly job is needed.
 *
 * Triggers on the three tables the facts are made of (review_cycles, reports, decisions)
 * keep both in the writing statement's transaction, whichever path writes: booking, the
 * meeting, the report, the decision, a transfer, the import, erasure and retention. They
 * do not compute a difference from the changed rows: they take out what the review counted
 * for (kept in `timeliness_facts`) and put back what it counts for now, read from the
 * tables, so the order in which a transaction deletes a review's rows cannot unbalance
 * the counts. The summary rows are changed in key order in one statement, so two
 * transactions touching the same rows wait for each other rather than deadlock within it.
 */
export const timelinessSummary = `
create table timeliness_facts (
  review_id text not null,
  measure text not null check (measure in ('concludedIn12Months', 'reportsIn2Weeks', 'decisionsIn4Weeks')),
  council_id text not null,
  school_id text,
  due date not null,
  -- null for the twelve-month measure, which counts a review whatever its meeting
  meeting_on date,
  state text not null check (state in ('on_time', 'late', 'open')),
  primary key (review_id, measure)
);

create table timeliness_summary (
  council_id text not null,
  measure text not null,
  school_id text,
  due date not null,
  meeting_on date,
  state text not null,
  n integer not null,
  unique nulls not distinct (council_id, measure, due, school_id, meeting_on, state)
);

-- A review's facts as its rows stand now: the same dates the Timeliness report has always counted.
create function timeliness_facts_of(ids text[]) returns table (
  review_id text, measure text, council_id text, school_id text, due date, meeting_on date, state text
) language sql stable as $$
  select r.id, v.measure, r.council_id, r.school_id, v.due, v.meeting_on,
         case when v.done is null then 'open' when v.done <= v.due then 'on_time' else 'late' end
    from review_cycles r
    left join decisions d on d.review_id = r.id
    left join reports rp on rp.review_id = r.id
    cross join lateral (values
      ('concludedIn12Months', r.review_deadline, null::date, d.notified_on),
      ('reportsIn2Weeks', coalesce(r.report_due, r.meeting_date + 14), r.meeting_date, rp.sent_on),
      ('decisionsIn4Weeks', coalesce(r.decision_due, r.meeting_date + 28), r.meeting_date, d.notified_on)
    ) v (measure, due, meeting_on, done)
   where r.id = any(ids) and (v.measure = 'concludedIn12Months' or r.meeting_date is not null)
$$;

-- Take out what the reviews counted for and put in what they count for now, in one statement:
-- \`was\` reads the facts as they stood before it, so the change to the summary is the difference.
create function timeliness_refresh(ids text[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  with was as (
    select f.council_id, f.measure, f.school_id, f.due, f.meeting_on, f.state from timeliness_facts f where f.review_id = any(ids)
  ), fresh as (
    select * from timeliness_facts_of(ids)
  ), gone as (
    delete from timeliness_facts f
     where f.review_id = any(ids) and not exists (select 1 from fresh x where x.review_id = f.review_id and x.measure = f.measure)
  ), kept as (
    insert into timeliness_facts select * from fresh
    on conflict (review_id, measure) do update set council_id = excluded.council_id, school_id = excluded.school_id,
       due = excluded.due, meeting_on = excluded.meeting_on, state = excluded.state
  ), change as (
    select c.council_id, c.measure, c.school_id, c.due, c.meeting_on, c.state, sum(c.n)::int as n
      from (select w.*, -1 as n from was w
            union all select x.council_id, x.measure, x.school_id, x.due, x.meeting_on, x.state, 1 from fresh x) c
     group by 1, 2, 3, 4, 5, 6
    having sum(c.n) <> 0
  )
  insert into timeliness_summary as s (council_id, measure, school_id, due, meeting_on, state, n)
  select * from change order by council_id, measure, due, school_id, meeting_on, state
  on conflict (council_id, measure, due, school_id, meeting_on, state) do update set n = s.n + excluded.n;
end $$;

create function timeliness_after_review_insert() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh(array(select id from new_rows));
  return null;
end $$;

-- Only the reviews whose counted dates, council or school changed: most updates (the stage, the version) change none.
create function timeliness_after_review_update() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh(array(
    select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.council_id, n.school_id, n.review_deadline, n.meeting_date, n.report_due, n.decision_due)
           is distinct from (o.council_id, o.school_id, o.review_deadline, o.meeting_date, o.report_due, o.decision_due)));
  return null;
end $$;

create function timeliness_after_review_delete() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh(array(select id from old_rows));
  return null;
end $$;

create function timeliness_after_step_insert() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh(array(select review_id from new_rows));
  return null;
end $$;

create function timeliness_after_step_update() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh(array(select review_id from new_rows union select review_id from old_rows));
  return null;
end $$;

create function timeliness_after_step_delete() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh(array(select review_id from old_rows));
  return null;
end $$;

create trigger timeliness_review_insert after insert on review_cycles
  referencing new table as new_rows for each statement execute function timeliness_after_review_insert();
create trigger timeliness_review_update after update on review_cycles
  referencing new table as new_rows old table as old_rows for each statement execute function timeliness_after_review_update();
create trigger timeliness_review_delete after delete on review_cycles
  referencing old table as old_rows for each statement execute function timeliness_after_review_delete();
create trigger timeliness_decision_insert after insert on decisions
  referencing new table as new_rows for each statement execute function timeliness_after_step_insert();
create trigger timeliness_decision_update after update on decisions
  referencing new table as new_rows old table as old_rows for each statement execute function timeliness_after_step_update();
create trigger timeliness_decision_delete after delete on decisions
  referencing old table as old_rows for each statement execute function timeliness_after_step_delete();
create trigger timeliness_report_insert after insert on reports
  referencing new table as new_rows for each statement execute function timeliness_after_step_insert();
create trigger timeliness_report_update after update on reports
  referencing new table as new_rows old table as old_rows for each statement execute function timeliness_after_step_update();
create trigger timeliness_report_delete after delete on reports
  referencing old table as old_rows for each statement execute function timeliness_after_step_delete();

-- the reviews already there
select timeliness_refresh(array(select id from review_cycles));
`;
