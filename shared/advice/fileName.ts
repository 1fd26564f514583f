import { childInitials } from '../privacy/childLabel';
import type { IsoDate } from '../timeline/types';
import { type AdviceFileKind, adviceFileTypes, extensionOf } from './fileKinds';

/** SharePoint's limit on a whole path is 400 characters; a file name here stays well inside it. */
const MAX_NAME = 120;

/**
 * A file name SharePoint accepts and a person can read: no folders, control characters or
 * the characters SharePoint refuses (`" * : < > ? / \ |`), no leading `~$` or dots, spaces
 * collapsed, at most 120 characters with the extension kept.
 *
 * @example cleanFileName('..\\C:/tmp/My  "report"?.PDF') //=> 'My report.PDF'
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/["*:<>?|#%]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.~$]+/, '')
    .replace(/[\s.]+$/, '')
    .replace(/\s+(\.[^.]+)$/, '$1');
  if (cleaned.length > MAX_NAME) {
    const ext = extensionOf(cleaned);
    const keep = ext ? `.${cleaned.slice(-ext.length)}` : '';
    cleaned = `${cleaned.slice(0, MAX_NAME - keep.length).trimEnd()}${keep}`;
  }
  return cleaned;
}

/** The ways a date of birth may be written in a file name: 2015-03-07, 07-03-2015, 7.3.15, 07032015 ... */
function dateOfBirthPatterns(dob: IsoDate): RegExp[] {
  const [y, m, d] = [dob.slice(0, 4), dob.slice(5, 7), dob.slice(8, 10)];
  const sep = '[-_. /]?';
  const day = `0?${Number(d)}`;
  const month = `0?${Number(m)}`;
  const year = `(?:${y}|${y.slice(2)})`;
  return [new RegExp(`${y}${sep}${m}${sep}${d}`, 'g'), new RegExp(`(?<!\\d)${day}${sep}${month}${sep}${year}(?!\\d)`, 'g')];
}

/**
 * `text` with the child's names (each part, any case) replaced by their initials and the date
 * of birth removed, so a file name a professional typed ("Amara Bello EP report 07-03-2015")
 * does not carry them into SharePoint's lists, search and notifications.
 *
 * @example withoutChildIdentity('Amara Bello EP report.pdf', 'Amara Bello', null) //=> 'A.B. EP report.pdf'
 */
export function withoutChildIdentity(text: string, childName: string, dateOfBirth: IsoDate | null): string {
  const initials = childInitials(childName);
  const inOrder = childName
    .split(/[\s\-‐-―]+/)
    .map((p) => p.trim())
    .filter((p) => [...p].length >= 2);
  const escapeRe = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The whole name in its own order; the parts alone longest first (so "Ann" never eats part of "Anna").
  const ordered = inOrder.map(escapeRe);
  const escaped = [...inOrder].sort((a, b) => b.length - a.length).map(escapeRe);
  let out = text;
  if (escaped.length > 0) {
    // The whole name first (one set of initials), then any part left on its own.
    // Written with or without a separator: "Isla Example", "Isla_Example", "IslaExample".
    const whole = new RegExp(`(?<![\\p{L}\\p{N}])${ordered.join('[\\s_\\-.]*')}(?![\\p{L}\\p{N}])`, 'giu');
    out = out.replace(whole, initials);
    for (const p of escaped) out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${p}(?![\\p{L}\\p{N}])`, 'giu'), initials);
  }
  if (dateOfBirth) for (const re of dateOfBirthPatterns(dateOfBirth)) out = out.replace(re, '');
  return out.replace(/(\b[A-Z]\.(?:[A-Z]\.)*)(?:\s*\1)+/g, '$1').replace(/\s+/g, ' ').trim();
}

export interface AdviceFileNameInput {
  /** The name the sender gave, as sent. */
  original: string;
  kind: AdviceFileKind;
  childName: string;
  dateOfBirth: IsoDate | null;
  receivedOn: IsoDate;
  /** Who it is from, e.g. 'health' or 'parent'. */
  fromRole: string;
}

/**
 * The name advice is stored under in the review's folder: the day it came, who it is from,
 * then the sender's own name for it, cleaned and without the child's name or date of birth,
 * with the extension of what the bytes are.
 *
 * @example adviceFileName({ original: 'Amara Bello SALT.pdf', kind: 'pdf', childName: 'Amara Bello', dateOfBirth: null, receivedOn: '2026-09-01', fromRole: 'health' })
 * //=> '2026-09-01 health - A.B. SALT.pdf'
 */
export function adviceFileName(input: AdviceFileNameInput): string {
  const type = adviceFileTypes[input.kind];
  const cleaned = cleanFileName(input.original);
  const ext = extensionOf(cleaned);
  const stem = type.extensions.includes(ext) ? cleaned.slice(0, -(ext.length + 1)) : cleaned;
  const safeStem = cleanFileName(withoutChildIdentity(stem, input.childName, input.dateOfBirth)) || 'advice';
  return cleanFileName(`${input.receivedOn} ${input.fromRole} - ${safeStem}.${type.extensions[0]}`);
}
