import { csvField } from '../csv/parser';

/** The planner's output columns, in order. */
export const planOutputColumns = ['id', 'status', 'reviewDeadline', 'latestMeetingDate', 'bookBy', 'meetingDate'] as const;

/** Fields of one output row are held joined by this separator until they are written. */
export const SEP = '\x1f';

export type PlanFormat = 'csv' | 'json' | 'table';

/** Turns held rows into the chosen format, a line (or a few) at a time. */
export interface RowFormatter {
  header(): string;
  row(held: string, first: boolean): string;
  footer(): string;
}

export function formatterFor(format: PlanFormat, idWidth: number): RowFormatter {
  if (format === 'csv') {
    return {
      header: () => `${planOutputColumns.join(',')}\n`,
      row: (held) => `${held.split(SEP).map(csvField).join(',')}\n`,
      footer: () => '',
    };
  }
  if (format === 'json') {
    return {
      header: () => '[',
      row: (held, first) => {
        const f = held.split(SEP);
        const obj = Object.fromEntries(planOutputColumns.map((c, i) => [c, f[i] === '' ? null : f[i]]));
        return `${first ? '\n' : ',\n'}  ${JSON.stringify(obj)}`;
      },
      footer: () => '\n]\n',
    };
  }
  const widths = [Math.max(idWidth, 2), 13, 14, 18, 10, 11];
  const line = (cells: string[]) => `${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  return {
    header: () => line(['ID', 'STATUS', 'REVIEW BY', 'LATEST MEETING', 'BOOK BY', 'MEETING']) + line(widths.map((w) => '-'.repeat(w))),
    row: (held) => line(held.split(SEP)),
    footer: () => '',
  };
}
