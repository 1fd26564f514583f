import { parseCommand } from '../../bot/teams/commands';

describe('parseCommand', () => {
  it('reads "help", "my reviews" and "overdue" whatever the case and spacing', () => {
    expect(parseCommand(' HELP ')).toEqual({ kind: 'help' });
    expect(parseCommand('My   Reviews')).toEqual({ kind: 'my-reviews' });
    expect(parseCommand('overdue')).toEqual({ kind: 'overdue' });
  });
  it('strips mentions and the HTML Teams wraps channel messages in', () => {
    expect(parseCommand('<at>EHCP Review Assistant</at>&nbsp;<p>my reviews</p>')).toEqual({ kind: 'my-reviews' });
  });
  it('keeps the council reference of "record decision DEMO-0007" as written', () => {
    expect(parseCommand('Record decision DEMO-0007')).toEqual({ kind: 'record-decision', laReference: 'DEMO-0007' });
    expect(parseCommand('record decision for ab/12')).toEqual({ kind: 'record-decision', laReference: 'ab/12' });
  });
  it('asks for the reference when "record decision" has none', () => {
    expect(parseCommand('record decision')).toEqual({ kind: 'record-decision-without-reference' });
  });
  it('treats an empty message as help and anything else as unknown', () => {
    expect(parseCommand(undefined)).toEqual({ kind: 'help' });
    expect(parseCommand('what is due?')).toEqual({ kind: 'unknown', text: 'what is due?' });
  });
});
