/**
 * Escapes text for HTML element content and for quoted attribute values: the one escaper
 * for every page and email body the service writes (reminders, letters' covering emails,
 * the development mail folder, the subject access summary).
 *
 * @example escapeHtml(`Ben O'Brien <ben@home.example>`) //=> 'Ben O&#39;Brien &lt;ben@home.example&gt;'
 */
export function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
