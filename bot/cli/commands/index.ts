import type { Command } from '../io';

/** A sub-command as `--help` lists it; `load` requires its module only when it runs or shows its usage. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Command;
}

/*
 * Each command's module is required only when that command runs: importing all of
 * them (the store, Graph, the bot SDK, zod, docx...) took 0.43 s before `plan` read
 * its first row, against 0.18 s for `plan` alone (measured with `--help`).
 * A test checks each name and summary here against the command's own module.
 */
const entry = (name: string, summary: string, load: () => Command): CommandEntry => ({ name, summary, load });

/** Every `ehcp-review` sub-command; add a command by adding its module here. */
export const commands: CommandEntry[] = [
  entry('timeline', 'every statutory date of one review, from a case in JSON', () => (require('./timeline') as typeof import('./timeline')).timelineCommand),
  entry('plan', 'the caseload planner: which reviews to book, most urgent first', () => (require('./plan') as typeof import('./plan')).planCommand),
  entry('simulate', "a council's year of reviews, without and with the product", () => (require('./simulate') as typeof import('./simulate')).simulateCommand),
  entry('dev-token', 'a development bearer token for the local service (not in production)', () => (require('./devToken') as typeof import('./devToken')).devTokenCommand),
  entry('migrate', 'apply the store’s schema migrations (npm run migrate)', () => (require('./migrate') as typeof import('./migrate')).migrateCommand),
  entry('backup', 'copy the embedded store to a file, while the service runs or not', () => (require('./backup') as typeof import('./backup')).backupCommand),
  entry('restore', 'restore a backup of the embedded store into a new data folder', () => (require('./backup') as typeof import('./backup')).restoreCommand),
  entry('org', 'register and list organisations (councils, schools, NHS providers)', () => (require('./org') as typeof import('./org')).orgCommand),
  entry('person', 'register, list and remove people in organisations (one by one or from CSV)', () => (require('./person') as typeof import('./person')).personCommand),
  entry('retention', 'apply (or --dry-run) each council’s retention schedule', () => (require('./retention') as typeof import('./retention')).retentionCommand),
  entry('export', 'a subject access export of one child (zip)', () => (require('./exportChild') as typeof import('./exportChild')).exportChildCommand),
  entry('erase', 'erase one child (two steps: what would go, then --confirm)', () => (require('./eraseChild') as typeof import('./eraseChild')).eraseChildCommand),
  entry('tour', 'a guided tour: one demo review from booking to the letter, against the running service (development)', () => (require('./tour') as typeof import('./tour')).tourCommand),
];
