/** Where a card's "Open the review" button goes: the review in the service's Teams tab. */
export function reviewLink(publicUrl: string, reviewId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/#/reviews/${encodeURIComponent(reviewId)}`;
}
