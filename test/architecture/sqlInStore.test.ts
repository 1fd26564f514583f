import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repository = path.join(__dirname, '../..');

/**
 * A call that sends SQL: `.query(` or `.query<Row>(` whose first argument is not an object
 * (so Graph's `sdk.api(path).query({...})` is not one), across a line break too.
 */
const SQL_CALL = /\.query\s*(?:<[^()]*?>)?\(\s*(?![\s{)])/g;

/** Every `file:line` in `bot/` outside `bot/store/` (tests aside) that sends SQL. */
function sqlOutsideStore(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (rel !== 'bot/store') walk(rel);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = readFileSync(path.join(root, rel), 'utf8');
        for (const match of text.matchAll(SQL_CALL)) found.push(`${rel}:${text.slice(0, match.index).split('\n').length}`);
      }
    }
  };
  walk('bot');
  return found.sort();
}

describe('SQL lives in bot/store/<area> only', () => {
  it('no module of bot/ outside bot/store sends a query', () => {
    expect(sqlOutsideStore(repository)).toEqual([]);
  });

  it('is caught wherever it creeps in, one line or several, typed or not; Graph’s query options are not SQL', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sqlcheck-'));
    try {
      const files: Record<string, string> = {
        'bot/store/reviews/ok.ts': "export const ok = (db: Db) => db.query('select 1');\n",
        'bot/api/routes/leak.ts': "export const a = (db: Db) => db.query<{ n: number }>('select count(*) from reviews');\n",
        'bot/teams/leak.ts': 'export const b = async (tx: Db) => {\n  await tx.query(\n    `update meetings set x = 1`,\n  );\n};\n',
        'bot/reminders/leak.ts': 'export const c = (db: Db) => db.query(sql, []);\n',
        'bot/graph/upload.ts': "export const d = (sdk: Sdk) => sdk.api(p).query({ '@microsoft.graph.conflictBehavior': 'fail' });\n",
        'bot/api/routes/query.ts': 'export const e = (req: Req) => parse(req.query);\n',
        'bot/app/beside.test.ts': "export const f = (db: Db) => db.query('select 1');\n",
      };
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      }
      expect(sqlOutsideStore(dir)).toEqual(['bot/api/routes/leak.ts:1', 'bot/reminders/leak.ts:1', 'bot/teams/leak.ts:2']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
