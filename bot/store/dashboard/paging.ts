import type { Page } from '../../../shared/dashboard/types';
export type { Page };

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** The SQL `limit`/`offset` values for a page (offset paging: pages are numbered in the tab). */
export function limitOffset(p: PageRequest): [number, number] {
  return [p.pageSize, (p.page - 1) * p.pageSize];
}

/**
 * An `order by` list from a whitelisted sort key, so a caller's sort never reaches the SQL
 * as text; `tiebreak` (a unique column) keeps pages stable when the sort key repeats.
 */
export function orderBy<K extends string>(columns: Record<K, string>, key: K, dir: 'asc' | 'desc', tiebreak: string): string {
  const nulls = dir === 'asc' ? 'nulls last' : 'nulls first';
  return `${columns[key]} ${dir} ${nulls}, ${tiebreak} ${dir}`;
}
