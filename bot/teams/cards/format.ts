/** Where a card's "Open the review" button goes: the review in the service's Teams tab. */
export { reviewLink } from '../../../shared/dashboard/reviewLink';
