import { type MeetingProposal, checkMeetingProposal } from './checkMeetingProposal';

// Plan issued 2026-01-12: review deadline 2027-01-11, latest meeting date 2026-12-14.
const everyone: MeetingProposal['invitees'] = ['parent', 'school', 'la-send-officer', 'health', 'social-care'];
const proposal = (over: Partial<MeetingProposal> = {}): MeetingProposal => ({
  case: { planIssued: '2026-01-12' },
  meetingDate: '2026-11-24',
  invitationsSentOn: '2026-11-09',
  invitees: everyone,
  mode: 'in-person',
  ...over,
});
const codes = (p: MeetingProposal) => checkMeetingProposal(p).map((f) => `${f.severity}:${f.code}`);

describe('checking a proposed review meeting', () => {
  it('finds nothing wrong with a meeting on Tuesday 2026-11-24 invited on 2026-11-09 with everyone who must come', () => {
    expect(checkMeetingProposal(proposal())).toEqual([]);
  });
  it('blocks invitations sent on 2026-11-10 (strict reading needs 2026-11-09) and says what to change', () => {
    const [f] = checkMeetingProposal(proposal({ invitationsSentOn: '2026-11-10' }));
    expect(f).toMatchObject({ code: 'notice-too-short', severity: 'block', source: 'Reg 20(2)-(3); CoP 9.176' });
    expect(f?.message).toContain('send them by 2026-11-09');
  });
  it('accepts invitations on 2026-11-10 under the lenient reading', () => {
    expect(codes(proposal({ invitationsSentOn: '2026-11-10', settings: { notice: 'lenient' } }))).toEqual([]);
  });
  it('warns, never blocks, a meeting on 2026-12-15, 1 day after the latest meeting date 2026-12-14', () => {
    const found = checkMeetingProposal(proposal({ meetingDate: '2026-12-15', invitationsSentOn: '2026-11-30' }));
    expect(found.map((f) => `${f.severity}:${f.code}`)).toEqual(['warn:meeting-after-latest-date']);
    expect(found[0]?.message).toContain('1 day after the latest meeting date 2026-12-14');
  });
  it('warns that a meeting on 2027-01-12 is 1 day after the review deadline 2027-01-11, naming s44(1)', () => {
    const found = checkMeetingProposal(proposal({ meetingDate: '2027-01-12', invitationsSentOn: '2026-12-01' }));
    expect(found.map((f) => `${f.severity}:${f.code}`)).toEqual(['warn:meeting-after-review-deadline']);
    expect(found[0]).toMatchObject({ source: 'CFA 2014 s44(1); Reg 20(1); CoP 9.169' });
    expect(found[0]?.message).toContain('is 1 day after the review deadline 2027-01-11 (CFA 2014 s44(1)): the review is late');
  });
  it('books an overdue review (plan issued 2025-11-06, deadline 2026-11-05) for Tuesday 2026-12-22 with a lateness warning only', () => {
    const found = checkMeetingProposal(proposal({ case: { planIssued: '2025-11-06' }, meetingDate: '2026-12-22', invitationsSentOn: '2026-12-07', today: '2026-12-07' }));
    expect(found.filter((f) => f.severity === 'block')).toEqual([]);
    expect(found.find((f) => f.code === 'meeting-after-review-deadline')?.message).toContain('47 days after the review deadline 2026-11-05');
  });
  it('still blocks too little notice on a late meeting: lateness is no excuse for less than two weeks', () => {
    expect(codes(proposal({ case: { planIssued: '2025-11-06' }, meetingDate: '2026-12-15', invitationsSentOn: '2026-12-07' }))).toContain('block:notice-too-short');
  });
  it('needs no school invitee for a Reg 21 review (a child at no school), and still needs the others', () => {
    expect(codes(proposal({ invitees: ['parent', 'la-send-officer', 'health', 'social-care'], runBy: 'reg21' }))).toEqual([]);
    expect(codes(proposal({ invitees: ['parent', 'la-send-officer', 'health', 'social-care'] }))).toEqual(['block:required-role-missing']);
    expect(codes(proposal({ invitees: ['la-send-officer', 'health', 'social-care'], runBy: 'reg21' }))).toEqual(['block:required-role-missing']);
  });
  it('blocks each required role not invited: LA SEN officer, health and social care', () => {
    const found = checkMeetingProposal(proposal({ invitees: ['parent', 'school'] }));
    expect(found.map((f) => f.code)).toEqual(['required-role-missing', 'required-role-missing', 'required-role-missing']);
    expect(found.map((f) => f.message)).toEqual([
      'Invite an LA SEN officer: they must be invited to every review.',
      'Invite a health service representative: they must be invited to every review.',
      'Invite an LA social care representative: they must be invited to every review.',
    ]);
  });
  it('accepts the young person in place of the parent', () => {
    expect(codes(proposal({ invitees: ['young-person', 'school', 'la-send-officer', 'health', 'social-care'] }))).toEqual([]);
  });
  it('blocks a Year 9 review that will not cover preparing for adulthood', () => {
    expect(codes(proposal({ case: { planIssued: '2026-01-12', ncYear: 9 }, coversPreparingForAdulthood: false }))).toEqual(['block:pfa-missing']);
  });
  it('warns when a Year 11 student moving to post-16 has no post-16 institution invited', () => {
    const c = { planIssued: '2026-01-12', ncYear: 11, transfer: { kind: 'post16' as const, date: '2027-09-01' } };
    expect(codes(proposal({ case: c }))).toEqual(['warn:post16-not-invited']);
    expect(codes(proposal({ case: c, invitees: [...everyone, 'post16-institution'] }))).toEqual([]);
  });
  it('warns by default about a red-rated review set up as virtual, blocks it where the council says so (Derby), and allows it in person', () => {
    expect(codes(proposal({ rating: 'red', mode: 'virtual' }))).toEqual(['warn:red-review-virtual']);
    expect(codes(proposal({ rating: 'red', mode: 'virtual', redMeansInPerson: 'block' }))).toEqual(['block:red-review-virtual']);
    expect(codes(proposal({ rating: 'red', mode: 'in-person' }))).toEqual([]);
  });
  it('warns when an amber-rated review is virtual and allows a green one', () => {
    expect(codes(proposal({ rating: 'amber', mode: 'virtual' }))).toEqual(['warn:amber-review-virtual']);
    expect(codes(proposal({ rating: 'green', mode: 'virtual' }))).toEqual([]);
  });
  it('warns about a meeting on Saturday 2026-11-28', () => {
    expect(codes(proposal({ meetingDate: '2026-11-28', invitationsSentOn: '2026-11-09' }))).toEqual(['warn:weekend']);
  });
  it('warns about a meeting on the early May bank holiday, Monday 2027-05-03', () => {
    const c = { planIssued: '2026-06-01' };
    expect(codes(proposal({ case: c, meetingDate: '2027-05-03', invitationsSentOn: '2027-04-01' }))).toEqual(['warn:bank-holiday']);
  });
  it('warns about a meeting in the February half term (2027-02-16) using the default term dates', () => {
    const c = { planIssued: '2026-06-01' };
    expect(codes(proposal({ case: c, meetingDate: '2027-02-16', invitationsSentOn: '2027-01-20' }))).toEqual(['warn:school-holiday']);
  });
  it('uses a council’s own term dates when given', () => {
    const terms = { council: 'Example', terms: [{ name: 'Autumn', start: '2026-09-01', end: '2026-11-20' }, { name: 'Spring', start: '2027-01-05', end: '2027-03-26' }] };
    expect(codes(proposal({ terms }))).toEqual(['warn:school-holiday']);
  });
  it('blocks a meeting before the plan was issued', () => {
    expect(codes(proposal({ meetingDate: '2026-01-10', invitationsSentOn: '2025-12-20' }))).toContain('block:meeting-before-plan');
  });
  it('warns when invitations are dated before today, and blocks invitations after the meeting', () => {
    expect(codes(proposal({ today: '2026-11-10' }))).toEqual(['warn:invitations-in-past']);
    expect(codes(proposal({ invitationsSentOn: '2026-11-25' }))).toEqual(['block:notice-too-short', 'block:invitations-after-meeting']);
  });
});
