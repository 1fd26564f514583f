import pino, { type DestinationStream, type LevelWithSilent } from 'pino';
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

/** The least severe level a logger writes (`LOG_LEVEL`); errors are always written. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Options for {@link createJsonLogger}. */
export interface JsonLoggerOptions {
  /** Receives each finished line (no trailing newline). Default: standard output. */
  write?: (line: string) => void;
  /** Fields added to every line, e.g. `{ component: 'graph' }`. */
  base?: LogFields;
  /** Clock for the `time` field; injectable so tests are stable. */
  now?: () => Date;
  /** Lines below this level are dropped. Default: `info` (everything). */
  level?: LogLevel;
}

/**
 * A pino logger writing one JSON object per line. Every message and field goes through the
 * redactor first (pino's `logMethod` hook), so a token that slips into an error message is
 * still never written.
 *
 * @example createJsonLogger().warn('consent missing', { tenantId }) // {"level":"warn","msg":"consent missing",...}
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const now = options.now ?? (() => new Date());
  const write = options.write;
  // pino hands a destination each line with its newline; the `write` option takes bare lines.
  const destination: DestinationStream = write ? { write: (chunk: string) => write(chunk.replace(/\n$/, '')) } : pino.destination({ fd: 1, sync: true });
  const log = pino(
    {
      level: (options.level ?? 'info') satisfies LevelWithSilent,
      // No pid/hostname: a line carries only what the caller chose to put in it.
      base: redactValue(options.base ?? {}) as LogFields,
      messageKey: 'msg',
      timestamp: () => `,"time":${JSON.stringify(now().toISOString())}`,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : redactValue(arg)));
          method.apply(this, redacted as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  const emit = (level: LogLevel) => (message: string, fields?: LogFields) => (fields ? log[level](fields, message) : log[level](message));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything; the default where the caller passes none. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
