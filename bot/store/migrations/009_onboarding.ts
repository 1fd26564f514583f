/**
 * Onboarding without SQL (#15). A person's membership comes from one of two sources:
 * - 'admin': registered by an administrator (`ehcp-review person add` or its CSV import);
 * - 'token': created on first sign-in from an Entra app role in the token's `roles` claim.
 *   Such a row only gives the person an id for audit and decisions; it grants nothing by
 *   itself: the service honours it only while the token still carries that role.
 * `removed_at` ends a membership (`person remove`) without deleting the row, which decisions,
 * invitations and the audit log refer to. A removed person is not re-admitted by a role claim.
 */
export const onboarding = `
alter table people add column source text not null default 'admin' check (source in ('admin', 'token'));
alter table people add column removed_at timestamptz;
create index people_tenant_lookup on people (entra_object_id) where removed_at is null;
`;
