/**
 * Issue #23, the rest of it:
 * - a review held out of its annual turn: `early` (the s44 review brought forward; its
 *   decision restarts the 12 months) or `interim` (between annual reviews; it leaves them
 *   running unless the council, deciding it, says it is the annual review: `restarts_cycle`);
 *   the reason was already kept in `early_reason` (230);
 * - who the family's letters and invitations go to once the child is over compulsory school
 *   age (CFA 2014 s80; Regs 63-64): `auto` (the parent, then the young person), the young
 *   person with the parent as well because they wish it, or an alternative person acting for
 *   a young person who lacks capacity, with that person's name and email.
 */
export const earlyReviewsAndAddressee = `
alter table review_cycles add column review_kind text not null default 'annual' check (review_kind in ('annual', 'early', 'interim'));
alter table review_cycles add column early_started_on date;
alter table review_cycles add constraint review_cycles_early_check check ((review_kind = 'annual') = (early_started_on is null));
alter table decisions add column restarts_cycle boolean;

alter table plans add column addressee text not null default 'auto' check (addressee in ('auto', 'young-person-and-parent', 'alternative-person'));
alter table plans add column alternative_person_name text check (length(alternative_person_name) between 1 and 200);
alter table plans add column alternative_person_email text check (length(alternative_person_email) between 3 and 254);
alter table plans add constraint plans_alternative_person_check check (addressee <> 'alternative-person' or alternative_person_name is not null);
`;
