/** "30 Nov 2026" for an ISO calendar date (read as a calendar date: no time zone can shift it). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** Where a card's "Open the review" button goes: the review in the service's Teams tab. */
export function reviewLink(publicUrl: string, reviewId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/#/reviews/${encodeURIComponent(reviewId)}`;
}
