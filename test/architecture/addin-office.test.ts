import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// office-js is wrapped once (addin/src/office/); components get the wrappers as props. The
// pane's entry may wait for Office.onReady, the handlers' entry may associate its actions, and
// the sign-in dialog (a page of its own) may message its parent.
const addinSrc = path.join(__dirname, '../../addin/src');
const ALLOWED: Record<string, string[]> = {
  'taskpane/main.tsx': ['onReady'],
  'handlers/commands.ts': ['actions', 'SmartAlertsEventCompletedOptions'],
  'auth/dialog.ts': ['onReady', 'context'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the add-in calls office-js only through addin/src/office', () => {
  const files = sourceFiles(addinSrc).map((f) => path.relative(addinSrc, f).split(path.sep).join('/'));
  it.each(files.filter((f) => !f.startsWith('office/')))('%s uses no Office API directly', (file) => {
    const text = readFileSync(path.join(addinSrc, file), 'utf8').replace(/^\s*(\/\/\/|\/\/|\*).*$/gm, '');
    const uses = [...text.matchAll(/\bOffice\.([A-Za-z]+)/g)].map((m) => m[1]);
    expect(uses.filter((u) => !(ALLOWED[file] ?? []).includes(u as string))).toEqual([]);
  });
});
