/**
 * How the family agreed to be written to (issue #25): `email` only where they agreed to
 * it, otherwise `post` (DOMAIN: serve by email only where the family agreed; post is served
 * after the delivery allowance, Interpretation Act 1978 s7). Null while nothing is
 * recorded. It decides whether the decision letter and the amendment notice are emailed
 * to the family or marked for the officer to post, and whether the family's reminder
 * before their 15 days end goes by email.
 */
export const familyContactPreference = `
alter table children add column family_contact text check (family_contact in ('email', 'post'));
alter table children add column family_contact_recorded_on date;
`;
