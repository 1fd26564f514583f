import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { readUpload } from './multipart';

/** A request stream as the HTTP server hands it over: headers and the body's bytes. */
function request(body: Buffer | string, contentType = 'multipart/form-data; boundary=XyZ'): IncomingMessage {
  const stream = new PassThrough() as unknown as IncomingMessage & PassThrough;
  stream.headers = { 'content-type': contentType };
  (stream as PassThrough).end(body);
  return stream;
}

const part = (name: string, value: string, filename?: string) =>
  `--XyZ\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n${value}\r\n`;

it('reads the fields and the file, keeping the file bytes exactly', async () => {
  const read = await readUpload(request(`${part('note', 'hello')}${part('file', '%PDF-1.7\r\n--not the end', 'report.pdf')}--XyZ--\r\n`), { maxFileBytes: 1000 });
  expect(read).toEqual({ ok: true, fields: { note: 'hello' }, file: { field: 'file', filename: 'report.pdf', data: Buffer.from('%PDF-1.7\r\n--not the end') } });
});

it('refuses a file over the limit, a second file, and too many fields', async () => {
  expect(await readUpload(request(`${part('file', 'x'.repeat(2000), 'a.pdf')}--XyZ--\r\n`), { maxFileBytes: 1000 })).toEqual({ ok: false, reason: 'too-large' });
  expect(await readUpload(request(`${part('file', 'a', 'a.pdf')}${part('file2', 'b', 'b.pdf')}--XyZ--\r\n`), { maxFileBytes: 1000 })).toEqual({ ok: false, reason: 'too-many' });
  const many = Array.from({ length: 12 }, (_, i) => part(`f${i}`, 'v')).join('');
  expect(await readUpload(request(`${many}--XyZ--\r\n`), { maxFileBytes: 1000 })).toEqual({ ok: false, reason: 'too-many' });
});

it('says malformed for a body that is not multipart/form-data, or is cut off', async () => {
  expect(await readUpload(request('{}', 'application/json'), { maxFileBytes: 1000 })).toEqual({ ok: false, reason: 'malformed' });
  expect(await readUpload(request(`${part('file', 'abc', 'a.pdf')}`.slice(0, 60)), { maxFileBytes: 1000 })).toEqual({ ok: false, reason: 'malformed' });
});
