/**
 * The Timeliness summary brought up to date at commit, not at each statement (#21).
 *
 * Migration 390's triggers changed the summary's rows as soon as a review, report or
 * decision was written. A summary row counts every review of one council, measure, school,
 * due date, meeting date and state, so writes about different children on the same day
 * meet on the same rows, and each held its rows locked from its first statement to its
 * commit: recording a decision (the decision, then the review, the next cycle, the audit
 * entry and the reminders) held them for its whole transaction, and 50 officers' decisions
 * ran one after another (76 a second, p99 1.4 s, against 100 a second under 100 ms).
 *
 * Now each statement's trigger only notes the reviews it touched, in `timeliness_pending`
 * (an insert, which locks nothing another transaction waits for), and one deferred
 * trigger at commit takes every note of the transaction and refreshes those reviews in one
 * statement, in key order: the summary rows are locked for the last moment of the
 * transaction only, and two transactions cannot deadlock on them. The refresh itself is
 * 390's: it reads the facts as they stand at commit, so several notes for one review
 * count it once. The pending table is empty outside a transaction: each transaction's
 * notes are deleted by its own commit trigger.
 *
 * Even at commit, a summary row stays locked until the commit is on disk, so decisions
 * about one school's meetings of one day would still queue for the same few rows. Each
 * count is therefore kept in one of 16 slots, chosen by a hash of the review: a review
 * always counts in its own slot (so every slot's count is a true count, never below
 * nought), two reviews meet on a row one time in 16, and the reader adds the slots up.
 */
export const timelinessAtCommit = `
-- The counts again, each in its review's slot, rebuilt from the facts 390 kept.
drop table timeliness_summary;
create table timeliness_summary (
  council_id text not null,
  measure text not null,
  school_id text,
  due date not null,
  meeting_on date,
  state text not null,
  slot smallint not null,
  n integer not null,
  unique nulls not distinct (council_id, measure, due, school_id, meeting_on, state, slot)
);
create function timeliness_slot(review_id text) returns smallint language sql immutable as $$ select (hashtext(review_id) & 15)::smallint $$;
insert into timeliness_summary (council_id, measure, school_id, due, meeting_on, state, slot, n)
select council_id, measure, school_id, due, meeting_on, state, timeliness_slot(review_id), count(*)::int
  from timeliness_facts group by 1, 2, 3, 4, 5, 6, 7;

-- 390's refresh, with each count in its review's slot.
create or replace function timeliness_refresh(ids text[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  with was as (
    select f.council_id, f.measure, f.school_id, f.due, f.meeting_on, f.state, timeliness_slot(f.review_id) as slot from timeliness_facts f where f.review_id = any(ids)
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
    select c.council_id, c.measure, c.school_id, c.due, c.meeting_on, c.state, c.slot, sum(c.n)::int as n
      from (select w.*, -1 as n from was w
            union all select x.council_id, x.measure, x.school_id, x.due, x.meeting_on, x.state, timeliness_slot(x.review_id), 1 from fresh x) c
     group by 1, 2, 3, 4, 5, 6, 7
    having sum(c.n) <> 0
  )
  insert into timeliness_summary as s (council_id, measure, school_id, due, meeting_on, state, slot, n)
  select * from change order by council_id, measure, due, school_id, meeting_on, state, slot
  on conflict (council_id, measure, due, school_id, meeting_on, state, slot) do update set n = s.n + excluded.n;
end $$;

create table timeliness_pending (ids text[] not null);

create function timeliness_refresh_at_commit(ids text[]) returns void language plpgsql as $$
begin
  if ids is null or cardinality(ids) = 0 then return; end if;
  insert into timeliness_pending values (ids);
end $$;

-- Fires once per note, at commit; the first takes every note of the transaction, the rest find none.
create function timeliness_pending_flush() returns trigger language plpgsql as $$
declare
  due text[];
begin
  with taken as (delete from timeliness_pending returning ids)
  select array_agg(distinct id order by id) into due from taken, unnest(taken.ids) as id;
  perform timeliness_refresh(due);
  return null;
end $$;

create constraint trigger timeliness_pending_at_commit after insert on timeliness_pending
  deferrable initially deferred for each row execute function timeliness_pending_flush();

create or replace function timeliness_after_review_insert() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh_at_commit(array(select id from new_rows));
  return null;
end $$;

create or replace function timeliness_after_review_update() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh_at_commit(array(
    select n.id from new_rows n join old_rows o on o.id = n.id
     where (n.council_id, n.school_id, n.review_deadline, n.meeting_date, n.report_due, n.decision_due)
           is distinct from (o.council_id, o.school_id, o.review_deadline, o.meeting_date, o.report_due, o.decision_due)));
  return null;
end $$;

create or replace function timeliness_after_review_delete() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh_at_commit(array(select id from old_rows));
  return null;
end $$;

create or replace function timeliness_after_step_insert() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh_at_commit(array(select review_id from new_rows));
  return null;
end $$;

create or replace function timeliness_after_step_update() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh_at_commit(array(select review_id from new_rows union select review_id from old_rows));
  return null;
end $$;

create or replace function timeliness_after_step_delete() returns trigger language plpgsql as $$
begin
  perform timeliness_refresh_at_commit(array(select review_id from old_rows));
  return null;
end $$;
`;
