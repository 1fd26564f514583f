import { amendmentsFromText } from './proposedAmendments';

describe('amendments typed on the card or sent as text, one per line', () => {
  it('reads the plan section before the first colon and the change after it', () => {
    expect(amendmentsFromText('Section F: Add weekly speech and language therapy, 30 minutes, 1:1.\nb (needs): Add spoken language')).toEqual([
      { section: 'F', change: 'Add weekly speech and language therapy, 30 minutes, 1:1.' },
      { section: 'B (needs)', change: 'Add spoken language' },
    ]);
  });
  it('keeps a line without a section, under "to be confirmed", and drops blank lines and bullets', () => {
    expect(amendmentsFromText('- More help with reading\n\n')).toEqual([{ section: 'to be confirmed', change: 'More help with reading' }]);
  });
});
