/**
 * Idempotency answers expire (IDEMPOTENCY_TTL_HOURS, at least 24 h): the service's
 * periodic clean-up deletes the old ones by `created_at`, which this index keeps cheap.
 */
export const idempotencyExpiry = `
create index idempotency_keys_created_at on idempotency_keys (created_at);
`;
