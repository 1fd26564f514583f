import path from 'node:path';
import { cliSettings } from '../../config/env';
import { SchemaMismatchError, schemaVersion } from '../../store/migrate';
import { describeStore, openStore } from '../../store/openStore';
import { parseOptions } from '../args';
import { type Command, UsageError, write } from '../io';

const usage = `Usage: ehcp-review migrate [--data-dir DIR]

Brings the store's schema up to date, as the service does when it starts: the PostgreSQL
server in $DATABASE_URL, or else the embedded database in DIR (default $DATA_DIR, else ./data).
Migrations only move forward; a database newer than this build is refused.`;

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply the store’s schema migrations (npm run migrate)',
  usage,
  async run(args, io) {
    const values = parseOptions(args, { 'data-dir': { type: 'string' } }, usage);
    const location = { dataDir: path.resolve(io.cwd, values['data-dir'] || cliSettings(io.env).dataDir || './data'), databaseUrl: cliSettings(io.env).databaseUrl, auditKey: cliSettings(io.env).auditKey };
    let db: Awaited<ReturnType<typeof openStore>>;
    try {
      db = await openStore(location);
    } catch (error) {
      if (error instanceof SchemaMismatchError) throw new UsageError([error.message]);
      throw error;
    }
    try {
      await write(io.stdout, `${describeStore(location)}: schema at version ${await schemaVersion(db)}\n`);
    } finally {
      await db.close();
    }
    return 0;
  },
};
