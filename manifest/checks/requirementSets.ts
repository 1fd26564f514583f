import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, type ManifestExtension } from '../appManifest';
import { addinEvents } from '../contract';
import type { Problem } from './problem';

/**
 * For each Outlook API member named in @types/office-js, the lowest Mailbox requirement set
 * that introduced it ("[Api set: Mailbox 1.8]" in its doc comment). A name documented in
 * several interfaces keeps its lowest set, so a shared name never raises a false alarm.
 *
 * @example mailboxApiSets().get('addFileAttachmentFromBase64Async') // '1.8'
 */
export function mailboxApiSets(typesFile = require.resolve('@types/office-js/index.d.ts')): Map<string, string> {
  const text = readFileSync(typesFile, 'utf8');
  const sets = new Map<string, string>();
  let at = 0;
  for (;;) {
    const open = text.indexOf('/**', at);
    if (open === -1) break;
    const close = text.indexOf('*/', open);
    if (close === -1) break;
    at = close + 2;
    const found = /\[Api set: Mailbox (\d+\.\d+)\s*\]/.exec(text.slice(open, close));
    if (!found) continue;
    const member = /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[(:<]/.exec(text.slice(at, at + 200));
    if (!member) continue;
    const name = member[1] as string;
    const version = found[1] as string;
    const known = sets.get(name);
    if (!known || compareVersions(version, known) < 0) sets.set(name, version);
  }
  return sets;
}

/**
 * Member names too common in ordinary code to tell an Office call from anything else
 * (`response.content`, `url.path`): documented in office-js only at a high set, they would
 * flag unrelated code. Outlook's distinctive members (…Async methods, sessionData, …) stay.
 */
const genericNames = new Set(['content', 'path', 'urls', 'contextData', 'errorMessage', 'commandId', 'folderName', 'emailBody', 'itemType', 'itemMode', 'attachmentType', 'coercionType', 'cancelLabel', 'freeText', 'contentId']);

/** One source file of the add-in: its path (for messages) and text. */
export interface SourceFile {
  file: string;
  text: string;
}

/** The add-in's TypeScript sources under `dir`, or none when the folder does not exist yet. */
export function readAddinSources(dir: string): SourceFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort()
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

/** The highest set an `isSetSupported('Mailbox', 'x')` guard in the file names, if any. */
function guardedUpTo(text: string): string | undefined {
  let best: string | undefined;
  for (const m of text.matchAll(/isSetSupported\(\s*['"`]Mailbox['"`]\s*,\s*['"`](\d+\.\d+)['"`]/g)) {
    const v = m[1] as string;
    if (!best || compareVersions(v, best) > 0) best = v;
  }
  return best;
}

/** The lowest Mailbox version a requirements block asks for ('1.1' when it names none). */
function minMailbox(req: { capabilities?: Array<{ name: string; minVersion?: string }> } | undefined, fallback: string): string {
  return req?.capabilities?.find((c) => c.name === 'Mailbox')?.minVersion ?? fallback;
}

/**
 * The requirement sets the manifest declares cover what the add-in uses:
 * - each event's `autoRunEvents` entry asks for at least the set that introduced the event;
 * - each Office API the add-in's source calls is in the set its runtime declares (files
 *   under `handlers/` run in the event runtime, the rest in the task pane), unless the file
 *   guards it with `Office.context.requirements.isSetSupported('Mailbox', ...)`.
 */
export function checkRequirementSets(extension: ManifestExtension | undefined, sources: readonly SourceFile[], apiSets: ReadonlyMap<string, string> = mailboxApiSets()): Problem[] {
  if (!extension) return [];
  const problems: Problem[] = [];
  const base = minMailbox(extension.requirements, '1.1');
  const eventSets = new Map<string, string>(addinEvents.map((e) => [e.unifiedType, e.minMailbox]));
  extension.autoRunEvents?.forEach((group, g) => {
    const declared = minMailbox(group.requirements, base);
    group.events.forEach((event, i) => {
      const needed = eventSets.get(event.type);
      const where = `/extensions/0/autoRunEvents/${g}/events/${i}/type`;
      if (!needed) problems.push({ check: 'requirement-sets', where, message: `"${event.type}" is not an appointment event this add-in knows (${[...eventSets.keys()].join(', ')})` });
      else if (compareVersions(declared, needed) < 0) problems.push({ check: 'requirement-sets', where, message: `${event.type} needs Mailbox ${needed}, but its autoRunEvents entry asks only for ${declared}` });
    });
  });

  const runtimeSet = (id: string) => {
    const r = extension.runtimes?.find((x) => x.id === id);
    return r ? compareMax(minMailbox(r.requirements, base), base) : base;
  };
  const eventRuntime = extension.runtimes?.find((r) => r.code?.script)?.id;
  const taskpaneRuntime = extension.runtimes?.find((r) => !r.code?.script)?.id;
  for (const source of sources) {
    if (!/\bOffice\b|\bmailbox\b/.test(source.text)) continue;
    const isHandler = /(^|[\\/])handlers[\\/]/.test(source.file);
    const runtimeId = isHandler ? eventRuntime : taskpaneRuntime;
    const declared = runtimeId ? runtimeSet(runtimeId) : base;
    const guard = guardedUpTo(source.text);
    const seen = new Set<string>();
    const lines = source.text.split('\n');
    lines.forEach((line, n) => {
      if (/^\s*(\/\/|\*)/.test(line)) return;
      for (const m of line.matchAll(/\.([A-Za-z_$][\w$]*)/g)) {
        const name = m[1] as string;
        const needed = apiSets.get(name);
        if (!needed || genericNames.has(name) || seen.has(name) || compareVersions(needed, declared) <= 0) continue;
        if (guard && compareVersions(needed, guard) <= 0) continue;
        seen.add(name);
        problems.push({
          check: 'requirement-sets',
          where: `${source.file}:${n + 1}`,
          message: `calls ${name}, which needs Mailbox ${needed}, but runtime ${runtimeId ?? '(none)'} declares ${declared}; raise its requirement or guard the call with isSetSupported('Mailbox', '${needed}')`,
        });
      }
    });
  }
  return problems;
}

function compareMax(a: string, b: string): string {
  return compareVersions(a, b) >= 0 ? a : b;
}
