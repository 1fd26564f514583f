import { strFromU8, unzipSync } from 'fflate';
import type { AdviceFileKind } from '../../shared/advice';

/**
 * Checks a file's structure, beyond its first bytes, for each kind advice may come as. A
 * magic number is easy to fake (50 junk bytes after `PK\x03\x04` passed as Word); these
 * checks read the file the way the program that opens it would, far enough to know it is
 * one, without running or fully unpacking anything.
 *
 * - docx: a zip whose central directory (read with fflate; entries listed, not inflated)
 *   holds `[Content_Types].xml` declaring a Word document that is not macro-enabled, and
 *   `word/document.xml`; no executable, script or macro part; no path leaving the archive;
 *   at most {@link MAX_ZIP_ENTRIES} entries, {@link MAX_UNPACKED_BYTES} unpacked and a
 *   compression ratio under {@link MAX_RATIO} (zip bombs).
 * - pdf: `%PDF-1.x` header and `%%EOF` near the end; no JavaScript or launch actions.
 * - png: signature, then the IHDR chunk first and IEND last.
 * - jpeg: start-of-image, a marker after it, and end-of-image at (or just before) the end.
 * - heic: an ISO-BMFF `ftyp` box of a sane size with a HEIF brand.
 * - doc: an OLE compound file header (byte order, sector size) without a VBA macro storage.
 */
export const MAX_ZIP_ENTRIES = 2000;
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
export const MAX_RATIO = 200;

const EXECUTABLE = /\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|vbe|js|jse|wsf|wsh|hta|jar|sh|lnk|cpl|bin|ocx|sys)$/i;
const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');

function docxIsSound(bytes: Uint8Array): boolean {
  const entries: { name: string; size: number; originalSize: number }[] = [];
  let contentTypes: string | undefined;
  try {
    const inflated = unzipSync(bytes, {
      filter(file) {
        entries.push(file);
        // Only the small content-types part is unpacked, and only when its sizes are sane.
        return file.name === '[Content_Types].xml' && file.originalSize <= 256 * 1024 && file.size <= 256 * 1024 && entries.length <= MAX_ZIP_ENTRIES;
      },
    });
    const types = inflated['[Content_Types].xml'];
    if (types) contentTypes = strFromU8(types);
  } catch {
    return false;
  }
  if (entries.length === 0 || entries.length > MAX_ZIP_ENTRIES) return false;
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) return false;
  if (entries.some((e) => EXECUTABLE.test(e.name) || /(^|\/)\.\.(\/|$)|^\/|\\|:/.test(e.name) || /vbaProject|vbaData|activeX/i.test(e.name))) return false;
  const unpacked = entries.reduce((sum, e) => sum + e.originalSize, 0);
  if (unpacked > MAX_UNPACKED_BYTES) return false;
  if (entries.some((e) => e.originalSize > 1024 * 1024 && e.originalSize / Math.max(1, e.size) > MAX_RATIO)) return false;
  return contentTypes?.includes(WORD_MAIN) === true && !/macroEnabled|vbaProject/i.test(contentTypes);
}

function pdfIsSound(bytes: Uint8Array): boolean {
  if (!/^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8))) return false;
  if (!ascii(bytes, bytes.length - 1024, bytes.length).includes('%%EOF')) return false;
  // Active content that a reader may run: refused (advice is a document, not a program).
  return !/\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'));
}

function pngIsSound(bytes: Uint8Array): boolean {
  return bytes.length >= 45 && ascii(bytes, 12, 16) === 'IHDR' && ascii(bytes, bytes.length - 8, bytes.length - 4) === 'IEND';
}

function jpegIsSound(bytes: Uint8Array): boolean {
  if (bytes.length < 128 || bytes[3] === undefined || bytes[3] < 0xc0) return false;
  // End of image at the end, allowing a few bytes of padding some cameras add.
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

function heicIsSound(bytes: Uint8Array): boolean {
  const size = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(4, bytes.length)).readUInt32BE(0);
  return size >= 16 && size <= 4096 && size <= bytes.length && size % 4 === 0 && bytes.length > size + 8;
}

function docIsSound(bytes: Uint8Array): boolean {
  if (bytes.length < 1536) return false;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const byteOrder = view.readUInt16LE(28);
  const sectorShift = view.readUInt16LE(30);
  if (byteOrder !== 0xfffe || (sectorShift !== 9 && sectorShift !== 12)) return false;
  // Macros live in a storage named _VBA_PROJECT (UTF-16LE in the directory).
  return !view.includes(Buffer.from('_VBA_PROJECT', 'utf16le')) && !view.includes(Buffer.from('Macros', 'utf16le'));
}

const checks: Record<AdviceFileKind, (bytes: Uint8Array) => boolean> = {
  docx: docxIsSound,
  pdf: pdfIsSound,
  png: pngIsSound,
  jpeg: jpegIsSound,
  heic: heicIsSound,
  doc: docIsSound,
};

/** True when `bytes`, already known by their signature to be `kind`, are built as one. */
export function structureIsSound(kind: AdviceFileKind, bytes: Uint8Array): boolean {
  return checks[kind](bytes);
}
