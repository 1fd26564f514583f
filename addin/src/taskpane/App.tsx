import { MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { ReviewDetail } from '../api/types';
import { REVIEW_ID_PROPERTY } from '../handlers/bookingCheck';
import { BookedView } from './components/BookedView';
import { BookingView } from './components/BookingView';
import { ChildPicker } from './components/ChildPicker';
import { MAILBOX_NEEDED, type PaneServices } from './services';

const useStyles = makeStyles({
  main: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '40rem' },
});

type View = { kind: 'loading' } | { kind: 'pick' } | { kind: 'book'; review: ReviewDetail } | { kind: 'booked'; review: ReviewDetail; eventId: string; teamsError?: string } | { kind: 'error'; message: string };

/** The task pane: pick the child, book the review, then circulate the advice. */
export function App(props: { services: PaneServices }) {
  const styles = useStyles();
  const { appointment, api } = props.services;
  const [view, setView] = useState<View>({ kind: 'loading' });
  const open = useCallback(
    async (reviewId: string, teamsError?: string) => {
      const review = await api.review(reviewId);
      const eventId = review.meeting?.outlookEventId ? await appointment.savedId() : undefined;
      if (eventId && review.meeting?.outlookEventId === eventId) setView({ kind: 'booked', review, eventId, ...(teamsError ? { teamsError } : {}) });
      else setView({ kind: 'book', review });
    },
    [api, appointment],
  );
  useEffect(() => {
    if (!props.services.host.isSetSupported('Mailbox', MAILBOX_NEEDED)) {
      setView({ kind: 'error', message: `This version of Outlook cannot run the EHCP Review add-in (it needs Mailbox ${MAILBOX_NEEDED}). Use Outlook on the web, the new Outlook, or update Outlook.` });
      return;
    }
    (async () => {
      const props = await appointment.readCustomProperties();
      const id = props[REVIEW_ID_PROPERTY];
      if (typeof id === 'string') await open(id);
      else setView({ kind: 'pick' });
    })().catch((e: Error) => setView({ kind: 'error', message: e.message }));
  }, [appointment, open, props.services.host]);
  const fail = (e: Error) => setView({ kind: 'error', message: e.message });
  return (
    <main className={styles.main} data-view={view.kind}>
      {view.kind === 'loading' && <Spinner label="Opening the review…" />}
      {view.kind === 'error' && (
        <MessageBar intent="error">
          <MessageBarBody>{view.message}</MessageBarBody>
        </MessageBar>
      )}
      {view.kind === 'pick' && (
        <>
          <h1>Book an EHCP annual review</h1>
          <ChildPicker api={api} onPick={(r) => api.review(r.id).then((review) => setView({ kind: 'book', review }), fail)} />
        </>
      )}
      {view.kind === 'book' && (
        <BookingView services={props.services} review={view.review} onBack={() => setView({ kind: 'pick' })} onBooked={(_eventId, teamsError) => open(view.review.id, teamsError).catch(fail)} />
      )}
      {view.kind === 'booked' && (
        <BookedView key={`${view.review.version}-${view.review.meeting?.teamsJoinUrl ?? ''}`} services={props.services} review={view.review} eventId={view.eventId} teamsError={view.teamsError} onChanged={() => open(view.review.id).catch(fail)} />
      )}
    </main>
  );
}
