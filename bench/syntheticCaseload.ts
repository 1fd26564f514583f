import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** A small deterministic PRNG, so every bench run plans the same caseload. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Writes `rows` fictional plans in the planner's CSV columns: plans issued over the
 * last six years, most reviewed before, about a tenth with a phase transfer coming
 * and a fifth with a meeting booked, roughly as a council's caseload looks.
 */
export async function writeSyntheticCaseload(file: string, rows: number, today = '2026-11-24'): Promise<void> {
  const rand = mulberry32(rows);
  const now = Date.parse(`${today}T00:00:00Z`);
  const out = createWriteStream(file);
  let chunk = 'id,planIssued,lastReviewConcluded,dateOfBirth,ncYear,transferKind,transferDate,meetingDate\n';
  for (let i = 0; i < rows; i++) {
    const age = 3 + Math.floor(rand() * 16);
    const born = now - (age * 365 + Math.floor(rand() * 365)) * DAY;
    const issued = Math.max(born + 400 * DAY, now - Math.floor(rand() * 6 * 365) * DAY);
    const reviewed = rand() < 0.8 && now - issued > 400 * DAY ? iso(now - Math.floor(rand() * 360) * DAY) : '';
    const ncYear = Math.min(14, Math.max(-1, age - 5));
    const r = rand();
    const transfer = r < 0.05 ? 'school,2027-09-01' : r < 0.09 ? 'post16,2027-09-01' : r < 0.1 ? `post16-move,${iso(now + Math.floor(rand() * 300) * DAY)}` : ',';
    const anchor = reviewed ? Date.parse(`${reviewed}T00:00:00Z`) : issued;
    const meeting = rand() < 0.2 ? iso(Math.max(anchor + DAY, now + Math.floor((rand() - 0.3) * 120) * DAY)) : '';
    chunk += `LA-${String(i).padStart(7, '0')},${iso(issued)},${reviewed},${iso(born)},${ncYear},${transfer},${meeting}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
}
