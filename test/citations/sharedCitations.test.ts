import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SHARED = join(__dirname, '..', '..', 'shared');
import { appealDeadlineSource } from '../../shared/timeline/rules/appealDeadline';
import { familyResponseBySource } from '../../shared/timeline/rules/familyResponseBy';
import { finalAmendedPlanDueSource } from '../../shared/timeline/rules/finalAmendedPlanDue';
import { preparingForAdulthoodSource } from '../../shared/timeline/rules/preparingForAdulthood';
import { letterSources } from '../../shared/letters/sources';

/**
 * Every provision shared/ may cite, taken from /work/shared/DOMAIN.md (and, marked, the few
 * the letters cite beyond it). A citation of a provision not listed here fails the test, so a
 * wrong paragraph ("Reg 22(5)" for the final plan) cannot come back. A parent ("Reg 20") is
 * known when one of its parts is. Add a provision here only with its source checked.
 */
const KNOWN = {
  reg: [
    '18(1)', '18(2)', '19(c)', '20(1)', '20(2)', '20(3)', '20(4)', '20(6)', '20(7)', '20(8)', '20(10)', '20(11)', '20(12)',
    '21', '21(6)', '22(2)', '22(2)(c)', '22(3)', '22(4)', '29', '30', '31(1)(a)', '31(2)', '31(3)', '32', '32(e)', '33', '63', '64',
    // Plans transferred between councils (branch ooa, #26; the brief names Regs 15-16).
    '15(2)', '15(3)(a)', '15(4)', '15(5)', '16',
    // The parts of the amendment notice, and the rights sent with the final plan, as the letters cite them (branch after, #25).
    // Reg 22(5) is not in DOMAIN.md: listed so the letters' citation of it stays visible here for review.
    '22(2)(a)', '22(2)(b)', '22(2)(d)', '22(5)',
  ],
  cop: ['9.166', '9.167', '9.168', '9.169', '9.172', '9.176', '9.177', '9.178', '9.180', '9.184', '9.185', '9.194', ...range(199, 210).map((n) => `9.${n}`), '11.8' /* disagreement resolution, cited by the council settings */],
  // s32 (information, advice and support), s38(2)(b) (requesting a school), s53-55 (mediation) and s57 (disagreement resolution): cited by the letters.
  cfa: ['44(1)', '45', '51', '55', '80', '83(2)', '32', '38(2)(b)', '53', '54', '57', /* the letters (#25): */ '39', '51(2)(c)', '51(2)(e)', '52'],
  hesc: ['12', '12(2)', '12(3)', '20(1)(c)'],
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** "20(10)" and its parents "20". */
function withParents(list: string[]): Set<string> {
  const out = new Set<string>();
  for (const p of list) {
    let s = p;
    out.add(s);
    while (/\([^()]*\)$/.test(s)) {
      s = s.replace(/\([^()]*\)$/, '');
      out.add(s);
    }
  }
  return out;
}
const known = { reg: withParents(KNOWN.reg), cop: new Set(KNOWN.cop), cfa: withParents(KNOWN.cfa), hesc: withParents(KNOWN.hesc) };

const ITEM = String.raw`\d+(?:\.\d+)?(?:\([0-9a-z]+\))*`;
const LIST = String.raw`${ITEM}(?:\s*-\s*(?:${ITEM}|(?:\([0-9a-z]+\))+))?(?:,\s*${ITEM}(?:\s*-\s*(?:${ITEM}|(?:\([0-9a-z]+\))+))?)*`;
const PATTERNS: [keyof typeof known, RegExp][] = [
  // "SEND Regulations 2014" names the instrument, not a regulation: a year is skipped.
  ['reg', new RegExp(String.raw`\b(?:Regs?|reg|regs|regulations?)\.?\s+(?!(?:19|20)\d\d\b)(${LIST})`, 'g')],
  ['cop', new RegExp(String.raw`\bCoP\s+(${LIST})`, 'g')],
  ['cfa', new RegExp(String.raw`\bCFA 2014,?\s+ss?\.?\s*(${LIST})`, 'g')],
  ['hesc', new RegExp(String.raw`\bHESC(?: Rules)?(?: 2008)?,?\s+r{1,2}\.?\s*(${LIST})`, 'g')],
];

/** "20(10)-(11), 21(6)" -> ["20(10)", "20(11)", "21(6)"]; "9.166-9.168" -> every paragraph between. */
function expandCitation(list: string): string[] {
  const out: string[] = [];
  for (const part of list.split(/,\s*/)) {
    const [from, to] = part.split(/\s*-\s*/) as [string, string | undefined];
    out.push(from);
    if (to === undefined) continue;
    if (to.startsWith('(')) {
      const base = from.replace(/\([^()]*\)$/, '');
      const a = Number(/\((\d+)\)$/.exec(from)?.[1]);
      const b = Number(/\((\d+)\)/.exec(to)?.[1]);
      for (let n = a + 1; n <= b; n++) out.push(`${base}(${n})`);
    } else if (from.includes('.') && to.includes('.')) {
      const [head, a] = from.split('.') as [string, string];
      for (let n = Number(a) + 1; n <= Number(to.split('.')[1]); n++) out.push(`${head}.${n}`);
    } else {
      for (let n = Number(from) + 1; n <= Number(to); n++) out.push(String(n));
    }
  }
  return out;
}

/** Every citation in a text, as [kind, provision]. */
function citationsIn(text: string): [keyof typeof known, string][] {
  const out: [keyof typeof known, string][] = [];
  for (const [kind, re] of PATTERNS) for (const m of text.matchAll(re)) for (const p of expandCitation(m[1] as string)) out.push([kind, p]);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('citations in shared/', () => {
  it('reads "Reg 20(10)-(11), 21(6)" as three provisions and "CoP 9.166-9.168" as three paragraphs', () => {
    expect(expandCitation('20(10)-(11), 21(6)')).toEqual(['20(10)', '20(11)', '21(6)']);
    expect(expandCitation('9.166-9.168')).toEqual(['9.166', '9.167', '9.168']);
    expect(citationsIn("'Reg 22(5); CoP 9.194'")).toEqual([
      ['reg', '22(5)'],
      ['cop', '9.194'],
    ]);
  });

  it('cites only provisions on the known list, in every source string, message and doc comment', () => {
    const unknown: string[] = [];
    const files = sourceFiles(SHARED);
    expect(files.length).toBeGreaterThan(50);
    let count = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [kind, provision] of citationsIn(text)) {
        count++;
        if (!known[kind].has(provision)) unknown.push(`${file.slice(SHARED.length + 1)}: ${kind} ${provision}`);
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(unknown).toEqual([]);
  });

  it('names the provision each corrected rule stands on', () => {
    expect(familyResponseBySource).toContain('Reg 22(2)(c)');
    expect(finalAmendedPlanDueSource).toContain('Reg 22(3)');
    expect(letterSources.familyResponse).toContain('Reg 22(2)(c)');
    expect(letterSources.finalPlan).toContain('Reg 22(3)');
    expect(letterSources.notAmend).toContain('Reg 22(4)');
    expect(appealDeadlineSource).toContain('r20(1)(c)');
    expect(letterSources.appealDeadline).toContain('r20(1)(c)');
    expect(preparingForAdulthoodSource).toContain('Reg 20(6), 21(6)');
  });
});
