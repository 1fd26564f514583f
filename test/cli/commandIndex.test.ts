import { commands } from '../../bot/cli/commands';

describe('the lazily loaded command list', () => {
  it.each(commands.map((c) => [c.name, c] as const))('lists %s with the name and summary its own module gives', (_name, entry) => {
    const command = entry.load();
    expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
  });
});
