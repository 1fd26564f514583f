import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { DecisionInput, ReviewDetail } from '../api/review';
import { formatDate } from '../components/format';

/** What the viewer's role may do next on this review; nothing for a role that may not act. */
export function actionsFor(review: ReviewDetail, role: string, today: string): ('book' | 'nudge' | 'decide' | 'send-letter')[] {
  const open = review.status !== 'concluded' && !review.decision;
  const held = review.meeting !== null && review.meeting.date <= today;
  const sent = (review.letters ?? []).some((l) => l.kind === 'decision' && l.sentOn !== null);
  const actions: ('book' | 'nudge' | 'decide' | 'send-letter')[] = [];
  if (role === 'senco' && !review.meeting) actions.push('book');
  if ((role === 'la-officer' || role === 'la-manager') && open) actions.push('nudge');
  if (role === 'la-officer' && open && held) actions.push('decide');
  if (role === 'la-officer' && review.decision && !sent) actions.push('send-letter');
  return actions;
}

/** The viewer's actions: book (from Outlook), nudge, record the decision, send the letter. */
export function ReviewActions(props: { api: ApiClient; review: ReviewDetail; etag: string | undefined; role: string; today: string; onChanged: () => void }) {
  const actions = actionsFor(props.review, props.role, props.today);
  const [said, setSaid] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setSaid(null);
    try {
      setSaid({ intent: 'success', text: await what() });
      props.onChanged();
    } catch (e) {
      setSaid({ intent: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="actions-heading" className="actions">
      <h2 id="actions-heading">What you can do</h2>
      {actions.length === 0 && <p>Nothing for you to do on this review now.</p>}
      {actions.includes('book') && (
        <p>Book the meeting from Outlook: open a new meeting, then choose “EHCP Review” on the ribbon. It must be held by {formatDate(props.review.timeline.latestMeetingDate)}.</p>
      )}
      <div className="action-buttons">
        {actions.includes('nudge') && (
          <Button
            disabled={busy}
            onClick={() =>
              run(async () => {
                const n = await props.api.nudge(props.review.id);
                const who = n.recipientRole === 'senco' ? 'the SENCO' : 'the case officer';
                return n.queued ? `Reminder queued for ${who}.` : `A reminder for ${who} is already queued.`;
              })
            }
          >
            Nudge
          </Button>
        )}
        {actions.includes('send-letter') && (
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              run(async () => {
                const r = await props.api.sendLetter(props.review.id, props.etag);
                return r.status === 'saved-as-draft' ? `The letter is drafted in the council mailbox, not sent: check it and press Send there. ${r.message}` : r.message;
              })
            }
          >
            Send the letter
          </Button>
        )}
      </div>
      {actions.includes('decide') && (
        <DecisionForm
          api={props.api}
          reviewId={props.review.id}
          busy={busy}
          today={props.today}
          onDecide={(input) =>
            run(async () => {
              await props.api.decide(props.review.id, input, props.etag);
              return 'Decision recorded.';
            })
          }
        />
      )}
      {said && (
        <MessageBar intent={said.intent} role="status">
          <MessageBarBody>{said.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

const documentTitles: Record<string, string> = { decision: 'The decision letter', 'amendment-notice': 'The notice of the proposed changes' };

/**
 * The family's letter as it will be sent, redrawn as the officer writes (a moment after they
 * stop typing): their reasons word for word, the dates counted from today. Nothing is stored.
 */
function LetterPreview(props: { api: ApiClient; reviewId: string; input: Pick<DecisionInput, 'outcome' | 'reasons' | 'proposedAmendments'> }) {
  const [shown, setShown] = useState<{ documents: { kind: string; lines: string[] }[] } | { problem: string } | null>(null);
  const { outcome, reasons, proposedAmendments } = props.input;
  useEffect(() => {
    if (reasons.trim() === '') {
      setShown(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      props.api
        .previewLetter(props.reviewId, { outcome, reasons, ...(proposedAmendments ? { proposedAmendments } : {}) })
        .then((p) => current && setShown(p))
        .catch((e: Error) => current && setShown({ problem: e.message }));
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [props.api, props.reviewId, outcome, reasons, proposedAmendments]);
  return (
    <section aria-labelledby="letter-preview-heading" className="letter-preview" data-testid="letter-preview">
      <h4 id="letter-preview-heading">The letter as it will be sent</h4>
      {shown === null && <p>Write your reasons to see the family’s letter here.</p>}
      {shown && 'problem' in shown && <p role="alert">The letter cannot be written yet: {shown.problem}</p>}
      {shown &&
        'documents' in shown &&
        shown.documents.map((d) => (
          <article key={d.kind} aria-label={documentTitles[d.kind] ?? d.kind} className="letter-page">
            {d.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a letter's lines are in a fixed order and may repeat
              <p key={i}>{line}</p>
            ))}
          </article>
        ))}
    </section>
  );
}

function DecisionForm(props: { api: ApiClient; reviewId: string; busy: boolean; today: string; onDecide: (input: DecisionInput) => void }) {
  const [outcome, setOutcome] = useState<DecisionInput['outcome']>('maintain');
  const [reasons, setReasons] = useState('');
  const [changes, setChanges] = useState('');
  return (
    <form
      className="decision-form"
      aria-label="Record the decision"
      onSubmit={(e) => {
        e.preventDefault();
        props.onDecide({ outcome, notifiedOn: props.today, reasons, ...(outcome === 'amend' && changes ? { proposedAmendments: changes } : {}) });
      }}
    >
      <h3>Record the decision</h3>
      <RadioGroup aria-label="Decision" value={outcome} onChange={(_, d) => setOutcome(d.value as DecisionInput['outcome'])}>
        <Radio value="maintain" label="Keep the plan as it is (maintain)" />
        <Radio value="amend" label="Amend the plan" />
        <Radio value="cease" label="Cease the plan" />
      </RadioGroup>
      <Field label="Reasons" hint="These words go into the family's letter as you write them." required>
        <Textarea value={reasons} onChange={(_, d) => setReasons(d.value)} resize="vertical" />
      </Field>
      {outcome === 'amend' && (
        <Field label="The changes you propose" hint="Listed in the amendment notice that goes with the decision.">
          <Textarea value={changes} onChange={(_, d) => setChanges(d.value)} resize="vertical" />
        </Field>
      )}
      <LetterPreview api={props.api} reviewId={props.reviewId} input={{ outcome, reasons, ...(outcome === 'amend' && changes ? { proposedAmendments: changes } : {}) }} />
      <Button type="submit" appearance="primary" disabled={props.busy || reasons.trim() === ''}>
        Record the decision (the family is told today)
      </Button>
    </form>
  );
}
