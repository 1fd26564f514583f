/**
 * A replayed answer must be byte-for-byte the first one. jsonb reorders keys, so the
 * stored body becomes the JSON text exactly as it was sent.
 */
export const idempotencyBodyAsText = `
alter table idempotency_keys alter column body type text using body::text;
`;
