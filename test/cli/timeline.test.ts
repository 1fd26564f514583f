import { cli } from './runCli';

describe('ehcp-review timeline', () => {
  it('prints every key as an ISO date or null, with warnings', async () => {
    const r = await cli(['timeline', 'examples/case-first-review.json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    for (const key of ['reviewDeadline', 'latestMeetingDate', 'transferDeadline', 'invitationsBy', 'adviceCirculatedBy', 'reportDue', 'decisionDue', 'familyResponseBy', 'finalAmendedPlanDue', 'nextReviewDeadline', 'appealDeadline', 'under5ReviewBy']) {
      expect(t[key] === null || /^\d{4}-\d{2}-\d{2}$/.test(t[key])).toBe(true);
    }
    expect(t).toMatchObject({ reviewDeadline: '2026-11-30', decisionDue: '2026-11-10', preparingForAdulthood: false, warnings: [] });
  });

  it('reads standard input for -', async () => {
    const r = await cli(['timeline', '-'], { stdin: '{"planIssued":"2026-03-01"}' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).reviewDeadline).toBe('2027-02-28');
  });

  it('prints a readable list with states against --today and sources', async () => {
    const r = await cli(['timeline', 'examples/case-amend.json', '--format', 'text', '--today', '2026-11-24']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('EHCP annual review timeline, as of 2026-11-24');
    expect(r.stdout).toMatch(/done\s+2026-09-15\s+Hold the review meeting\s+CoP 9\.169/);
    expect(r.stdout).toMatch(/due\s+2026-12-04\s+Issue the final amended plan\s+Reg 22\(3\)/);
    expect(r.stdout).toMatch(/done\s+2026-10-23\s+Family’s 15 days/);
  });

  it('exits 2 naming each bad field, with no stack trace', async () => {
    const r = await cli(['timeline', '-'], { stdin: '{"planIssued":"2025-02-30","meetingDate":"2026-13-01"}' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'ehcp-review timeline: planIssued: "2025-02-30" is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)',
      'ehcp-review timeline: meetingDate: "2026-13-01" is not a real calendar date; use YYYY-MM-DD (for example 2026-03-31)',
    ]);
    expect(r.stdout).toBe('');
  });

  it('exits 2 when planIssued is missing', async () => {
    const r = await cli(['timeline', '-'], { stdin: '{"meetingDate":"2026-10-13"}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ehcp-review timeline: planIssued: is required\n');
  });

  it('exits 2 for a meeting before the plan and a decision before its meeting', async () => {
    const a = await cli(['timeline', '-'], { stdin: '{"planIssued":"2026-03-01","meetingDate":"2026-02-01"}' });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('meetingDate: 2026-02-01 is before the plan was issued (2026-03-01)');
    const b = await cli(['timeline', '-'], { stdin: '{"planIssued":"2026-03-01","meetingDate":"2027-01-10","decision":{"outcome":"maintain","notifiedOn":"2027-01-09"}}' });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('decision.notifiedOn: 2027-01-09 is before its review meeting (2027-01-10)');
  });

  it('exits 2 for malformed JSON, saying where', async () => {
    const r = await cli(['timeline', '-'], { stdin: '{\n  "planIssued": "2026-03-01",\n}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ehcp-review timeline: standard input: malformed JSON at line 3, column 1: /);
    expect(r.stderr).not.toContain('    at ');
  });

  it('exits 2 for a missing file, a bad --today and a bad --format', async () => {
    expect((await cli(['timeline', 'nope.json'])).stderr).toBe('ehcp-review timeline: cannot read nope.json: no such file\n');
    expect((await cli(['timeline', 'examples/case-amend.json', '--today', '2026-02-30'])).code).toBe(2);
    const f = await cli(['timeline', 'examples/case-amend.json', '--format', 'xml']);
    expect(f).toMatchObject({ code: 2, stderr: 'ehcp-review timeline: --format: "xml" is not one of json, text\n' });
  });
});

describe('ehcp-review itself', () => {
  it('lists its commands with --help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('timeline');
    expect(r.stdout).toContain('plan');
  });
  it('exits 2 on an unknown command', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });
});
