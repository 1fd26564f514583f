import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
// The CSV reader moves to bot/csv/ (#8); this is the one place that imports it here.
import { type CsvRecord, readCsvRecords } from '../../csv/parser';

/** Every record of a CSV file (or of standard input for "-"), with its line number. */
export async function readCsvFile(file: string, stdin: NodeJS.ReadableStream): Promise<CsvRecord[]> {
  const stream = file === '-' ? (stdin as Readable) : createReadStream(file);
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecords(stream as AsyncIterable<Buffer | string>)) records.push(...batch);
  return records;
}
