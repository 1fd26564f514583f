import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Pager } from './Pager';
import { type Sort, SortHeader } from './SortHeader';

export interface Column<R, K extends string = string> {
  /** The header a person reads; also each cell's label when rows stack as cards (narrow screens). */
  header: string;
  cell: (row: R) => ReactNode;
  /** The service's sort key for this column, when the column sorts. */
  sort?: K;
  /** Marks cells for tests and styles (`data-col`). */
  id?: string;
}

export interface Paging {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/**
 * The one table of the tab: a caption (its accessible name), sortable headers that sort the
 * service's query (never the rows in the page), a pager, and rows that stack as labelled
 * cards below 600 px (Teams on a phone), so no column ever overlaps another.
 */
export function DataTable<R, K extends string = string>(props: {
  label: string;
  columns: Column<R, K>[];
  rows: R[];
  rowKey: (row: R) => string;
  rowData?: (row: R) => Record<`data-${string}`, string>;
  sort?: Sort<K>;
  onSort?: (sort: Sort<K>) => void;
  paging?: Paging;
  testId?: string;
  labelledBy?: string;
}) {
  const named = props.labelledBy ? { 'aria-labelledby': props.labelledBy } : { 'aria-label': props.label };
  return (
    <>
      <Table sortable={props.columns.some((c) => c.sort)} size="small" className="data-table" data-testid={props.testId} {...named}>
        <TableHeader>
          <TableRow>
            {props.columns.map((c) =>
              c.sort && props.sort && props.onSort ? (
                <SortHeader key={c.header} column={c.sort} sort={props.sort} onSort={props.onSort}>
                  {c.header}
                </SortHeader>
              ) : (
                <TableHeaderCell key={c.header}>{c.header}</TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((r) => (
            <TableRow key={props.rowKey(r)} {...(props.rowData?.(r) ?? {})}>
              {props.columns.map((c) => (
                <TableCell key={c.header} data-label={c.header} data-col={c.id}>
                  {c.cell(r)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {props.paging && <Pager label={props.label} {...props.paging} />}
    </>
  );
}
