import { Field, Select } from '@fluentui/react-components';
import { pages } from '@microsoft/teams-js';
import { useEffect, useState } from 'react';
import { childLabel } from '../../../shared/privacy/childLabel';
import type { ReportClient } from '../api/reportClient';
import { useLoad } from '../components/useLoad';

/**
 * Teams' configuration page for the meeting tab, when someone adds it from Teams rather than
 * the add-in adding it: choose which review the meeting is for. The saved tab opens the
 * meeting panel for that review.
 */
export function ConfigurePanel(props: { client: ReportClient; inHost: boolean }) {
  const reviews = useLoad(() => props.client.reviews(), []);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    if (!props.inHost) return;
    pages.config.setValidityState(chosen !== '');
    pages.config.registerOnSaveHandler((save) => {
      const url = `${window.location.origin}/tab/?review=${encodeURIComponent(chosen)}&context=meeting`;
      pages.config
        .setConfig({ entityId: `review-${chosen}`, contentUrl: url, websiteUrl: url, suggestedDisplayName: 'Annual review' })
        .then(() => save.notifySuccess())
        .catch((e: Error) => save.notifyFailure(e.message));
    });
  }, [chosen, props.inHost]);
  return (
    <main className="app">
      <h1>Add the annual review to this meeting</h1>
      <Field label="Which review is this meeting for?" hint="Reviews with a meeting booked, by initials and council reference.">
        <Select value={chosen} onChange={(_, d) => setChosen(d.value)}>
          <option value="">Choose a review</option>
          {(reviews.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {childLabel(r.child, r.laReference)}
            </option>
          ))}
        </Select>
      </Field>
    </main>
  );
}
