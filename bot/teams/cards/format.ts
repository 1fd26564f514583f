const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "30 Nov 2026" for an ISO calendar date. Read as a calendar date, so no time zone can
 * shift it; spelt out by hand because `toLocaleDateString` costs about a millisecond a
 * call, and a list card has dozens.
 */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** Where a card's "Open the review" button goes: the review in the service's Teams tab. */
export function reviewLink(publicUrl: string, reviewId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/#/reviews/${encodeURIComponent(reviewId)}`;
}
