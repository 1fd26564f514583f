import { TableHeaderCell } from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface Sort<K extends string> {
  key: K;
  dir: 'asc' | 'desc';
}

/** A column header that sorts the service's query (never the rows in the page). */
export function SortHeader<K extends string>(props: { column: K; sort: Sort<K>; onSort: (sort: Sort<K>) => void; children: ReactNode }) {
  const active = props.sort.key === props.column;
  return (
    <TableHeaderCell
      sortDirection={active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
      onClick={() => props.onSort({ key: props.column, dir: active && props.sort.dir === 'asc' ? 'desc' : 'asc' })}
    >
      {props.children}
    </TableHeaderCell>
  );
}
