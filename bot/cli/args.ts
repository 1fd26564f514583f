import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isIsoDate } from '../../shared/calendar/isoDate';
import { type CliIo, UsageError } from './io';

/** node:util parseArgs with its errors turned into a usage message. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError([(e as Error).message.replace(/\. To specify a positional argument.*$/, ''), usage]);
  }
}

/** The options of a command that takes no positional arguments: a stray word is refused, not ignored. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, usage: string) {
  const { values, positionals } = parseCommandArgs(args, options, usage);
  if (positionals.length > 0) throw new UsageError([`unexpected "${positionals[0]}"; every value needs its option name`, usage]);
  return values;
}

/** `--today` as given (checked), or today's date in Europe/London. */
export function todayFrom(value: string | undefined, io: CliIo): string {
  if (value === undefined) {
    // Required here: the time-zone library it needs is about 40 ms of start-up that `--today` does without.
    const { londonToday } = require('../../shared/calendar/londonToday') as typeof import('../../shared/calendar/londonToday');
    return londonToday(io.now());
  }
  if (!isIsoDate(value)) throw new UsageError([`--today: "${value}" is not a real calendar date; use YYYY-MM-DD`]);
  return value;
}

/** Checks `--format` against the allowed values. */
export function formatFrom<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError([`--format: "${value}" is not one of ${allowed.join(', ')}`]);
  return value as F;
}
