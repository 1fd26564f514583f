import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

/** The text of a .docx as Word lays it out: one string per paragraph (w:p), runs joined, breaks as newlines. */
export async function docxParagraphs(docx: Buffer): Promise<string[]> {
  const xml = await docxPart(docx, 'word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) =>
      [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((t) => (t[0] === '<w:br/>' ? '\n' : decodeXml(t[1] ?? '')))
        .join(''),
    )
    .filter((t) => t.length > 0);
}

/** One part of the .docx package (e.g. word/styles.xml), as text. */
export async function docxPart(docx: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const part = zip.file(name);
  if (!part) throw new Error(`${name} is not in the .docx`);
  return part.async('string');
}

function decodeXml(s: string): string {
  return s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
}

/** The PDF's text layer as poppler's pdftotext reads it (what a screen reader or a search finds). */
export function pdfText(pdf: Buffer): string {
  return withTempFile(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** The text of the PDF's first page only: what a reader sees before turning over. */
export function pdfFirstPageText(pdf: Buffer): string {
  return withTempFile(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }));
}

/** pdfinfo's fields: Tagged, Pages, Title, PDF version... */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withTempFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** The fonts pdffonts lists, each with whether it is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withTempFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0] ?? '', embedded: cols.at(-5) === 'yes' };
    });
}

/** Renders the first page to `target` as a PNG at 110 dpi (pdftoppm). */
export function renderFirstPagePng(pdf: Buffer, target: string): Buffer {
  return withTempFile(pdf, (file) => {
    const prefix = path.join(path.dirname(file), 'page');
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
    const png = readFileSync(`${prefix}.png`);
    writeFileSync(target, png);
    return png;
  });
}

function withTempFile<T>(content: Buffer, run: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'ehcp-letter-'));
  try {
    const file = path.join(dir, 'letter.pdf');
    writeFileSync(file, content);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spaces and line breaks collapsed, and the typographic apostrophe kept: for comparing text layers. */
export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
