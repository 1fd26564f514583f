import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GRAPH_PERMISSIONS } from '../../bot/identity/permissions';

const doc = readFileSync(path.join(__dirname, '../../docs/graph-permissions.md'), 'utf8');
const rows = doc
  .split('\n')
  .filter((line) => /^\| [A-Z][\w.]+ \| (Delegated|Application) \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()));

test('docs/graph-permissions.md lists exactly the permissions the code asks for, with the same feature and narrowing', () => {
  const normalise = (s: string) => s.replace(/[’']/g, "'");
  expect(rows.map((r) => `${r[1]} ${r[2]?.toLowerCase()}`)).toEqual(GRAPH_PERMISSIONS.map((p) => `${p.name} ${p.type}`));
  GRAPH_PERMISSIONS.forEach((p, i) => {
    expect(normalise(rows[i]?.[3] ?? '')).toBe(normalise(p.feature));
    expect(normalise(rows[i]?.[4] ?? '')).toBe(normalise(p.narrowing));
  });
});
