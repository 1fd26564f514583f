import { checkMeetingProposal } from './checkMeetingProposal';
import { type Addressing, compulsorySchoolAgeEnds, familyAddressee } from './familyAddressee';
import type { InviteeRole } from './inviteeRoles';

describe('the end of compulsory school age', () => {
  it('is Friday 2026-06-26 for a child born 2010-08-31 (16 on 31 Aug 2026, in the school year 2025/26)', () => {
    expect(compulsorySchoolAgeEnds('2010-08-31')).toBe('2026-06-26');
  });
  it('is Friday 2027-06-25 for a child born a day later, 2010-09-01 (16 in the school year 2026/27)', () => {
    expect(compulsorySchoolAgeEnds('2010-09-01')).toBe('2027-06-25');
  });
  it('is Friday 2028-06-30 when 30 June itself is a Friday (born 2012-01-15)', () => {
    expect(compulsorySchoolAgeEnds('2012-01-15')).toBe('2028-06-30');
  });
});

describe('who the family’s letters and invitations are addressed to (CFA 2014 s80; Regs 63-64)', () => {
  it('addresses the parent up to and on the last day of compulsory school age, 2026-06-26', () => {
    expect(familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-26' })).toEqual({ to: 'parent', copyParent: false, compulsorySchoolAgeEnds: '2026-06-26', source: 'CFA 2014 s80; Regs 63-64' });
  });
  it('addresses the young person from Monday 2026-06-29, the parent not copied unless the young person wishes it', () => {
    expect(familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-29' })).toMatchObject({ to: 'young-person', copyParent: false });
    expect(familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-29', addressing: 'young-person-and-parent' })).toMatchObject({ to: 'young-person', copyParent: true });
  });
  it('addresses the alternative person for a young person who lacks capacity, but only once over compulsory school age', () => {
    expect(familyAddressee({ dateOfBirth: '2008-03-01', on: '2026-12-07', addressing: 'alternative-person' })).toMatchObject({ to: 'alternative-person' });
    expect(familyAddressee({ dateOfBirth: '2012-03-01', on: '2026-12-07', addressing: 'alternative-person' })).toMatchObject({ to: 'parent' });
  });
  it('addresses the parent when the date of birth is not known', () => {
    expect(familyAddressee({ on: '2026-12-07' })).toEqual({ to: 'parent', copyParent: false, compulsorySchoolAgeEnds: null, source: 'CFA 2014 s80; Regs 63-64' });
  });
});

describe('inviting the young person over compulsory school age (checkMeetingProposal)', () => {
  const proposal = (invitees: InviteeRole[], addressing?: Addressing) =>
    checkMeetingProposal({ case: { planIssued: '2026-03-01', dateOfBirth: '2009-01-20' }, meetingDate: '2027-01-12', invitationsSentOn: '2026-12-07', invitees, mode: 'in-person', addressing });
  const others: InviteeRole[] = ['school', 'la-send-officer', 'health', 'social-care'];
  it('blocks a meeting on 2027-01-12 that invites only the parent of a young person whose compulsory school age ended on 2025-06-27', () => {
    expect(proposal(['parent', ...others]).filter((f) => f.severity === 'block')).toEqual([
      {
        code: 'young-person-not-invited',
        severity: 'block',
        source: 'CFA 2014 s80; Regs 63-64',
        message: "Invite the young person, as the young person: they are over compulsory school age (it ended on 2025-06-27), so the invitation is theirs, the parent's only as well where the young person wishes it (CFA 2014 s80; Regs 63-64).",
      },
    ]);
  });
  it('warns when the parent is invited as well, unless the case records that the young person wishes it', () => {
    expect(proposal(['young-person', 'parent', ...others]).map((f) => f.code)).toContain('parent-invited-over-age');
    expect(proposal(['young-person', 'parent', ...others], 'young-person-and-parent').map((f) => f.code)).not.toContain('parent-invited-over-age');
  });
  it('still takes the parent for a child of 14 (born 2012-03-01)', () => {
    const findings = checkMeetingProposal({ case: { planIssued: '2026-03-01', dateOfBirth: '2012-03-01' }, meetingDate: '2027-01-12', invitationsSentOn: '2026-12-07', invitees: ['parent', ...others], mode: 'in-person' });
    expect(findings.filter((f) => f.severity === 'block')).toEqual([]);
  });
});
