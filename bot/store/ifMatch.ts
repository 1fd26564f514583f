/**
 * Whether an If-Match header lets a write go ahead against the entity whose tag is now
 * `current`: no header, `*`, or a list naming the current tag (weak `W/` tags compared by
 * their value, RFC 9110 13.1.1). The one reading of If-Match for every write.
 */
export function ifMatchAccepts(ifMatch: string | undefined, current: string): boolean {
  if (ifMatch === undefined || ifMatch.trim() === '*') return true;
  return ifMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .includes(current);
}
