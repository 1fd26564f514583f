import { Button, Spinner, Text } from '@fluentui/react-components';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ApiClient } from './api/client';
import type { SignedIn } from './api/types';
import { londonToday } from './components/format';
import { ReviewPage } from './review/ReviewPage';
import { ComingView } from './views/ComingView';
import { ImportView } from './views/ImportView';
import { SchoolView } from './views/SchoolView';
import { Sen2View } from './views/Sen2View';
import { TodayView } from './views/TodayView';
import { WorkloadView } from './views/WorkloadView';

// The charts are most of the bundle: load them when the Timeliness view is first opened.
const TimelinessView = lazy(() => import('./views/TimelinessView.js').then((m) => ({ default: m.TimelinessView })));

export const views = ['today', 'coming', 'timeliness', 'sen2', 'workload', 'import'] as const;
export type View = (typeof views)[number];
const viewNames: Record<View, string> = { today: 'Today', coming: 'Coming', timeliness: 'Timeliness', sen2: 'SEN2', workload: 'Workload', import: 'Import' };


/** `#/reviews/{id}`: the review page (the cards' and the add-in's links); anything else: the views. */
const reviewInHash = () => /^#\/reviews\/([^/?#]+)$/.exec(window.location.hash)?.[1];

/** The council's view: five tabs over the service's dashboard endpoints, and a page for each review. */
export function App(props: { api: ApiClient; signedIn: SignedIn; initialView?: View }) {
  const [view, setView] = useState<View>(props.initialView ?? 'today');
  const [reviewId, setReviewId] = useState(reviewInHash);
  useEffect(() => {
    const follow = () => setReviewId(reviewInHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const today = londonToday(new Date());
  const show = (v: View) => {
    setView(v);
    if (reviewId) window.location.hash = '#/';
  };
  // A SENCO has no council dashboard: the school's one list of every council's children (#26).
  if (props.signedIn.role === 'senco') {
    return (
      <div className="app">
        <header className="app-header">
          <h1>EHCP annual reviews</h1>
          <Text>
            {props.signedIn.orgName}
            {props.signedIn.displayName ? ` · ${props.signedIn.displayName}` : ''}
          </Text>
        </header>
        <main id="view-panel">
          {reviewId ? <ReviewPage api={props.api} id={decodeURIComponent(reviewId)} role={props.signedIn.role} today={today} /> : <SchoolView api={props.api} />}
        </main>
      </div>
    );
  }
  return (
    <div className="app">
      <header className="app-header">
        <h1>EHCP annual reviews</h1>
        <Text>
          {props.signedIn.orgName}
          {props.signedIn.displayName ? ` · ${props.signedIn.displayName}` : ''}
        </Text>
      </header>
      {/* Links between views, not an ARIA tablist: Fluent's TabList adds focus-trap
          elements that axe reports as hidden-but-focusable (WCAG 4.1.2). */}
      <nav aria-label="Dashboard views" className="views">
        {views.map((v) => (
          <Button key={v} id={`view-${v}`} appearance="transparent" className="view-tab" aria-current={v === view && !reviewId ? 'page' : undefined} onClick={() => show(v)}>
            {viewNames[v]}
          </Button>
        ))}
      </nav>
      <main id="view-panel">
        {reviewId && <ReviewPage api={props.api} id={decodeURIComponent(reviewId)} role={props.signedIn.role} today={today} />}
        {!reviewId && view === 'today' && <TodayView api={props.api} signedIn={props.signedIn} />}
        {!reviewId && view === 'coming' && <ComingView api={props.api} today={today} />}
        {!reviewId && view === 'timeliness' && (
          <Suspense fallback={<Spinner label="Loading the charts…" />}>
            <TimelinessView api={props.api} />
          </Suspense>
        )}
        {!reviewId && view === 'sen2' && <Sen2View api={props.api} today={today} />}
        {!reviewId && view === 'workload' && <WorkloadView api={props.api} />}
        {!reviewId && view === 'import' && <ImportView api={props.api} />}
      </main>
    </div>
  );
}
