/**
 * Where every "open the review" goes (the Teams cards, the add-in, the tab's rows): the
 * review's page in the service's Teams tab.
 */
export function reviewLink(publicUrl: string, reviewId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tab/#/reviews/${encodeURIComponent(reviewId)}`;
}
