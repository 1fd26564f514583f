/**
 * Every review, not only the punctual one (issue #23):
 * - a decision can be taken without the school's report (Reg 20(10) runs from the meeting);
 *   it records what was considered in its place (Reg 19(c));
 * - ceasing is a proposal (Reg 31(1)(a)), a consultation, then the cease, with the plan kept
 *   (s45) until an officer confirms the end date: a `ceasing` stage and its steps;
 * - who runs the review and whether a Reg 18 transfer is coming are properties of the setting
 *   (its phase, a sixth form, the council running it under Reg 20) and of the plan (the school
 *   year its year group refers to; a child at no school or institution, Reg 21);
 * - an early review records why it was started.
 */
export const everyReview = `
alter table decisions add column without_report boolean not null default false;
alter table decisions add column considered_instead text check (length(considered_instead) <= 4000);

alter table review_cycles drop constraint review_cycles_stage_check;
alter table review_cycles add constraint review_cycles_stage_check
  check (stage in ('not-booked', 'booked', 'reported', 'amending', 'ceasing', 'concluded'));
alter table review_cycles add column early_reason text check (length(early_reason) <= 2000);

create table cease_steps (
  review_id text primary key references review_cycles (id),
  proposed_on date not null,
  consultation_days smallint not null check (consultation_days between 1 and 90),
  consultation_ends date not null,
  left_education boolean not null default false,
  reengagement text check (length(reengagement) <= 4000),
  decided_on date,
  decision text check (decision in ('cease', 'keep')),
  reasons text check (length(reasons) <= 4000),
  plan_end_proposed date,
  plan_end_confirmed date,
  confirmed_by bigint references people (id),
  check ((decided_on is null) = (decision is null)),
  check (decided_on is null or decided_on > consultation_ends)
);

alter table organisations add column phase text
  check (phase in ('early-years', 'infant', 'junior', 'primary', 'middle', 'secondary', 'all-through', 'special', 'college'));
alter table organisations add column sixth_form boolean not null default false;
alter table organisations add column runs_review text not null default 'school' check (runs_review in ('school', 'council'));

alter table plans add column nc_year_school_year smallint check (nc_year_school_year between 1990 and 2100);
alter table plans add column out_of_education boolean not null default false;
`;
