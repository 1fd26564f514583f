import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const depcheck = path.join(__dirname, '../../scripts/depcheck.mjs');

/** A small tree with one wrong import per rule, checked by the same script `npm test` runs. */
const wrongTree: Record<string, string> = {
  'shared/dates.ts': "import type { Logger } from '../bot/log/logger';\nimport { readFileSync } from 'node:fs';\nexport type L = Logger;\nexport const r = readFileSync;\n",
  'shared/ok.ts': "import { addDays } from 'date-fns';\nimport { z } from 'zod';\nexport const a = addDays;\nexport const s = z.string();\n",
  'bot/log/logger.ts': "import { config } from '../config/env';\nexport interface Logger { info(m: string): void }\nexport const c = config;\n",
  'bot/config/env.ts': 'export const config = {};\n',
  'bot/csv/read.ts': "import type { Logger } from '../log/logger';\nexport type R = Logger;\n",
  'bot/store/import.ts': "import { run } from '../cli/run';\nexport const i = run;\n",
  'bot/cli/run.ts': "import { fixture } from '../../test/support/fixture';\nexport const run = fixture;\n",
  'test/support/fixture.ts': 'export const fixture = 1;\n',
  'bot/api/leak.ts': "import { stand } from '../../testkit/graphServer';\nexport const l = stand;\n",
  'testkit/graphServer.ts': 'export const stand = 1;\n',
  'bot/reminders/card.ts': "import { AdaptiveCard } from '@microsoft/teams.cards';\nexport const c = AdaptiveCard;\n",
  'bench/run.ts': "import { stand } from '../testkit/graphServer';\nexport const b = stand;\n",
  'bot/api/routes/decide.ts': "import { runWrite } from '../../store/idempotency';\nimport { recordDecision } from '../../store/reviews/recordDecision';\nimport type { Loaded } from '../../store/reviews/loadReview';\nexport const d = [runWrite, recordDecision];\nexport type L = Loaded;\n",
  'bot/teams/cards/card.ts': "import { sendIt } from '../../letters/produceDecisionLetter';\nexport const c = sendIt;\n",
  'bot/store/idempotency.ts': 'export const runWrite = 1;\n',
  'bot/store/reviews/recordDecision.ts': 'export const recordDecision = 1;\n',
  'bot/store/reviews/loadReview.ts': 'export interface Loaded { id: string }\n',
  'bot/letters/produceDecisionLetter.ts': 'export const sendIt = 1;\n',
  'bot/app/recordDecision.ts': "import { reviewRoutes } from '../api/routes/decide';\nexport const r = reviewRoutes;\n",
  'bot/simulate/engine.ts': "import type { Schedule } from './schedule';\nexport interface Input { s: Schedule }\n",
  'bot/simulate/schedule.ts': "import type { Input } from './engine';\nexport interface Schedule { i: Input }\n",
  'tab/src/app.ts': "import { run } from '../../bot/cli/run';\nimport { a } from '../../shared/ok';\nexport const x = [run, a];\n",
};

describe('the dependency rules (npm test runs them on the repository)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'depcheck-'));
    for (const [file, text] of Object.entries(wrongTree)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fail on a wrong import, naming the rule and both ends of the arrow, and pass the right ones', () => {
    const run = spawnSync(process.execPath, [depcheck, dir], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const errors = run.stdout
      .split('\n')
      .filter((l) => l.includes('error '))
      .map((l) => l.trim())
      .sort();
    expect(errors).toEqual([
      'error app-below-the-faces: bot/app/recordDecision.ts → bot/api/routes/decide.ts',
      'error browser-code-stays-out-of-bot: tab/src/app.ts → bot/cli/run.ts',
      'error csv-is-a-leaf: bot/csv/read.ts → bot/log/logger.ts',
      'error faces-write-through-app: bot/api/routes/decide.ts → bot/store/idempotency.ts',
      'error faces-write-through-app: bot/api/routes/decide.ts → bot/store/reviews/recordDecision.ts',
      'error faces-write-through-app: bot/teams/cards/card.ts → bot/letters/produceDecisionLetter.ts',
      'error log-is-a-leaf: bot/log/logger.ts → bot/config/env.ts',
      // A cycle is named by its first module; the lines after it walk the cycle.
      'error no-circular: bot/simulate/engine.ts →',
      'error nothing-imports-test: bot/cli/run.ts → test/support/fixture.ts',
      'error product-never-imports-testkit-or-bench: bot/api/leak.ts → testkit/graphServer.ts',
      'error shared-is-pure: shared/dates.ts → bot/log/logger.ts',
      'error shared-is-pure: shared/dates.ts → fs',
      'error store-below-cli-and-api: bot/store/import.ts → bot/cli/run.ts',
      'error teams-sdk-behind-its-adapter: bot/reminders/card.ts → @microsoft/teams.cards',
    ]);
    expect(run.stdout).toMatch(/no-circular: bot\/simulate\/engine\.ts →\s+bot\/simulate\/schedule\.ts →\s+bot\/simulate\/engine\.ts/);
    expect(run.status).not.toBe(0);
  }, 60_000);
});
