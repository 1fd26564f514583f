import { escapeHtml } from '../../html/escapeHtml';

export interface SummaryFacts {
  laReference: string;
  childName: string;
  councilName: string;
  exportedAt: string;
  exportedBy: string;
  /** Table name -> how many rows of it are in the export. */
  counts: Record<string, number>;
  files: { path: string; bytes: number }[];
  notFetched: { fileName: string; reason: string }[];
}

/**
 * The export's readable page: what the council holds about the child, in plain words, for
 * the person who asked (Article 15 asks for the data and a description of it). The JSON
 * files hold the data itself; this page says what each is.
 */
export function summaryHtml(f: SummaryFacts): string {
  const rows = Object.entries(f.counts)
    .map(([table, n]) => `<tr><td><code>${escapeHtml(table)}.json</code></td><td>${n}</td></tr>`)
    .join('\n');
  const files = f.files.map((x) => `<li><code>${escapeHtml(x.path)}</code> (${x.bytes.toLocaleString('en-GB')} bytes)</li>`).join('\n');
  const missing = f.notFetched.map((x) => `<li>${escapeHtml(x.fileName)}: ${escapeHtml(x.reason)}</li>`).join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Records held about ${escapeHtml(f.laReference)}</title></head>
<body>
<h1>Records held about ${escapeHtml(f.childName)} (${escapeHtml(f.laReference)})</h1>
<p>${escapeHtml(f.councilName)}, EHCP Review Assistant. Exported ${escapeHtml(f.exportedAt)} by ${escapeHtml(f.exportedBy)}.</p>
<p>Each file named below holds the rows of one kind of record, exactly as stored; <code>manifest.json</code> lists every file with its SHA-256.
The service keeps no Teams message text or email bodies: chats and mail are found in each tenant with Microsoft Purview.</p>
<table><thead><tr><th>File</th><th>Records</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Documents</h2>
<ul>${files || '<li>None fetched.</li>'}</ul>
${missing ? `<h2>Documents held in SharePoint but not in this export</h2><ul>${missing}</ul>` : ''}
</body></html>
`;
}
