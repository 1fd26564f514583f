import { csvField, splitCsvLine } from '../csv/parser';

/** The planner's output columns, in order. */
export const planOutputColumns = ['id', 'status', 'reviewDeadline', 'latestMeetingDate', 'bookBy', 'meetingDate'] as const;

export type PlanFormat = 'csv' | 'json' | 'table';

/**
 * One output row as a CSV line (how rows are held while sorting; written out as is
 * for CSV). Only the id can need quoting: the other fields are statuses and dates.
 */
export function heldRow(id: string, status: string, reviewDeadline: string, latestMeetingDate: string, bookBy: string, meetingDate: string): string {
  // Rows are held one per line, so a line break inside an id becomes a space.
  const oneLine = /[\r\n]/.test(id) ? id.replace(/[\r\n]+/g, ' ') : id;
  return `${csvField(oneLine)},${status},${reviewDeadline},${latestMeetingDate},${bookBy},${meetingDate}`;
}

/** Turns held rows into the chosen format. */
export interface RowFormatter {
  header(): string;
  row(held: string, first: boolean): string;
  footer(): string;
}

export function formatterFor(format: PlanFormat, idWidth: number): RowFormatter {
  if (format === 'csv') {
    return { header: () => `${planOutputColumns.join(',')}\n`, row: (held) => `${held}\n`, footer: () => '' };
  }
  if (format === 'json') {
    return {
      header: () => '[',
      row: (held, first) => {
        const f = splitCsvLine(held);
        const obj = Object.fromEntries(planOutputColumns.map((c, i) => [c, f[i] ? f[i] : null]));
        return `${first ? '\n' : ',\n'}  ${JSON.stringify(obj)}`;
      },
      footer: () => '\n]\n',
    };
  }
  const widths = [Math.max(idWidth, 2), 13, 14, 18, 10, 11];
  const line = (cells: string[]) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return {
    header: () => line(['ID', 'STATUS', 'REVIEW BY', 'LATEST MEETING', 'BOOK BY', 'MEETING']) + line(widths.map((w) => '-'.repeat(w))),
    row: (held) => line(splitCsvLine(held)),
    footer: () => '',
  };
}
