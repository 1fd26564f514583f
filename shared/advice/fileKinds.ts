/**
 * Which files advice may come as: PDF, Word and common images. A file is judged by its first
 * bytes (its "magic number"), not by its name: a renamed executable named `report.pdf` is
 * refused. The name's extension must also agree with the bytes, so what SharePoint shows is
 * what the file is.
 */
export type AdviceFileKind = 'pdf' | 'docx' | 'doc' | 'png' | 'jpeg' | 'heic';

export interface AdviceFileType {
  kind: AdviceFileKind;
  /** The extensions a name of this kind may end with; the first is the one we give it. */
  extensions: readonly string[];
  contentType: string;
  /** What a person calls it. */
  label: string;
}

export const adviceFileTypes: Record<AdviceFileKind, AdviceFileType> = {
  pdf: { kind: 'pdf', extensions: ['pdf'], contentType: 'application/pdf', label: 'PDF' },
  docx: { kind: 'docx', extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document' },
  doc: { kind: 'doc', extensions: ['doc'], contentType: 'application/msword', label: 'Word 97-2003 document' },
  png: { kind: 'png', extensions: ['png'], contentType: 'image/png', label: 'PNG image' },
  jpeg: { kind: 'jpeg', extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', label: 'JPEG photo' },
  heic: { kind: 'heic', extensions: ['heic', 'heif'], contentType: 'image/heic', label: 'iPhone photo (HEIC)' },
};

/** Every extension accepted, for an `accept` attribute and for messages. */
export const adviceExtensions: readonly string[] = Object.values(adviceFileTypes).flatMap((t) => t.extensions);

/** The plain-English list people read: "PDF, Word or a photo (JPEG, PNG or HEIC)". */
export const adviceFileTypesText = 'a PDF, a Word document or a photo (JPEG, PNG or HEIC)';

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
function contains(bytes: Uint8Array, needle: readonly number[]): boolean {
  for (let i = 0; i + needle.length <= bytes.length; i++) if (startsWith(bytes, needle, i)) return true;
  return false;
}

/**
 * What the bytes claim to be, from their signature; undefined for anything else. A zip
 * naming `word/` parts is taken for a .docx here; the service then checks each kind's
 * structure (bot/advice/fileStructure.ts: the zip's central directory for Word), since a
 * signature alone is easy to fake.
 *
 * @example detectAdviceFileKind(Buffer.from('%PDF-1.7 ...')) //=> 'pdf'
 */
export function detectAdviceFileKind(bytes: Uint8Array): AdviceFileKind | undefined {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(bytes, ascii('ftyp'), 4) && ['heic', 'heix', 'mif1', 'heif', 'hevc'].some((brand) => startsWith(bytes, ascii(brand), 8))) return 'heic';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && contains(bytes, ascii('word/'))) return 'docx';
  return undefined;
}

/** The extension of a file name, lower-cased, without the dot ('' if none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? (m[1] as string).toLowerCase() : '';
}

/** True if `name`'s extension is one this kind may have. */
export function extensionMatches(name: string, kind: AdviceFileKind): boolean {
  return adviceFileTypes[kind].extensions.includes(extensionOf(name));
}
