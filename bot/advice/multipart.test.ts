import { boundaryOf, parseMultipart } from './multipart';

const body = Buffer.from(
  '--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n' +
    '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\r\n--not the end\r\n' +
    '--XyZ--\r\n',
);

it('reads the boundary from the Content-Type, quoted or not', () => {
  expect(boundaryOf('multipart/form-data; boundary=XyZ')).toBe('XyZ');
  expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
  expect(boundaryOf('application/json')).toBeUndefined();
});

it('splits a body into its fields and its file, keeping the file bytes exactly', () => {
  const parts = parseMultipart(body, 'XyZ');
  expect(parts?.map((p) => [p.name, p.filename, p.contentType, p.data.toString()])).toEqual([
    ['note', undefined, undefined, 'hello'],
    ['file', 'report.pdf', 'application/pdf', '%PDF-1.7\r\n--not the end'],
  ]);
});

it('gives undefined for a body cut off before its closing boundary', () => {
  expect(parseMultipart(body.subarray(0, 80), 'XyZ')).toBeUndefined();
});
