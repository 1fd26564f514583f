import type { RenderableDocument } from '../../shared';

/**
 * A document (the meeting report) as a .docx or a tagged PDF, loaded on first use like
 * the letter's renderers (`render.ts`).
 *
 * @example const pdf = await renderDocument(reportDocument(content, facts), 'pdf')
 */
export function renderDocument(d: RenderableDocument, format: 'docx' | 'pdf'): Promise<Buffer> {
  if (format === 'docx') return (require('./renderDocumentDocx') as typeof import('./renderDocumentDocx')).renderDocumentDocx(d);
  return (require('./renderDocumentPdf') as typeof import('./renderDocumentPdf')).renderDocumentPdf(d);
}
