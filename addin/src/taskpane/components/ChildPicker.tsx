import { Button, Field, Input, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ServiceApi } from '../../api/serviceApi';
import type { ReviewSummary } from '../../api/types';

const useStyles = makeStyles({
  list: { listStyleType: 'none', padding: 0, margin: `${tokens.spacingVerticalS} 0`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { width: '100%', justifyContent: 'flex-start', textAlign: 'left' },
});

/** Search the caseload by name or council reference and pick the child. */
export function ChildPicker(props: { api: ServiceApi; onPick: (review: ReviewSummary) => void }) {
  const styles = useStyles();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ReviewSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const term = q.trim();
    if (!term) {
      setFound(null);
      return;
    }
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      props.api.searchReviews(term).then(
        (items) => {
          if (!live) return;
          setFound(items);
          setError(null);
          setBusy(false);
        },
        (e: Error) => {
          if (!live) return;
          setError(e.message);
          setBusy(false);
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, props.api]);
  return (
    <section aria-labelledby="picker-heading">
      <h2 id="picker-heading">Which child is this review for?</h2>
      <Field label="Name or council reference" validationMessage={error ?? undefined}>
        <Input value={q} onChange={(_e, d) => setQ(d.value)} type="search" autoFocus />
      </Field>
      <div role="status" aria-live="polite">
        {busy ? <Spinner size="tiny" label="Searching" /> : found ? <Text>{found.length === 0 ? 'No child matches; check the spelling or the reference.' : `${found.length} found`}</Text> : null}
      </div>
      {found && found.length > 0 && (
        <ul className={styles.list} aria-label="Matching children">
          {found.map((r) => (
            <li key={r.id}>
              <Button className={styles.item} appearance="subtle" onClick={() => props.onPick(r)}>
                {r.childName} ({r.laReference}
                {r.councilName ? `, ${r.councilName}` : ''}), review by {r.reviewDeadline}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
