/**
 * Children placed out of area and plans that move between councils (#26).
 *
 * Placements, not ownership: a setting (school, college or early years provider) is
 * registered once, as an organisation of kind 'school' with its own local council
 * (`council_id`, which stays recorded as such); any council on the service places a child
 * there, and the plan's council is the child's (`children.council_id`), never the
 * setting's. `setting_type` says which kind of setting it is, `urn` its DfE URN (or UKPRN
 * for a college) so councils find it by number; `registered_by` and `registration_reason`
 * say which council added it and why (also in the audit log).
 *
 * Transfers (SEND Regs 2014 reg 15): the old council's plan is closed as transferred
 * (`transferred_out_on`, not `ceased_on`) and a new plan of the new council, treated as made
 * on the old plan's issue date (Reg 15(3)(a)), takes the open review with it; `plan_transfers`
 * keeps both sides of each move and the dates the regulation sets.
 */
export const placementsAndTransfers = `
alter table organisations add column setting_type text check (setting_type in ('school', 'college', 'early-years'));
update organisations set setting_type = 'school' where kind = 'school';
alter table organisations add column urn text check (urn ~ '^[0-9]{6,8}$');
create unique index organisations_urn on organisations (urn) where urn is not null;
alter table organisations add column registered_by text references organisations (id);
alter table organisations add column registration_reason text check (length(registration_reason) between 1 and 500);
create index organisations_setting_name on organisations (lower(name)) where kind = 'school';

alter table plans add column transferred_out_on date;
alter table plans add column transferred_in_on date;
alter table plans add column transferred_from_plan_id bigint references plans (id);

create table plan_transfers (
  id bigint generated always as identity primary key,
  from_plan_id bigint not null unique references plans (id),
  to_plan_id bigint not null unique references plans (id),
  from_council_id text not null references organisations (id),
  to_council_id text not null references organisations (id),
  moved_on date not null,
  aware_on date not null,
  transferred_on date not null,
  transfer_due_by date not null,
  family_told_by date not null,
  review_deadline date not null,
  school_id text references organisations (id),
  recorded_by bigint not null references people (id),
  created_at timestamptz not null default now(),
  check (from_council_id <> to_council_id)
);
create index plan_transfers_from on plan_transfers (from_council_id, transferred_on desc);
create index plan_transfers_to on plan_transfers (to_council_id, transferred_on desc);
`;
