import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reminderTableMarkdown } from '../../shared';

describe('the README’s reminder table', () => {
  it('is the one the code generates (kind, who, when, rule, source)', () => {
    const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const table = /<!-- reminders:start -->\n([\s\S]*?)\n<!-- reminders:end -->/.exec(readme)?.[1];
    expect(table).toBe(reminderTableMarkdown());
  });
});
