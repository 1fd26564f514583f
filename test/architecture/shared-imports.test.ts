import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// shared/ runs in the browser (add-in, tab) and in Node (bot). What it may import is
// checked by the dependency rules (.dependency-cruiser.cjs) and its types by
// shared/tsconfig.json (no Node or DOM types); this checks what neither can: that it
// reads no clock, environment or network on its own.
const sharedDir = path.join(__dirname, '../../shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('shared/ stays a pure domain core', () => {
  const files = sourceFiles(sharedDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('reads no clock, environment or files', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, hits: text.match(/\bprocess\.|Date\.now\(|new Date\(\)|\bfetch\(/g) }).toEqual({ file, hits: null });
    }
  });
});
