import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { type ReportContent, type ReportSectionId, type ReportVariant, reportSections } from '../../../shared/reports';
import { type Delivery, type MeetingReport, type ReportClient, ReportApiError } from '../api/reportClient';

type Draft = Omit<ReportContent, 'advice'>;
const AUTOSAVE_MS = 1500;
const variantNames: Record<ReportVariant, string> = { general: 'General annual review report', year9: 'Year 9 onwards (preparing for adulthood)' };

/**
 * The report draft, filled as the meeting goes: every section of the council's template,
 * who attended (from Teams, or ticked), the recommendation with its proposed amendments,
 * differences of view and agreed actions. Saved automatically a moment after each change
 * (against the version last saved, so two windows never overwrite each other), and
 * submitted with one button; what is still empty is listed by name.
 */
export function ReportForm(props: { client: ReportClient; reviewId: string; report: MeetingReport; etag: string | undefined; onSubmitted: (d: Delivery) => void }) {
  const { advice: _advice, ...initial } = props.report.content;
  const [draft, setDraft] = useState<Draft>(initial);
  const [saved, setSaved] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [note, setNote] = useState(initial.attendanceNote ?? '');
  const [busy, setBusy] = useState(false);
  const etag = useRef(props.etag);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const save = async (d: Draft) => {
    try {
      etag.current = await props.client.saveDraft(props.reviewId, d, etag.current);
      dirty.current = false;
      setSaved('Draft saved.');
    } catch (error) {
      setSaved(`Not saved: ${(error as Error).message}`);
    }
  };
  useEffect(() => {
    if (!dirty.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(draft), AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  });
  const change = (d: Draft) => {
    dirty.current = true;
    setSaved('Saving…');
    setDraft(d);
  };
  const setSection = (id: ReportSectionId, text: string) => change({ ...draft, sections: { ...draft.sections, [id]: text } });

  const fillAttendance = async () => {
    setBusy(true);
    try {
      clearTimeout(timer.current);
      if (dirty.current) await save(draft);
      const r = await props.client.fillAttendance(props.reviewId, etag.current);
      etag.current = r.etag;
      const fresh = await props.client.report(props.reviewId);
      if (fresh) {
        etag.current = fresh.etag;
        setDraft({ ...draft, attendees: fresh.report.content.attendees });
      }
      setNote(r.filled ? 'Filled from the Teams meeting’s attendance report.' : (r.reason ?? ''));
    } catch (error) {
      setNote((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    setBusy(true);
    setProblems([]);
    try {
      clearTimeout(timer.current);
      await save(draft);
      props.onSubmitted(await props.client.submit(props.reviewId, etag.current));
    } catch (error) {
      setProblems(error instanceof ReportApiError && error.problems.length > 0 ? error.problems.map((p) => p.message) : [(error as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="report-form" aria-label="Meeting report" onSubmit={(e) => e.preventDefault()}>
      <Field label="Report template">
        <Select value={draft.variant} onChange={(_, d) => change({ ...draft, variant: d.value as ReportVariant })}>
          {(Object.keys(variantNames) as ReportVariant[]).map((v) => (
            <option key={v} value={v}>
              {variantNames[v]}
            </option>
          ))}
        </Select>
      </Field>

      <h3>Who attended</h3>
      <Button onClick={() => void fillAttendance()} disabled={busy}>
        Fill from the Teams meeting
      </Button>
      {note && <p className="note">{note}</p>}
      <ul className="plain-list">
        {draft.attendees.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two invitees may share a name and have no address.
          <li key={`${a.email ?? a.name}-${i}`}>
            <Checkbox
              label={`${a.name} (${a.role}${a.organisation ? `, ${a.organisation}` : ''})`}
              checked={a.attended}
              onChange={(_, d) => change({ ...draft, attendees: draft.attendees.map((x, j) => (j === i ? { ...x, attended: d.checked === true } : x)) })}
            />
          </li>
        ))}
      </ul>

      {reportSections.map((s) => {
        const required = s.requiredIn.includes(draft.variant);
        return (
          <Field key={s.id} label={s.heading} hint={`${s.prompt} (${s.source})`} required={required}>
            <Textarea resize="vertical" value={draft.sections[s.id] ?? ''} onChange={(_, d) => setSection(s.id, d.value)} />
          </Field>
        );
      })}

      <h3>Recommendation</h3>
      <RadioGroup aria-label="Recommendation to the council" value={draft.recommendation ?? ''} onChange={(_, d) => change({ ...draft, recommendation: d.value as Draft['recommendation'] })}>
        <Radio value="maintain" label="Maintain the plan unchanged" />
        <Radio value="amend" label="Amend the plan" />
        <Radio value="cease" label="Cease to maintain the plan" />
      </RadioGroup>
      <Rows
        title="Proposed amendments"
        rows={draft.proposedAmendments}
        empty={{ planSection: '', amendment: '' }}
        fields={[
          ['planSection', 'Plan section (for example Section F)'],
          ['amendment', 'Proposed amendment'],
        ]}
        onChange={(rows) => change({ ...draft, proposedAmendments: rows })}
      />
      <Rows
        title="Differences of view"
        rows={draft.differencesOfView.map((d) => ({ ...d, section: d.section as string }))}
        empty={{ person: '', section: 'recommendation', view: '' }}
        fields={[
          ['person', 'Whose view'],
          ['section', 'About', [{ value: 'recommendation', label: 'The recommendation' }, ...reportSections.map((x) => ({ value: x.id, label: x.heading }))]],
          ['view', 'Their view'],
        ]}
        onChange={(rows) => change({ ...draft, differencesOfView: rows as Draft['differencesOfView'] })}
      />
      <Rows
        title="Agreed actions"
        rows={draft.agreedActions.map((a) => ({ action: a.action, owner: a.owner, dueOn: a.dueOn ?? '' }))}
        empty={{ action: '', owner: '', dueOn: '' }}
        fields={[
          ['action', 'Action'],
          ['owner', 'Who'],
          ['dueOn', 'By (YYYY-MM-DD)'],
        ]}
        onChange={(rows) => change({ ...draft, agreedActions: rows.map((r) => ({ action: r.action, owner: r.owner, ...(r.dueOn ? { dueOn: r.dueOn } : {}) })) })}
      />

      <p className="note" aria-live="polite">
        {saved}
      </p>
      {problems.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            The report was not submitted:
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" onClick={() => void submit()} disabled={busy}>
        Submit the report to everyone invited
      </Button>
    </form>
  );
}

/** Editable rows of short text fields, with add and remove. */
function Rows<T extends Record<string, string>>(props: { title: string; rows: T[]; empty: T; fields: [keyof T & string, string, { value: string; label: string }[]?][]; onChange: (rows: T[]) => void }) {
  return (
    <fieldset className="rows">
      <legend>{props.title}</legend>
      {props.rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own until saved.
        <div key={i} className="row">
          {props.fields.map(([key, label, options]) => {
            const set = (value: string) => props.onChange(props.rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
            return (
              <Field key={key} label={`${label} ${i + 1}`}>
                {options ? (
                  <Select value={row[key] ?? ''} onChange={(_, d) => set(d.value)}>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input value={row[key] ?? ''} onChange={(_, d) => set(d.value)} />
                )}
              </Field>
            );
          })}
          <Button onClick={() => props.onChange(props.rows.filter((_, j) => j !== i))}>Remove {props.title.toLowerCase()} {i + 1}</Button>
        </div>
      ))}
      <Button onClick={() => props.onChange([...props.rows, { ...props.empty }])}>Add to {props.title.toLowerCase()}</Button>
    </fieldset>
  );
}
