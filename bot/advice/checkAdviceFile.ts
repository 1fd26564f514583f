import { structureIsSound } from './fileStructure';
import { type AdviceFileKind, adviceFileTypes, adviceFileTypesText, detectAdviceFileKind, extensionMatches } from '../../shared/advice';

/** Refusals a person can act on; the texts never name the file (its name may carry the child's). */
export const adviceRefusals = {
  'wrong-type': `I can only take ${adviceFileTypesText}. This file is not one of those, so nothing was kept. Save it as a PDF and send it again.`,
  'too-large': (limitBytes: number) =>
    `This file is larger than ${Math.floor(limitBytes / (1024 * 1024))} MB, so nothing was kept. Save it as a smaller PDF (or send it in parts) and try again.`,
} as const;

export type FileCheck = { ok: true; kind: AdviceFileKind; contentType: string } | { ok: false; reason: 'wrong-type' };

/**
 * Whether `bytes` named `name` is a kind of file advice may come as: judged by the bytes'
 * signature, then by their structure (`fileStructure.ts`: a Word file's zip directory, a
 * PDF's trailer, …), with the name's extension required to agree.
 */
export function checkAdviceFile(name: string, bytes: Uint8Array): FileCheck {
  const kind = detectAdviceFileKind(bytes);
  if (!kind || !extensionMatches(name, kind) || !structureIsSound(kind, bytes)) return { ok: false, reason: 'wrong-type' };
  return { ok: true, kind, contentType: adviceFileTypes[kind].contentType };
}
