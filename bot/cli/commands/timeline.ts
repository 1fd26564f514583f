import { computeTimeline } from '../../../shared/timeline/computeTimeline';
import { parseCaseInput } from '../../../shared/timeline/parseCaseInput';
import type { CaseInput, Timeline } from '../../../shared/timeline/types';
import { formatFrom, parseCommandArgs, todayFrom } from '../args';
import { type Command, UsageError } from '../io';
import { openInput, readAll } from '../readInput';

const usage = `Usage: ehcp-review timeline FILE [--format json|text] [--today YYYY-MM-DD]

Reads one child's plan history as JSON (FILE, or - for standard input) and prints
every statutory date of the review: JSON by default, or a list a SENCO can read
with --format text (each step, its date, its source, and done/due/overdue against
--today, which defaults to today in Europe/London).

Fields (ISO dates): planIssued (required), lastReviewConcluded, dateOfBirth, ncYear,
transfer {kind: school|post16|post16-move, date}, meetingDate,
decision {outcome: maintain|amend|cease, notifiedOn}, amendmentNoticeServed,
review {kind: early|interim, startedOn, reason, restartsCycle} (a review out of its turn),
mediationCertificate, settings {notice: strict|lenient, anchor: decision|meeting}.`;

/** Turns JSON.parse's "at position N" into a line and column a person can find. */
function jsonProblem(text: string, error: Error): string {
  const at = /position (\d+)/.exec(error.message);
  const detail = error.message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '');
  if (!at) return `malformed JSON: ${detail}`;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `malformed JSON at line ${line}, column ${column}: ${detail}`;
}

/** The SENCO-readable form. */
export function timelineText(input: CaseInput, t: Timeline, today: string): string {
  const out = [`EHCP annual review timeline, as of ${today}`, `Plan issued ${input.planIssued}${input.lastReviewConcluded ? `; last review concluded ${input.lastReviewConcluded}` : ''}${input.meetingDate ? `; review meeting ${input.meetingDate}` : '; no meeting booked yet'}`, ''];
  const labelWidth = Math.max(...t.steps.map((s) => s.label.length));
  for (const s of t.steps) {
    const state = s.date === null ? 'note' : (s.state ?? '');
    out.push(`  ${state.padEnd(8)} ${(s.date ?? '').padEnd(10)}  ${s.label.padEnd(labelWidth)}  ${s.source}`);
  }
  if (t.warnings.length) {
    out.push('', 'Warnings:');
    for (const w of t.warnings) out.push(`  - ${w.message} [${w.code}]`);
  }
  return `${out.join('\n')}\n`;
}

export const timelineCommand: Command = {
  name: 'timeline',
  summary: 'every statutory date of one review, from a case in JSON',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, today: { type: 'string' } }, usage);
    if (positionals.length > 1) throw new UsageError(['give one file', usage]);
    const format = formatFrom(values.format, ['json', 'text'] as const, 'json');
    const today = todayFrom(values.today, io);
    const input = await openInput(positionals[0], io, usage);
    const text = await readAll(input.stream);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new UsageError([`${input.name}: ${jsonProblem(text, e as Error)}`]);
    }
    const parsed = parseCaseInput(raw);
    if (!parsed.ok) throw new UsageError(parsed.problems.map((p) => `${p.field}: ${p.message}`));
    const timeline = computeTimeline(parsed.value, { today });
    io.stdout.write(format === 'text' ? timelineText(parsed.value, timeline, today) : `${JSON.stringify(timeline, null, 2)}\n`);
    return 0;
  },
};
