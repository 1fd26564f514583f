import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Loaded } from './useLoad';

/** A view's loading and error states, or its content once there is data. */
export function Status<T>(props: { loaded: Loaded<T>; label: string; children: (data: T) => ReactNode }) {
  if (props.loaded.error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{props.loaded.error.message}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!props.loaded.data) return <Spinner label={`Loading ${props.label}…`} />;
  return <>{props.children(props.loaded.data)}</>;
}

/** A figure with its label, for the counts at the top of a view. */
export function Figure(props: { label: string; value: number | string; testId?: string }) {
  return (
    <div className="figure" data-testid={props.testId}>
      <span className="figure-value">{props.value}</span>
      <span className="figure-label">{props.label}</span>
    </div>
  );
}
