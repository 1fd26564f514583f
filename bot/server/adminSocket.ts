import { chmod, unlink } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Logger } from '../log/logger';
import { backupPglite, sha256 } from '../store/backup/pgliteBackup';
import type { Db } from '../store/db';

/**
 * The running service's operator socket: a Unix socket in the data folder (mode 0600), so
 * only who can read the embedded database's files can ask for a copy of it, and nothing is
 * exposed on the network. `ehcp-review backup` asks it for a consistent backup while the
 * service runs (PGlite allows one opener, so the command cannot open the folder itself).
 * It also stops a second service from opening the same data folder.
 */
export const adminSocketPath = (dataDir: string) => path.join(dataDir, 'admin.sock');

/** True when something answers on the socket: a service is running on that data folder. */
export function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection(socketPath);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/** Throws when a service already runs on `dataDir` (its socket answers). */
export async function refuseIfInUse(dataDir: string): Promise<void> {
  const socketPath = adminSocketPath(dataDir);
  if (Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES && (await socketAnswers(socketPath))) {
    throw new Error(`Another service is running on the data folder ${dataDir} (it answers on ${socketPath}); stop it, or set DATA_DIR to another folder.`);
  }
}

/**
 * A Unix socket path holds at most 107 bytes on Linux (108 with its NUL), and Node silently
 * cuts a longer one, which would put the socket somewhere else: a deep DATA_DIR gets none.
 */
export const MAX_SOCKET_PATH_BYTES = 107;

export async function startAdminSocket(db: Db, dataDir: string, logger: Logger): Promise<{ close(): Promise<void> }> {
  const socketPath = adminSocketPath(dataDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    logger.warn('no operator socket: the data folder path is too long for one, so ehcp-review backup needs the service stopped', { socket: socketPath });
    return { close: async () => {} };
  }
  await refuseIfInUse(dataDir);
  // A socket file left by a service that was killed answers nothing: replace it.
  await unlink(socketPath).catch(() => undefined);
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/backup') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /backup is the only request here.\n');
      return;
    }
    backupPglite(db).then(
      ({ archive, schemaVersion }) => {
        logger.info('backup taken', { bytes: archive.byteLength, schemaVersion });
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': archive.byteLength, 'x-schema-version': String(schemaVersion), 'x-sha256': sha256(archive) });
        res.end(archive);
      },
      (error: Error) => {
        logger.error('backup failed', { error: error.message });
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`The backup failed: ${error.message}\n`);
      },
    );
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      logger.warn('no operator socket: ehcp-review backup needs the service stopped', { socket: socketPath, error: error.message });
      resolve(false);
    });
    server.listen(socketPath, () => resolve(true));
  });
  if (!listening) return { close: async () => {} };
  await chmod(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => unlink(socketPath).catch(() => undefined)),
  };
}
