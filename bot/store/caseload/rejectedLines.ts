import { csvLine } from '../../csv/write';
import type { LineProblem } from './importRows';

/**
 * The import's rejected lines as a CSV to fix and upload again: the file's own header with
 * a "problem" column added, then each rejected line as it was in the file with what is
 * wrong with it. A line that was not valid CSV comes back as its raw text (it cannot be
 * split into cells), followed by the problem.
 */
export function rejectedLinesCsv(csv: string, header: string[] | undefined, rejected: Map<number, string[] | null>, errors: LineProblem[]): string {
  const problems = new Map<number, string[]>();
  for (const e of errors) problems.set(e.line, [...(problems.get(e.line) ?? []), `${e.field}: ${e.message}`]);
  let raw: string[] | undefined;
  const lines = [csvLine([...(header ?? []), 'problem'])];
  for (const [line, fields] of [...rejected].sort((a, b) => a[0] - b[0])) {
    const problem = (problems.get(line) ?? ['rejected']).join('; ');
    if (fields) lines.push(csvLine([...fields, ...Array(Math.max(0, (header?.length ?? 0) - fields.length)).fill(''), problem]));
    else {
      raw ??= csv.split(/\r?\n/);
      lines.push(`${raw[line - 1] ?? ''},${csvLine([problem])}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
