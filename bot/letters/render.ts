import type { DecisionLetter } from '../../shared';

/**
 * The letter as a .docx or a PDF. The renderers (docx, pdfkit and its fonts) are loaded on
 * first use, so the service starts without them.
 *
 * @example const pdf = await renderLetter(letter, 'pdf')
 */
export function renderLetter(letter: DecisionLetter, format: 'docx' | 'pdf'): Promise<Buffer> {
  // require, not import(): the build is CommonJS, and a synchronous require is cached after the first letter.
  if (format === 'docx') return (require('./renderDocx') as typeof import('./renderDocx')).renderLetterDocx(letter);
  return (require('./renderPdf') as typeof import('./renderPdf')).renderLetterPdf(letter);
}
