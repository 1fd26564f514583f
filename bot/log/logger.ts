import { redactText, redactValue } from './redact';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/**
 * The logging the identity and Graph layers need. Any logger with these three methods fits
 * (the service's own JSON logger, or {@link createJsonLogger}).
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Options for {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Receives each finished line (no trailing newline). Default: `process.stdout`. */
  write?: (line: string) => void;
  /** Fields added to every line, e.g. `{ component: 'graph' }`. */
  base?: LogFields;
  /** Clock for the `time` field; injectable so tests are stable. */
  now?: () => Date;
}

/**
 * A logger writing one JSON object per line. Every message and field goes through the
 * redactor first, so a token that slips into an error message is still never written.
 *
 * @example createJsonLogger().warn('consent missing', { tenantId }) // {"level":"warn","msg":"consent missing",...}
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const base = options.base ?? {};
  const emit = (level: string, message: string, fields?: LogFields) => {
    const safe = redactValue({ ...base, ...fields }) as LogFields;
    write(JSON.stringify({ time: now().toISOString(), level, msg: redactText(message), ...safe }));
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

/** A logger that drops everything; the default where the caller passes none. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
