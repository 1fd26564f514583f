import { adviceCirculatedBy } from './adviceCirculatedBy';
import { adviceRequestedBy } from './adviceRequested';
import { invitationsBy } from './invitationsBy';
import { dueListBy } from './dueList';

describe('before the meeting (Reg 20(2)-(4); CoP 9.176)', () => {
  it('needs invitations out by 2026-06-15 for a meeting on 2026-06-30 under the strict reading', () => {
    expect(invitationsBy('2026-06-30', 'strict')).toBe('2026-06-15');
  });
  it('needs invitations out by 2026-06-16 for a meeting on 2026-06-30 under the lenient reading', () => {
    expect(invitationsBy('2026-06-30', 'lenient')).toBe('2026-06-16');
  });
  it('needs invitations out by 2026-10-20 for a meeting on 2026-11-04, across the October clock change (strict)', () => {
    expect(invitationsBy('2026-11-04', 'strict')).toBe('2026-10-20');
  });
  it('needs advice circulated by 2027-03-14 for a meeting on 2027-03-29, across the March clock change (strict)', () => {
    expect(adviceCirculatedBy('2027-03-29', 'strict')).toBe('2027-03-14');
  });
  it('needs advice circulated by 2027-03-15 for the same meeting under the lenient reading', () => {
    expect(adviceCirculatedBy('2027-03-29', 'lenient')).toBe('2027-03-15');
  });
  it('suggests requesting advice by 2026-05-12 for a meeting on 2026-06-30 (seven weeks ahead)', () => {
    expect(adviceRequestedBy('2026-06-30')).toBe('2026-05-12');
  });
  it('needs the LA’s list of reviews due to reach head teachers by 2026-12-21 for a term starting 2027-01-05 (CoP 9.172)', () => {
    expect(dueListBy('2027-01-05', 'strict')).toBe('2026-12-21');
    expect(dueListBy('2027-01-05', 'lenient')).toBe('2026-12-22');
  });
});
