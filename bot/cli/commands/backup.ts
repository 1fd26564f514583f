import { request } from 'node:http';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cliSettings } from '../../config/env';
import { adminSocketPath, MAX_SOCKET_PATH_BYTES, socketAnswers } from '../../server/adminSocket';
import { BackupError, backupPglite, restorePglite, sha256 } from '../../store/backup/pgliteBackup';
import { AuditKeyError, auditKeyPath, vaultFromKey } from '../../store/auditSeal/vault';
import { openStore } from '../../store/openStore';
import { parseOptions } from '../args';
import { type Command, UsageError, write } from '../io';

const backupUsage = `Usage: ehcp-review backup --out FILE [--data-dir DIR]

Writes a consistent copy of the embedded store (PGlite in DIR, default $DATA_DIR, else ./data)
to FILE as a gzipped tar. While the service runs it asks the service for it (through the
socket admin.sock in the data folder, so writes carry on); otherwise it opens the folder
itself. Prints the size, SHA-256 and schema version. For a PostgreSQL server ($DATABASE_URL)
use pg_dump (docs/deploy.md, "Backup and restore").`;

const restoreUsage = `Usage: ehcp-review restore --from FILE --data-dir NEWDIR [--audit-key OLD_DATA_DIR/audit-key]

Restores a backup made by \`ehcp-review backup\` into NEWDIR, which must be new or empty
(a restore never overwrites a store), checks its schema against this build and prints what it
holds. Then point DATA_DIR at NEWDIR and start the service. The audit entries about children
are sealed under the service key of the store the backup came from: give its file with
--audit-key (it is copied to NEWDIR/audit-key), or set AUDIT_KEY as the service had it.`;

const describe = (s: { bytes: number; sha256: string; schemaVersion: number }) =>
  `${s.bytes.toLocaleString('en-GB')} bytes, SHA-256 ${s.sha256}, schema version ${s.schemaVersion}`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the embedded store to a file, while the service runs or not',
  usage: backupUsage,
  async run(args, io) {
    const values = parseOptions(args, { out: { type: 'string' }, 'data-dir': { type: 'string' } }, backupUsage);
    if (!values.out) throw new UsageError(['--out FILE is required: where to write the backup', backupUsage]);
    const settings = cliSettings(io.env);
    if (settings.databaseUrl) throw new UsageError(['DATABASE_URL is set: back up a PostgreSQL server with pg_dump -Fc (docs/deploy.md, "Backup and restore").']);
    const dataDir = path.resolve(io.cwd, values['data-dir'] || settings.dataDir || './data');
    const out = path.resolve(io.cwd, values.out);
    const socket = adminSocketPath(dataDir);
    let archive: Uint8Array;
    let schemaVersion: number;
    let from: string;
    if (Buffer.byteLength(socket) <= MAX_SOCKET_PATH_BYTES && (await socketAnswers(socket))) {
      ({ archive, schemaVersion } = await fromRunningService(socket));
      from = 'the running service';
    } else {
      const db = await openStore({ dataDir, auditKey: settings.auditKey });
      try {
        ({ archive, schemaVersion } = await backupPglite(db));
      } finally {
        await db.close();
      }
      from = 'the data folder (no service running)';
    }
    // Written beside the target, then renamed: a backup file is whole or absent.
    await writeFile(`${out}.partial`, archive);
    await rename(`${out}.partial`, out);
    await write(io.stdout, `Backed up ${dataDir} from ${from} to ${out}: ${describe({ bytes: archive.byteLength, sha256: sha256(archive), schemaVersion })}\n`);
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore a backup of the embedded store into a new data folder',
  usage: restoreUsage,
  async run(args, io) {
    const values = parseOptions(args, { from: { type: 'string' }, 'data-dir': { type: 'string' }, 'audit-key': { type: 'string' } }, restoreUsage);
    if (!values.from || !values['data-dir']) throw new UsageError(['--from FILE and --data-dir NEWDIR are both required', restoreUsage]);
    const file = path.resolve(io.cwd, values.from);
    const dataDir = path.resolve(io.cwd, values['data-dir']);
    const archive = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError([`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`]);
    });
    const keyFile = values['audit-key'] ? path.resolve(io.cwd, values['audit-key']) : undefined;
    const key = keyFile
      ? (
          await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new UsageError([`cannot read the audit key ${keyFile}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`]);
          })
        ).trim()
      : cliSettings(io.env).auditKey;
    try {
      const vault = key ? vaultFromKey(Buffer.from(key, 'base64')) : undefined;
      const restored = await restorePglite(new Uint8Array(archive), dataDir, vault);
      // The key goes with the store it opens (as the service would have made it there), unless AUDIT_KEY supplies it.
      if (keyFile) await writeFile(auditKeyPath(dataDir), `${key}\n`, { flag: 'wx', mode: 0o600 });
      await write(io.stdout, `Restored ${file} into ${dataDir}: ${describe(restored)}; ${restored.cases} plans, ${restored.reviews} reviews\n`);
    } catch (error) {
      if (error instanceof BackupError || error instanceof AuditKeyError) throw new UsageError([error.message]);
      throw error;
    }
    return 0;
  },
};

/** Asks the service on `socket` for a backup (GET /backup) and checks it arrived whole. */
function fromRunningService(socket: string): Promise<{ archive: Uint8Array; schemaVersion: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: socket, path: '/backup', method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`the service refused the backup (${res.statusCode}): ${body.toString('utf8').trim()}`));
        const archive = new Uint8Array(body);
        if (sha256(archive) !== res.headers['x-sha256']) return reject(new Error('the backup arrived damaged (its SHA-256 differs from the service’s); try again'));
        resolve({ archive, schemaVersion: Number(res.headers['x-schema-version']) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
