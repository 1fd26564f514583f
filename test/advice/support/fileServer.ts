import { createServer } from 'node:http';
import { closeServer, listenLocal } from '../../../testkit/graph-server/http';

/** A file the local server serves, as Teams' pre-authenticated download URL would. */
export interface ServedFile {
  content: Buffer;
  /** Leave out Content-Length (chunked), as a server streaming a file may. */
  chunked?: boolean;
}

/** A local stand-in for the SharePoint download URL Teams puts in a file attachment. */
export interface FileServer {
  url(path: string): string;
  serve(path: string, file: ServedFile): void;
  /** Bytes written per path, to show a refused oversized download was not read to its end. */
  sent: Map<string, number>;
  /** Authorization headers received (there must be none). */
  authorizations: string[];
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, ServedFile>();
  const sent = new Map<string, number>();
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = files.get(path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', ...(file.chunked ? {} : { 'Content-Length': String(file.content.length) }) });
    // Written in 64 KiB pieces with back-pressure, so a client that stops reading stops the sending.
    let offset = 0;
    const pump = () => {
      while (offset < file.content.length) {
        const piece = file.content.subarray(offset, offset + 65536);
        offset += piece.length;
        sent.set(path, (sent.get(path) ?? 0) + piece.length);
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  const origin = await listenLocal(server);
  return {
    url: (path) => `${origin}${path}`,
    serve: (path, file) => void files.set(path, file),
    sent,
    authorizations,
    close: () => closeServer(server),
  };
}
