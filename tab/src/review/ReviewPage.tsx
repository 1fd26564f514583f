import { Link } from '@fluentui/react-components';
import { childLabel } from '../../../shared/privacy/childLabel';
import type { ApiClient } from '../api/client';
import { formatDate } from '../components/format';
import { Status } from '../components/Status';
import { useLoad } from '../components/useLoad';
import { ReviewActions } from './ReviewActions';
import { AdviceSection, AuditSection, MeetingSection, OutcomeSections, PeopleSection, StepsSection } from './sections';

/** One review in one place (`#/reviews/{id}`): its steps, people, advice, meeting, report, decision, letters, trail, and what the viewer can do. */
export function ReviewPage(props: { api: ApiClient; id: string; role: string; today: string }) {
  const loaded = useLoad(() => props.api.review(props.id), [props.id]);
  return (
    <Status loaded={loaded} label="the review">
      {({ review, etag }) => (
        <article aria-labelledby="review-heading" className="review-page" data-review={review.id}>
          <p>
            <Link href="#/">Back to the dashboard</Link>
          </p>
          <h2 id="review-heading">Annual review: {childLabel(review.child.name, review.child.laReference)}</h2>
          <p className="note">
            Must be concluded by {formatDate(review.timeline.reviewDeadline)}; meeting by {formatDate(review.timeline.latestMeetingDate)}.
          </p>
          <ReviewActions api={props.api} review={review} etag={etag} role={props.role} today={props.today} onChanged={loaded.reload} />
          <StepsSection review={review} />
          <div className="review-columns">
            <PeopleSection review={review} />
            <AdviceSection review={review} />
            <MeetingSection review={review} />
          </div>
          <OutcomeSections review={review} />
          <AuditSection review={review} />
        </article>
      )}
    </Status>
  );
}
