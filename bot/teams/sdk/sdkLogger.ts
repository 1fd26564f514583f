import type { App } from '@microsoft/teams.apps';
import type { Logger } from '../../log/logger';

const REFUSED_SIGN_IN = /unauthori[sz]ed|jwt|token (?:is )?(?:missing|invalid|expired)|authorization header|401/i;

type SdkLogger = NonNullable<NonNullable<ConstructorParameters<typeof App>[0]>['logger']>;

/**
 * The SDK's logger interface over ours: its warnings and errors reach the service's JSON
 * log (through the redactor); its debug and info chatter, which includes whole activities
 * with names in them, does not.
 */
export function sdkLogger(logger: Logger, name = 'teams-sdk', quiet: RegExp[] = []): SdkLogger {
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  const self: SdkLogger = {
    debug: () => {},
    info: () => {},
    trace: () => {},
    warn: (...msg: unknown[]) => {
      const line = text(msg);
      if (!quiet.some((q) => q.test(line))) logger.warn(line, { component: name });
    },
    // A request refused for its token is the caller's fault, not the service's: a warning, not an error.
    error: (...msg: unknown[]) => {
      const line = text(msg);
      if (REFUSED_SIGN_IN.test(line)) logger.warn(line, { component: name });
      else logger.error(line, { component: name });
    },
    log: (level: string, ...msg: unknown[]) => {
      if (level === 'error') self.error(...msg);
      else if (level === 'warn') self.warn(...msg);
    },
    child: (child: string) => sdkLogger(logger, `${name}/${child}`, quiet),
  };
  return self;
}
