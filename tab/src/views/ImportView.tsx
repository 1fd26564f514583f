import { Button, Field, Input, MessageBar, MessageBarBody, ProgressBar } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { ImportProgress, ImportResult } from '../api/import';
import { DataTable } from '../components/DataTable';
import { Figure } from '../components/Status';

const columnHelp: Record<string, string> = {
  laReference: "The council's reference for the child (required)",
  childName: "The child's name (required)",
  school: "The school's id in this service (required)",
  planIssued: 'The day the plan was issued, YYYY-MM-DD (required)',
  lastReviewConcluded: 'The day the last review was concluded',
  dateOfBirth: 'Date of birth',
  ncYear: 'National curriculum year',
  transferKind: 'Phase transfer: school, post16 or post16-move',
  transferDate: 'The day of the transfer',
  meetingDate: 'A review meeting already booked',
};

function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** The council's caseload CSV into the service: the saved column names, a file dropped or picked, progress, and the lines to fix. */
export function ImportView(props: { api: ApiClient }) {
  const [map, setMap] = useState<{ columns: Record<string, string>; ours: string[]; etag?: string | undefined } | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  useEffect(() => {
    props.api.columnMap().then(
      (m) => {
        setMap({ columns: m.columns, ours: m.ourColumns, etag: m.etag });
        setDraft(m.columns);
      },
      (e: Error) => setProblem(e.message),
    );
  }, [props.api]);
  const run = async (chosen: File) => {
    setRunning(true);
    setProblem(null);
    setResult(null);
    setProgress({ read: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 });
    try {
      setResult(await props.api.importCaseload(chosen, setProgress));
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  const save = async () => {
    try {
      const m = await props.api.saveColumnMap(draft, map?.etag);
      setMap({ columns: m.columns, ours: m.ourColumns, etag: m.etag });
      setSaved('Saved: every import from now on reads these column names.');
    } catch (e) {
      setSaved((e as Error).message);
    }
  };
  const pick = (files: FileList | null) => {
    const chosen = files?.[0];
    if (chosen) setFile(chosen);
  };
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import the caseload</h2>
      <p className="note">One row per child with a plan. Rows already here are updated only where they differ; the same file twice changes nothing.</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut for the mouse; the file picker inside is the keyboard's way. */}
      <div
        className="import-drop"
        data-over={over}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          pick(e.dataTransfer.files);
        }}
      >
        <p>Drop the CSV file here, or</p>
        <label className="file-label">
          Choose the CSV file
          <input type="file" accept=".csv,text/csv" onChange={(e) => pick(e.currentTarget.files)} />
        </label>
        {file && <p>{`${file.name} (${Math.ceil(file.size / 1024).toLocaleString('en-GB')} KB)`}</p>}
      </div>
      <Button appearance="primary" disabled={!file || running} onClick={() => file && run(file)}>
        Import the file
      </Button>
      {progress && (
        <div className="import-progress" data-testid="import-progress">
          <ProgressBar aria-label="Import progress" {...(running ? {} : { value: 1 })} />
          <p role="status" aria-live="polite">
            {`${progress.read.toLocaleString('en-GB')} rows read: ${progress.created} created, ${progress.updated} updated, ${progress.unchanged} unchanged, ${progress.rejected} rejected`}
          </p>
        </div>
      )}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {result && <ImportOutcome result={result} fileName={file?.name ?? 'caseload.csv'} />}
      <details className="column-map">
        <summary>Your column names</summary>
        <p className="note">If your case management system names the columns differently, write its names here once; empty keeps ours.</p>
        {map?.ours.map((c) => (
          <Field key={c} label={c} hint={columnHelp[c]}>
            <Input value={draft[c] ?? ''} placeholder={c} onChange={(_, d) => setDraft((m) => ({ ...m, [c]: d.value }))} />
          </Field>
        ))}
        <Button onClick={save}>Save the column names</Button>
        {saved && <p role="status">{saved}</p>}
      </details>
    </section>
  );
}

function ImportOutcome(props: { result: ImportResult; fileName: string }) {
  const r = props.result;
  const [page, setPage] = useState(1);
  const shown = r.errors.slice((page - 1) * 20, page * 20);
  return (
    <div data-testid="import-result">
      <h3>Imported</h3>
      {r.sameAsLastImport && <p role="status">This file is the same as the one imported on {r.sameAsLastImport.importedAt.slice(0, 10)}, and nothing has changed since: there was nothing to do.</p>}
      <ul className="figures" aria-label="Import result">
        <li>
          <Figure label="created" value={r.created} testId="import-created" />
        </li>
        <li>
          <Figure label="updated" value={r.updated} testId="import-updated" />
        </li>
        <li>
          <Figure label="unchanged" value={r.unchanged} testId="import-unchanged" />
        </li>
        <li>
          <Figure label="rejected" value={r.rejected} testId="import-rejected" />
        </li>
      </ul>
      {r.rejected > 0 && (
        <>
          <p>Fix these lines and import them again; the rest is stored.</p>
          <Button onClick={() => download(r.rejectedCsv, props.fileName.replace(/(\.csv)?$/i, '-rejected.csv'))}>Download the rejected lines (CSV)</Button>
          <DataTable
            label="Rejected lines"
            rows={shown}
            rowKey={(e) => `${e.line}-${e.field}-${e.message}`}
            paging={{ page, pageSize: 20, total: r.errors.length, onPage: setPage }}
            columns={[
              { header: 'Line', cell: (e) => e.line },
              { header: 'Column', cell: (e) => e.field },
              { header: 'Problem', cell: (e) => e.message },
            ]}
          />
        </>
      )}
    </div>
  );
}
