import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// shared/ runs in the browser (add-in) and in Node (bot): it may import only itself
// and the pure date and schema libraries.
const ALLOWED_PACKAGES = new Set(['date-fns', '@date-fns/tz', '@date-fns/utc', 'zod']);
const sharedDir = path.join(__dirname, '../../shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

describe('shared/ stays a pure domain core', () => {
  const files = sourceFiles(sharedDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(sharedDir, f), f]))('%s imports nothing but shared/, date-fns, @date-fns/tz, @date-fns/utc and zod', (_name, file) => {
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        expect(path.relative(sharedDir, target).startsWith('..')).toBe(false);
      } else {
        expect(ALLOWED_PACKAGES.has(spec)).toBe(true);
      }
    }
  });

  it('reads no clock, environment or files', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, hits: text.match(/\bprocess\.|Date\.now\(|new Date\(\)|\bfetch\(/g) }).toEqual({ file, hits: null });
    }
  });
});
