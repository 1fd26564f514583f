import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { type CsvRecord, readCsv } from '../../../csv/read';

/**
 * Every record of a CSV file (or of standard input for "-"), with its line number, and the
 * lines that are not valid CSV (an unclosed quote...), each with what to fix: an import
 * that is all-or-nothing reports them with the rest.
 */
export async function readCsvFile(file: string, stdin: NodeJS.ReadableStream): Promise<{ records: CsvRecord[]; malformed: string[] }> {
  const stream = file === '-' ? (stdin as Readable) : createReadStream(file);
  const records: CsvRecord[] = [];
  const malformed: string[] = [];
  for await (const batch of readCsv(stream as AsyncIterable<Buffer | string>)) {
    for (const entry of batch) {
      if (entry.problem !== undefined) malformed.push(`line ${entry.line}: ${entry.problem}`);
      else records.push(entry);
    }
  }
  return { records, malformed };
}
