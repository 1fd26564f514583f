/**
 * The domain's common types, in one place that every part of shared/ imports
 * (calendar, timeline, planning, compliance), so none of them depends on another for
 * a type. Dates are ISO calendar dates ("2026-03-31") meaning a day in Europe/London.
 */

/** An ISO calendar date, `YYYY-MM-DD`, a day in Europe/London. */
export type IsoDate = string;

/** How "at least two weeks' notice/before" is read (DOMAIN.md, date arithmetic). */
export type NoticeReading = 'strict' | 'lenient';
