import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import type { AdviceStorage } from '../../advice/storage';
import type { Logger } from '../../log/logger';
import { recordCouncilAccess } from '../../store/access/accessRecords';
import type { Face } from '../../store/access/accessRecords';
import { appendAudit } from '../../store/audit';
import type { Db } from '../../store/db';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../store/errors';
import type { Principal } from '../../store/principal';
import { childRecords } from '../../store/subjectAccess/childRecords';
import { summaryHtml } from './summaryHtml';

export const SUBJECT_ACCESS_FORMAT = 'ehcp-review/subject-access';
export const SUBJECT_ACCESS_VERSION = 1;

/** Largest single SharePoint file fetched into an export. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface SubjectAccessDeps {
  db: Db;
  logger: Logger;
  /** The council's SharePoint through Graph; absent: the files are listed with their ids, not fetched. */
  storage?: AdviceStorage | undefined;
  now: () => Date;
}

/** Who asks: the council's LA manager through a face, or an operator at the command line for a council. */
export type Requester = { principal: Principal; face: Face } | { operator: string; councilId: string };

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const json = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);

/**
 * Everything held about one child (#29 item 2: Article 15 subject access), as a zip: one
 * JSON file per kind of record, exactly as stored; the letters and advice files fetched
 * from the council's SharePoint (or listed, with why, where they cannot be); a readable
 * summary; and a manifest with each file's SHA-256. Only the council's own child, asked by
 * its LA manager (or its operator); the export is audited and an access record kept.
 */
export async function exportChild(deps: SubjectAccessDeps, who: Requester, laReference: string): Promise<{ zip: Uint8Array; fileName: string; manifest: Manifest }> {
  if (!/^[\x21-\x7e]{1,64}$/.test(laReference)) throw new InvalidInputError([{ field: 'child', message: 'must be the council reference, for example DEMO-0008' }]);
  const asker = askerOf(who);
  const councilId = asker.councilId;
  const records = await childRecords(deps.db, councilId, laReference);
  if (!records) throw new NotFoundError(`The child with council reference ${laReference}`);
  const exportedAt = deps.now().toISOString();
  const exportedBy = asker.exportedBy;

  const entries: Record<string, Uint8Array> = {};
  for (const [table, rows] of Object.entries(records.tables)) entries[`${table}.json`] = json(rows);
  const notFetched: { kind: string; fileName: string; driveId: string; itemId: string; reason: string }[] = [];
  for (const file of records.files) {
    const path = `files/${file.kind}-${file.id}-${file.fileName.replace(/[^A-Za-z0-9 ._-]/g, '_')}`;
    if (!deps.storage?.read) {
      notFetched.push({ ...file, reason: 'this service has no Graph settings; the file is in the council’s SharePoint at the drive and item ids given' });
      continue;
    }
    try {
      const bytes = await deps.storage.read(records.councilTenantId, { driveId: file.driveId, itemId: file.itemId }, MAX_FILE_BYTES);
      if (file.sha256 && sha256(bytes) !== file.sha256) deps.logger.warn('subject access: a kept file differs from the copy recorded when it was sent', { laReference, kind: file.kind, id: file.id });
      entries[path] = bytes;
    } catch (error) {
      notFetched.push({ ...file, reason: `could not be fetched from SharePoint (${(error as Error).message}); fetch it by its drive and item ids` });
    }
  }
  const [child] = records.tables.children as { name: string }[];
  entries['summary.html'] = new TextEncoder().encode(
    summaryHtml({
      laReference,
      childName: child?.name ?? laReference,
      councilName: records.councilName,
      exportedAt,
      exportedBy,
      counts: Object.fromEntries(Object.entries(records.tables).map(([t, rows]) => [t, rows.length])),
      files: Object.entries(entries)
        .filter(([p]) => p.startsWith('files/'))
        .map(([p, b]) => ({ path: p, bytes: b.byteLength })),
      notFetched,
    }),
  );
  const manifest: Manifest = {
    format: SUBJECT_ACCESS_FORMAT,
    version: SUBJECT_ACCESS_VERSION,
    councilId,
    laReference,
    exportedAt,
    exportedBy,
    files: Object.entries(entries).map(([path, bytes]) => ({ path, bytes: bytes.byteLength, sha256: sha256(bytes) })),
    notFetched,
  };
  entries['manifest.json'] = json(manifest);

  await deps.db.transaction(async (tx) => {
    await appendAudit(tx, asker.actor, 'child.subject-access-exported', 'child', records.childId, null, { format: SUBJECT_ACCESS_FORMAT, version: SUBJECT_ACCESS_VERSION, files: manifest.files.length, notFetched: notFetched.length });
    await recordCouncilAccess(tx, asker.reader, asker.face, 'case.exported', councilId, laReference, { subjectAccess: true });
  });
  // A fixed timestamp per entry keeps the zip's own bytes reproducible from the same files.
  const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([p, b]) => [p, [b, { mtime: new Date(exportedAt) }]])), { level: 6 });
  return { zip, fileName: `subject-access-${laReference.replace(/[^A-Za-z0-9_.-]/g, '_')}-${exportedAt.slice(0, 10)}.zip`, manifest };
}

export interface Manifest {
  format: string;
  version: number;
  councilId: string;
  laReference: string;
  exportedAt: string;
  exportedBy: string;
  files: { path: string; bytes: number; sha256: string }[];
  notFetched: { kind: string; fileName: string; driveId: string; itemId: string; reason: string }[];
}

/** The requester as the export records them: the council asked about, the audit's actor, the access record's reader and face. */
function askerOf(who: Requester) {
  if ('principal' in who) {
    return { councilId: councilOf(who.principal), exportedBy: `${who.principal.userId} (${who.principal.role})`, actor: who.principal, reader: who.principal, face: who.face };
  }
  return {
    councilId: who.councilId,
    exportedBy: who.operator,
    actor: { orgId: null, userId: who.operator, role: 'administrator' },
    reader: { orgId: null, userId: who.operator, role: null, email: null },
    face: 'cli' as const,
  };
}

function councilOf(principal: Principal): string {
  if (principal.orgKind !== 'council' || principal.role !== 'la-manager') throw new ForbiddenError('A subject access export is made by the council’s LA manager; ask them, or your Data Protection Officer.');
  return principal.orgId;
}
