import { Button, Spinner, Text } from '@fluentui/react-components';
import { lazy, Suspense, useState } from 'react';
import type { ApiClient } from './api/client';
import type { SignedIn } from './api/types';
import { ComingView } from './views/ComingView';
import { SchoolView } from './views/SchoolView';
import { Sen2View } from './views/Sen2View';
import { TodayView } from './views/TodayView';
import { WorkloadView } from './views/WorkloadView';

// The charts are most of the bundle: load them when the Timeliness view is first opened.
const TimelinessView = lazy(() => import('./views/TimelinessView.js').then((m) => ({ default: m.TimelinessView })));

export const views = ['today', 'coming', 'timeliness', 'sen2', 'workload'] as const;
export type View = (typeof views)[number];
const viewNames: Record<View, string> = { today: 'Today', coming: 'Coming', timeliness: 'Timeliness', sen2: 'SEN2', workload: 'Workload' };

/** London's calendar date today (en-CA formats as YYYY-MM-DD). */
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/** The council's view: five tabs over the service's dashboard endpoints. */
export function App(props: { api: ApiClient; signedIn: SignedIn; initialView?: View }) {
  const [view, setView] = useState<View>(props.initialView ?? 'today');
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
          <SchoolView api={props.api} />
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
          <Button key={v} id={`view-${v}`} appearance={v === view ? 'primary' : 'subtle'} aria-current={v === view ? 'page' : undefined} onClick={() => setView(v)}>
            {viewNames[v]}
          </Button>
        ))}
      </nav>
      <main id="view-panel">
        {view === 'today' && <TodayView api={props.api} />}
        {view === 'coming' && <ComingView api={props.api} />}
        {view === 'timeliness' && (
          <Suspense fallback={<Spinner label="Loading the charts…" />}>
            <TimelinessView api={props.api} />
          </Suspense>
        )}
        {view === 'sen2' && <Sen2View api={props.api} today={londonToday()} />}
        {view === 'workload' && <WorkloadView api={props.api} />}
      </main>
    </div>
  );
}
