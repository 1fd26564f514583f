import { isCleanPlanRow, type PlanRowCells, type PlanRowColumn, planRowColumns } from '../../../shared/planning/acceptCleanPlanRow';
import { type PlannedReview, planReview, planReviewOf } from '../../../shared/planning/planReview';
import type { TransferKind } from '../../../shared/timeline/types';
import { formatFrom, parseCommandArgs, todayFrom } from '../args';
import { type CliIo, type Command, UsageError, write } from '../io';
import { csvTailBytesOf, formatterFor, heldPlainCsvRow, heldRow, isEscapedRow, type PlanFormat, plainCsvId } from '../plan/outputFormats';
import { cleanLineReader } from '../plan/cleanLine';
import { readPlanLines } from '../plan/planLines';
import { SortedRows } from '../plan/sortedRows';
import { ProgressBar } from '../progress';
import { openInput } from '../readInput';

const usage = `Usage: ehcp-review plan FILE.csv [--format csv|json|table] [--today YYYY-MM-DD]

The caseload planner: reads a list of plans (FILE.csv, or - for standard input) and
prints one row per plan, most urgent first, with the review deadline, the latest
meeting date, the date to book by (so invitations go out with notice and advice is
requested about 6 weeks ahead) and a status against --today (default: today in
Europe/London): overdue, book now, due this term, later.

Columns (header row; order free; extra columns ignored):
  id, planIssued (required), lastReviewConcluded, dateOfBirth, ncYear,
  transferKind (school|post16|post16-move), transferDate, meetingDate
Bad rows are reported on stderr with their line number and skipped; the exit
status is then 2. --format defaults to table on a terminal and csv otherwise.`;

/** Maps header names to column positions; the planner's columns must be present once. */
export function headerIndex(fields: string[]): [PlanRowColumn, number][] {
  const index = new Map<PlanRowColumn, number>();
  fields.forEach((name, i) => {
    const col = planRowColumns.find((c) => c.toLowerCase() === name.trim().toLowerCase());
    if (col && !index.has(col)) index.set(col, i);
  });
  const missing = (['id', 'planIssued'] as const).filter((c) => !index.has(c));
  if (missing.length) throw new UsageError([`line 1: the header row has no ${missing.join(' or ')} column; expected columns: ${planRowColumns.join(',')}`]);
  return [...index];
}

/**
 * Each planner column's position in a row (in `planRowColumns` order), -1 when the
 * header has no such column. A typed array read at constant indexes: an object read by
 * name per cell was a slow lookup per row (measured: about 0.15 s at 640,000 rows).
 */
function columnPositions(index: [PlanRowColumn, number][]): Int32Array {
  const at = new Int32Array(planRowColumns.length).fill(-1);
  for (const [col, i] of index) at[planRowColumns.indexOf(col)] = i;
  return at;
}

async function plan(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, today: { type: 'string' } }, usage);
  if (positionals.length > 1) throw new UsageError(['give one file', usage]);
  const format: PlanFormat = formatFrom(values.format, ['csv', 'json', 'table'] as const, io.stdout.isTTY ? 'table' : 'csv');
  const today = todayFrom(values.today, io);
  const input = await openInput(positionals[0], io, usage);

  const progress = new ProgressBar(io.stderr, input.size);
  let bytes = 0;
  async function* counted() {
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
  }

  const sorted = new SortedRows();
  let index: [PlanRowColumn, number][] | undefined;
  let at = columnPositions([]);
  let bad = 0;
  let idWidth = 2;
  // Rows whose id holds a line break are escaped while sorted, so CSV output decodes them.
  let escaped = false;

  const keep = (id: string, planned: PlannedReview, meeting: string | undefined): Promise<void> | undefined => {
    if (id.length > idWidth) idWidth = Math.min(id.length, 24);
    const plain = format === 'csv' ? plainCsvId(id) : undefined;
    if (plain) return sorted.add(planned.urgency, heldPlainCsvRow(id, planned, meeting ?? ''), plain === 'ascii');
    if (format === 'csv' && !escaped && isEscapedRow(id)) escaped = true;
    return sorted.add(planned.urgency, heldRow(format, id, planned.status, planned.reviewDeadline, planned.latestMeetingDate, planned.bookBy, meeting ?? ''));
  };

  const record = async (line: number, f: string[]): Promise<void> => {
    if (!index) {
      index = headerIndex(f);
      at = columnPositions(index);
      return;
    }
    // One object shape for every row (a keyed store per column made each row's cells a dictionary: about 0.35 s at 640,000 rows).
    const cells: PlanRowCells = {
      id: at[0]! < 0 ? undefined : f[at[0]!],
      planIssued: at[1]! < 0 ? undefined : f[at[1]!],
      lastReviewConcluded: at[2]! < 0 ? undefined : f[at[2]!],
      dateOfBirth: at[3]! < 0 ? undefined : f[at[3]!],
      ncYear: at[4]! < 0 ? undefined : f[at[4]!],
      transferKind: at[5]! < 0 ? undefined : f[at[5]!],
      transferDate: at[6]! < 0 ? undefined : f[at[6]!],
      meetingDate: at[7]! < 0 ? undefined : f[at[7]!],
    };
    if (isCleanPlanRow(cells)) {
      // Clean cells are the row's values as they are (acceptCleanPlanRow builds its value from them).
      const meeting = cells.meetingDate || undefined;
      const planned = planReviewOf(cells.lastReviewConcluded || cells.planIssued!, (cells.transferKind || undefined) as TransferKind | undefined, cells.transferDate || undefined, meeting, today);
      await keep(cells.id!, planned, meeting);
      return;
    }
    // The schema path (and zod with it) is loaded only for a row that is not clean.
    const parsed = (require('../../../shared/planning/parsePlanRow') as typeof import('../../../shared/planning/parsePlanRow')).parsePlanRow(cells);
    if (!parsed.ok) {
      bad++;
      const shown = cells.id?.trim() ? ` (id ${cells.id.trim()})` : '';
      await write(io.stderr, parsed.problems.map((p) => `line ${line}${shown}: ${p.field}: ${p.message}\n`).join(''));
      return;
    }
    await keep(parsed.value.id, planReview(parsed.value, today), parsed.value.meetingDate);
  };

  const cleanLine = cleanLineReader(today);
  await readPlanLines(counted(), {
    line(text, from, to, line) {
      if (index) {
        const row = cleanLine(text, from, to, at);
        if (row) {
          if (format === 'csv' && row.plainAsciiId) {
            if (row.idTo - row.idFrom > idWidth) idWidth = Math.min(row.idTo - row.idFrom, 24);
            return sorted.addAsciiPieces(row.planned.urgency, text, row.idFrom, row.idTo, csvTailBytesOf(row.planned), row.meetingFrom, row.meetingTo);
          }
          return keep(text.slice(row.idFrom, row.idTo), row.planned, row.meetingTo > row.meetingFrom ? text.slice(row.meetingFrom, row.meetingTo) : undefined);
        }
      }
      return record(line, text.slice(from, to).split(','));
    },
    entry(entry) {
      if (entry.problem === undefined) return record(entry.line, entry.fields);
      if (!index) throw new UsageError([`line ${entry.line}: ${entry.problem}`]);
      bad++;
      return write(io.stderr, `line ${entry.line}: ${entry.problem}\n`);
    },
    piece() {
      progress.update(bytes, sorted.size);
    },
  });
  progress.update(bytes, sorted.size, true);
  progress.finish();
  if (!index) throw new UsageError([`${input.name} is empty; expected a header row: ${planRowColumns.join(',')}`]);

  const formatter = formatterFor(format, idWidth);
  if (format === 'csv' && !escaped) {
    // Rows are held as CSV lines already: copy their bytes straight out.
    await write(io.stdout, formatter.header());
    for await (const bytes of sorted.drainBytes()) await write(io.stdout, bytes);
  } else {
    let out = formatter.header();
    let first = true;
    for await (const held of sorted.drain()) {
      out += formatter.row(held, first);
      first = false;
      if (out.length > 1 << 16) {
        await write(io.stdout, out);
        out = '';
      }
    }
    await write(io.stdout, out + formatter.footer());
  }
  if (bad) {
    io.stderr.write(`${sorted.size} plans planned; ${bad} row${bad === 1 ? '' : 's'} skipped because of the problems above.\n`);
    return 2;
  }
  return 0;
}

export const planCommand: Command = { name: 'plan', summary: 'the caseload planner: which reviews to book, most urgent first', usage, run: plan };
