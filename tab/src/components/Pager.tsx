import { Button, Text } from '@fluentui/react-components';

/** Previous / next for a table the service pages; says where the reader is. */
export function Pager(props: { label: string; page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const first = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const last = Math.min(props.total, props.page * props.pageSize);
  return (
    <nav aria-label={`${props.label} pages`} className="pager">
      <Button disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        Previous page
      </Button>
      <Text aria-live="polite">
        {props.total === 0 ? 'No rows' : `Rows ${first}–${last} of ${props.total} (page ${props.page} of ${pages})`}
      </Text>
      <Button disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>
        Next page
      </Button>
    </nav>
  );
}
