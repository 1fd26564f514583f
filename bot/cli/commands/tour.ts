import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { unzipSync, strFromU8 } from 'fflate';
import { appealDeadline, appealSections, type CouncilSettings, childLabel, type IsoDate, mediationAdviserBy, plusDays, statutoryElements } from '../../../shared';
import { AuthConfigError, type Role, signDevToken } from '../../auth';
import { cliSettings } from '../../config/env';
import { DEMO_SENCOS } from '../../store/seed/demoSeed';
import { parseCommandArgs } from '../args';
import { type CliIo, type Command, UsageError } from '../io';

// What `npm start` prints (it listens on 127.0.0.1 with development sign-in).
const DEFAULT_URL = 'http://127.0.0.1:3978';
const DEFAULT_CASE = 'DEMO-0008';

const usage = `Usage: ehcp-review tour [--url URL] [--case REF] [--no-pause] [--wait SECONDS] [--data-dir DIR] [--out DIR]

A guided tour of the product on this machine, with no Microsoft 365 tenant: one demo
review taken through every step against the running service (\`npm start\`), through
its real HTTP API with development tokens. At each step it says where to look, checks
what it claims, and waits for Enter (--no-pause runs straight through, as CI does).

  1. the SENCO books the meeting          (the Outlook add-in: npm run preview:addin)
  2. the reminders go out                 (the local mailbox at /dev/mail; Agents Playground)
  3. advice comes in through a one-time link
  4. the SENCO writes and submits the meeting report   (the tab's meeting side panel)
  5. the LA officer records the decision  (the decision card in Agents Playground)
  6. the family's letter, downloaded and checked for their rights of appeal and mediation
  7. the council dashboard, before and after

--url       the running service (default ${DEFAULT_URL}, what \`npm start\` prints)
--case      a demo case not booked yet (default ${DEFAULT_CASE}: its review is late)
--wait      how long to wait for the reminder sweeper (default 90 seconds; it runs every
            REMINDERS_SWEEP_INTERVAL_MS, a minute by default)
--data-dir  the service's DATA_DIR, whose development key signs the tokens (default
            $DATA_DIR, else ./data: run the tour where you ran \`npm start\`)
--out       where the downloaded letter is saved (default the system's temporary folder)

Development only: the service must run with development sign-in (not AUTH_MODE=entra,
not NODE_ENV=production). Only the child's initials and council reference are printed.`;

/** A step that did not hold: printed as the step and what to do, exit status 1. */
class TourFailure extends Error {}

interface Api {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the tour reads the JSON answers it checks field by field.
  body: any;
  bytes: Buffer;
}

interface TourState {
  url: string;
  today: IsoDate;
  tokens: Record<'officer' | 'senco' | 'manager', string>;
  senco: { userId: string; name: string; email: string };
  reviewId: string;
  /** "H.T. (DEMO-0008)": all the console ever says of the child. */
  label: string;
  laReference: string;
  adviceLinks: { requestId: number; url: string }[];
  /** The invitees' emails (not the school's or the council's), with their roles. */
  invited: Map<string, string>;
  mailBefore: Set<string>;
  dashboardBefore: { listed: boolean; concluded: number; total: number; late: number; from: IsoDate; to: IsoDate };
  letterFile?: string;
  reviewDeadline: IsoDate;
}

export const tourCommand: Command = {
  name: 'tour',
  summary: 'a guided tour: one demo review from booking to the letter, against the running service (development)',
  usage,
  async run(args, io) {
    if (cliSettings(io.env).production) throw new UsageError(['the tour uses development tokens, which are refused when NODE_ENV=production']);
    const { values, positionals } = parseCommandArgs(
      args,
      { url: { type: 'string' }, case: { type: 'string' }, 'no-pause': { type: 'boolean' }, wait: { type: 'string' }, 'data-dir': { type: 'string' }, out: { type: 'string' } },
      usage,
    );
    if (positionals.length > 0) throw new UsageError([`unexpected "${positionals[0]}"; every value needs its option name`, usage]);
    const url = (values.url ?? DEFAULT_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+$/.test(url)) throw new UsageError([`--url: "${values.url}" is not the service's address (for example ${DEFAULT_URL})`]);
    const waitSeconds = values.wait === undefined ? 90 : Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds <= 0 || waitSeconds > 3600) throw new UsageError([`--wait: "${values.wait}" is not a number of seconds above 0 and at most 3600`]);
    const dataDir = path.resolve(io.cwd, values['data-dir'] || cliSettings(io.env).dataDir || './data');
    const outDir = path.resolve(io.cwd, values.out ?? tmpdir());
    const laReference = (values.case ?? DEFAULT_CASE).trim();

    return runTour({ url, dataDir, outDir, laReference, waitMs: waitSeconds * 1000, pause: !values['no-pause'] }, io);
  },
};

/** Where the tour stands after a step: what a person would open (the tests take screenshots of it). */
export interface TourStop {
  /** 0 before the first step, then 1 to 7. */
  step: number;
  title: string;
  url: string;
  reviewId: string;
  laReference: string;
  today: string;
  tokens: Readonly<Record<'officer' | 'senco' | 'manager', string>>;
  /** The downloaded letter, from step 6 on. */
  letterFile?: string | undefined;
}

export interface RunTourOptions {
  url: string;
  dataDir: string;
  outDir: string;
  laReference: string;
  waitMs: number;
  /** Wait for Enter after each step (the command's default; --no-pause turns it off). */
  pause: boolean;
  /** Called after each step that held, before the pause. */
  afterStep?: ((stop: TourStop) => Promise<void>) | undefined;
}

/** The tour itself: each step in turn, stopping at the first that does not hold (exit status 1, saying why). */
export async function runTour(o: RunTourOptions, io: CliIo): Promise<number> {
  const say = (text = '') => io.stdout.write(`${text}\n`);
  const prompt = o.pause ? createInterface({ input: io.stdin as NodeJS.ReadableStream, terminal: false }) : undefined;
  const typed = prompt?.[Symbol.asyncIterator]();
  const steps = tourSteps(o);
  const state = {} as TourState;
  try {
    for (const [i, step] of steps.entries()) {
      say(`\n── ${i === 0 ? 'Before we start' : `Step ${i} of ${steps.length - 1}`}: ${step.title}`);
      let lines: string[];
      try {
        lines = await step.run(state);
      } catch (error) {
        if (error instanceof TourFailure) {
          io.stderr.write(`\nehcp-review tour: ${i === 0 ? 'could not start' : `step ${i} (${step.title}) failed`}: ${error.message}\n`);
          return 1;
        }
        throw error;
      }
      for (const line of lines) say(`  ✓ ${line}`);
      const where = step.where(state);
      if (where.length) {
        say('  Where to look:');
        for (const line of where) say(`    ${line}`);
      }
      await o.afterStep?.({ step: i, title: step.title, url: o.url, reviewId: state.reviewId, laReference: state.laReference, today: state.today, tokens: state.tokens, letterFile: state.letterFile });
      if (typed && i < steps.length - 1) await pause(typed, io);
    }
  } finally {
    prompt?.close();
  }
  say(`\nThe tour is complete: ${state.label} went from booking to the family's letter, and every step checked what it showed.`);
  return 0;
}

/** Waits for Enter; a closed input (a pipe that ended) carries on. Lines typed ahead are kept, not lost. */
async function pause(lines: AsyncIterator<string>, io: CliIo): Promise<void> {
  io.stdout.write('\n  Press Enter for the next step… ');
  await lines.next();
}

interface Step {
  title: string;
  run(state: TourState): Promise<string[]>;
  where(state: TourState): string[];
}

function tourSteps(o: RunTourOptions): Step[] {
  const call = (method: string, p: string, options: { token?: string; body?: unknown; form?: FormData | URLSearchParams; headers?: Record<string, string> } = {}) => request(o.url, method, p, options);
  const tab = (fragment: string) => `${o.url}/tab/${fragment}`;
  return [
    {
      title: 'the service, signed in with development tokens',
      async run(s) {
        s.url = o.url;
        await call('GET', '/healthz').catch(() => {
          throw new TourFailure(`nothing answers at ${o.url}. Start the service first (npm install && npm start), or give its address with --url.`);
        });
        const mail = await call('GET', '/dev/mail.json');
        if (mail.status === 404) throw new TourFailure(`${o.url}/dev/mail answers 404: the service is not in development mode (AUTH_MODE=entra or NODE_ENV=production). The tour needs development sign-in: run \`npm start\` without them.`);
        expectStatus(mail, [200], 'the development mailbox');
        const token = (role: Role, orgId: string, userId: string) =>
          signDevToken({ dataDir: o.dataDir, role, orgId, userId, lifetimeSeconds: 2 * 3600 }).catch((error: unknown) => {
            throw new TourFailure(error instanceof AuthConfigError ? error.message : `could not sign a development token with ${o.dataDir}: ${(error as Error).message}`);
          });
        s.tokens = {
          officer: await token('la-officer', 'demo-council', 'demo-officer'),
          manager: await token('la-manager', 'demo-council', 'demo-manager'),
          senco: '',
        };
        const found = await call('GET', `/api/reviews?q=${encodeURIComponent(o.laReference)}`, { token: s.tokens.officer });
        if (found.status === 401) {
          throw new TourFailure(`the service refused a token signed with ${path.join(o.dataDir, 'dev-auth-key.json')}: run the tour in the folder where you ran \`npm start\`, or pass --data-dir with the service's DATA_DIR.`);
        }
        expectStatus(found, [200], `looking up ${o.laReference}`);
        // A concluded review's child has the next one too: the one still to book comes first.
        const cycles = (found.body.items as { id: string; laReference: string; childName: string; status: string; schoolId: string; reviewDeadline: string; overdue: boolean }[]).filter((r) => r.laReference === o.laReference);
        const review = cycles.find((r) => r.status === 'not-booked') ?? cycles[0];
        if (!review) throw new TourFailure(`the demo council has no case ${o.laReference}. The demo is seeded on a fresh DATA_DIR by \`npm start\`; pick another with --case.`);
        s.reviewId = review.id;
        s.reviewDeadline = review.reviewDeadline;
        s.laReference = review.laReference;
        s.label = childLabel(review.childName, review.laReference);
        if (review.status !== 'not-booked') {
          const other = await call('GET', '/api/reviews?status=not-booked&limit=5', { token: s.tokens.officer });
          const refs = ((other.body?.items ?? []) as { laReference: string }[]).map((r) => r.laReference).join(', ');
          throw new TourFailure(`${s.label} is already ${review.status} (an earlier tour?); the tour books a review that is not booked yet. Pass --case with one of ${refs || 'the not-booked demo cases'}, or start the service on a fresh DATA_DIR.`);
        }
        const senco = DEMO_SENCOS[review.schoolId];
        if (!senco) throw new TourFailure(`${s.label} is at ${review.schoolId}, which is not a demo school; pick a demo case with --case.`);
        s.senco = senco;
        s.tokens.senco = await token('senco', review.schoolId, senco.userId);
        const dashboard = await dashboardNow(call, s);
        s.today = dashboard.today;
        s.dashboardBefore = dashboard;
        s.mailBefore = new Set(((mail.body.messages ?? []) as { id: string }[]).map((m) => m.id));
        return [
          `the service at ${o.url} answers, in development mode, and accepts tokens signed with ${path.join(o.dataDir, 'dev-auth-key.json')}`,
          `today on the service's clock: ${s.today}`,
          `the case: ${s.label}, not booked, its review was due by ${review.reviewDeadline}${review.overdue ? ' (it is late)' : ''}`,
        ];
      },
      where: (s) => [
        `Sign the dashboard tab in once (development): ${tab(`#devToken=${s.tokens.officer}`)}`,
        `The review: ${tab(`#/reviews/${s.reviewId}`)}`,
      ],
    },
    {
      title: 'the SENCO books the meeting',
      async run(s) {
        const detail = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.senco });
        expectStatus(detail, [200], 'reading the review as its SENCO');
        // Held today; the invitations went 15 days before, the two weeks' notice Reg 20(3) needs as checkMeetingProposal counts it.
        const booking = {
          meetingDate: s.today,
          invitationsSentOn: plusDays(s.today, -15),
          mode: 'in-person',
          rating: 'amber',
          invitees: [
            { role: 'parent', name: 'Parent (demo)', email: 'parent@family.example' },
            { role: 'school', name: s.senco.name, email: s.senco.email },
            { role: 'la-send-officer', name: 'Demo SEND Officer', email: 'send.officer@demo-council.example' },
            { role: 'educational-psychologist', name: 'Demo Educational Psychologist', email: 'ep@demo-nhs.example' },
            { role: 'health', name: 'School nurse (demo)', email: 'nurse@demo-nhs.example' },
            { role: 'social-care', name: 'Social worker (demo)', email: 'social.care@demo-council.example' },
          ],
        };
        const booked = await call('POST', `/api/reviews/${s.reviewId}/meeting`, {
          token: s.tokens.senco,
          body: booking,
          // No Idempotency-Key: the one-time links come only in an answer that is never kept for replay.
          headers: { 'If-Match': detail.headers.get('etag') ?? '*' },
        });
        if (booked.status === 422) throw new TourFailure(`the booking was refused: ${(booked.body.findings as { message: string }[]).map((f) => f.message).join(' ')}`);
        expectStatus(booked, [201], 'booking the meeting');
        s.adviceLinks = booked.body.adviceLinks ?? [];
        // Before the booking only the school and the council are reminded (to book it); after it, the people invited are too.
        s.invited = new Map(booking.invitees.filter((i) => i.role !== 'school' && i.role !== 'la-send-officer').map((i) => [i.email, i.role]));
        if (s.adviceLinks.length === 0) throw new TourFailure('the booking answered no one-time links for the advice and views it requests');
        const after = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.senco });
        if (after.body.meeting?.date !== s.today) throw new TourFailure(`the review does not show the meeting on ${s.today} after booking`);
        const warnings = (booked.body.warnings ?? []) as { code: string; message: string }[];
        return [
          `booked for ${s.today} (201), with ${booking.invitees.length} people invited; the review now shows the meeting`,
          ...warnings.map((w) => `the add-in's warning: ${w.message}`),
          `advice and views requested from ${s.adviceLinks.length} people, each with a one-time link`,
        ];
      },
      where: () => [
        'The same booking in the Outlook add-in, outside Outlook: `npm run preview:addin` (its own demo service), pick',
        `${o.laReference} in the task pane, book it, and press Send to see what Outlook's send check says.`,
      ],
    },
    {
      title: 'the reminders go out',
      async run(s) {
        const mine = await waitFor(o.waitMs, async () => {
          const list = await call('GET', '/dev/mail.json');
          const fresh = ((list.body.messages ?? []) as { id: string; subject: string; to: string }[]).filter((m) => !s.mailBefore.has(m.id) && m.subject.includes(`(${s.laReference})`) && s.invited.has(m.to));
          return fresh.length > 0 ? fresh : undefined;
        });
        if (!mine) {
          throw new TourFailure(
            `no reminder for ${s.label} to the people invited reached ${o.url}/dev/mail within ${o.waitMs / 1000} s. Reminders go out on working days from 08:00 to 17:00 London time on the service's clock (today ${s.today}); outside those hours start the service with CLOCK_START set to a working morning, e.g. CLOCK_START=${s.today}T10:00:00Z npm start, on a fresh DATA_DIR. Check too that the service was not started with REMINDERS=off.`,
          );
        }
        const first = mine[0] as { id: string; subject: string; to: string };
        const message = await call('GET', `/dev/mail/${encodeURIComponent(first.id)}.json`);
        expectStatus(message, [200], 'reading the reminder');
        const links = [...String(message.body.html).matchAll(/href="([^"]+)"/g)].map((m) => (m[1] as string).replace(/&amp;/g, '&'));
        if (!links.some((l) => l.startsWith(o.url) || l.startsWith('http'))) throw new TourFailure(`the reminder "${first.subject}" has no link to act on`);
        const roles = [...new Set(mine.map((m) => s.invited.get(m.to)))].join(', ');
        return [
          `${mine.length} reminder${mine.length === 1 ? '' : 's'} for ${s.label} to the people invited (${roles}) in the local mailbox, e.g. "${first.subject}" to ${first.to}`,
          'written by the real sweeper from the outbox; the subject names the child by initials and reference only',
        ];
      },
      where: (s) => [
        `The local mailbox (development only): ${o.url}/dev/mail`,
        'Anyone who has chatted with the bot in Microsoft 365 Agents Playground (pointed at',
        `${o.url}/api/messages) gets theirs there as a Teams card instead. The review: ${tab(`#/reviews/${s.reviewId}`)}`,
      ],
    },
    {
      title: 'advice and the family’s views arrive through one-time links',
      async run(s) {
        const detail = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.officer });
        const requests = detail.body.advice.requests as { id: number; fromRole: string; outstanding: boolean }[];
        const ep = requests.find((r) => r.fromRole === 'educational-psychologist') ?? requests.find((r) => !['parent', 'young-person'].includes(r.fromRole));
        const link = s.adviceLinks.find((l) => l.requestId === ep?.id);
        if (!ep || !link) throw new TourFailure('the booking gave no one-time link to a professional asked for advice');
        const page = await call('GET', new URL(link.url).pathname);
        expectStatus(page, [200], 'opening the one-time link');
        const html = page.bytes.toString('utf8');
        if (!html.includes(s.laReference)) throw new TourFailure(`the link's page does not say which review it is for (${s.laReference})`);
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(demoAdvicePdf(s.label))], { type: 'application/pdf' }), 'advice.pdf');
        const sent = await call('POST', new URL(link.url).pathname, { form });
        if (sent.status === 503) throw new TourFailure(`the link's page could not keep the file: ${textOf(sent.bytes)}`);
        expectStatus(sent, [201], 'sending the advice through the link');
        const again = await call('GET', new URL(link.url).pathname);
        if (again.status !== 404) throw new TourFailure(`the link still opens after it was used (${again.status}); a one-time link must not`);
        // The family's link opens the views form instead (CoP 9.166-9.168): their answers, kept as a Word document.
        const family = requests.find((r) => r.fromRole === 'parent' || r.fromRole === 'young-person');
        const familyLink = s.adviceLinks.find((l) => l.requestId === family?.id);
        if (!family || !familyLink) throw new TourFailure("the booking gave the family no one-time link for their views");
        const views = new URLSearchParams({
          goingWell: 'Settled in class this year; mornings are still hard (demo).',
          worked: 'The quiet space at lunchtime and the visual timetable.',
          change: 'More notice before changes of teacher.',
          aspirations: 'To go to the secondary school with friends.',
          childViews: 'I like science and the lunchtime club.',
          personalBudget: 'no',
          helper: 'family',
        });
        const viewsSent = await call('POST', new URL(familyLink.url).pathname, { form: views });
        expectStatus(viewsSent, [201], "sending the family's views through their link");
        const after = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.officer });
        const answered = (id: number) => (after.body.advice.requests as { id: number; outstanding: boolean }[]).find((r) => r.id === id)?.outstanding === false;
        if (!answered(ep.id)) throw new TourFailure('the review still shows the advice as outstanding after it arrived');
        if (!answered(family.id)) throw new TourFailure("the review still shows the family's views as outstanding after they were sent");
        return [
          `the ${ep.fromRole.replace(/-/g, ' ')}'s link opened the upload page for ${s.laReference}, took a PDF (201), and now answers 404`,
          "the family's link took their views through its form (201)",
          'the review shows both received; the files are kept in the development folder standing in for SharePoint',
        ];
      },
      where: (s) => [`The advice on the review: ${tab(`#/reviews/${s.reviewId}`)}`, `The files: ${path.join(o.dataDir, 'dev-files', 'EHCP reviews', s.laReference)}`],
    },
    {
      title: 'the SENCO writes and submits the meeting report',
      async run(s) {
        const report = await call('GET', `/api/reviews/${s.reviewId}/report`, { token: s.tokens.senco });
        expectStatus(report, [200], "opening the meeting's report");
        const attendees = (report.body.content.attendees as object[]).map((a) => ({ ...a, attended: true }));
        const draft = await call('PUT', `/api/reviews/${s.reviewId}/report/draft`, {
          token: s.tokens.senco,
          body: demoReport(attendees),
          headers: { 'If-Match': report.headers.get('etag') ?? '*' },
        });
        expectStatus(draft, [200, 201], 'saving the report draft');
        const submitted = await call('POST', `/api/reviews/${s.reviewId}/report/submit`, {
          token: s.tokens.senco,
          headers: { 'If-Match': draft.headers.get('etag') ?? '*', 'Idempotency-Key': `tour-report-${s.reviewId}` },
        });
        expectStatus(submitted, [201], 'submitting the report');
        const delivery = submitted.body.delivery as { status: string; message: string; recipients?: string[] };
        if (delivery.status !== 'sent') throw new TourFailure(`the report was submitted but not sent: ${delivery.message}`);
        const list = await call('GET', '/dev/mail.json');
        const mail = ((list.body.messages ?? []) as { subject: string; to: string }[]).find((m) => m.subject === `Annual review meeting report: ${s.label}`);
        if (!mail) throw new TourFailure(`the report's email to everyone invited is not in ${o.url}/dev/mail`);
        const after = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.officer });
        if (after.body.status !== 'awaiting-decision') throw new TourFailure(`after the report the review is ${after.body.status}, not awaiting the council's decision`);
        return [`submitted (201) and sent to the ${delivery.recipients?.length ?? 0} people invited: the email is in /dev/mail`, 'the review now awaits the council’s decision'];
      },
      where: (s) => [
        `The meeting side panel, as Teams shows it beside the meeting: ${tab(`?review=${s.reviewId}`)}`,
        `(sign in as the SENCO once: ${tab(`#devToken=${s.tokens.senco}`)})`,
      ],
    },
    {
      title: 'the LA officer records the decision',
      async run(s) {
        const detail = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.officer });
        const decided = await call('POST', `/api/reviews/${s.reviewId}/decision`, {
          token: s.tokens.officer,
          body: { outcome: 'maintain', notifiedOn: s.today, reasons: 'Demo decision (tour): the plan meets the needs discussed at the review.' },
          headers: { 'If-Match': detail.headers.get('etag') ?? '*', 'Idempotency-Key': `tour-decision-${s.reviewId}` },
        });
        expectStatus(decided, [201], 'recording the decision');
        const after = await call('GET', `/api/reviews/${s.reviewId}`, { token: s.tokens.officer });
        if (after.body.decision?.outcome !== 'maintain') throw new TourFailure('the review does not show the decision after it was recorded');
        const list = await call('GET', '/dev/mail.json');
        const asked = ((list.body.messages ?? []) as { subject: string }[]).some((m) => m.subject.includes('LA decision') && m.subject.includes(`(${s.laReference})`));
        return [
          `maintain, notified on ${s.today} (201); the review is ${after.body.status}`,
          asked ? 'the officer was asked for it: the "decision needed" reminder is in /dev/mail' : 'the "decision needed" reminder waits for the next sweep',
        ];
      },
      where: () => [
        'In Agents Playground the officer decides from the decision card: before this step, saying',
        `\`record decision ${o.laReference}\` to the bot shows it, and its Record decision button does what this step did.`,
      ],
    },
    {
      title: "the family's letter",
      async run(s) {
        const letter = await call('GET', `/api/reviews/${s.reviewId}/letter?format=docx&kind=decision`, { token: s.tokens.officer });
        expectStatus(letter, [200], 'downloading the decision letter');
        const name = /filename="([^"]+)"/.exec(letter.headers.get('content-disposition') ?? '')?.[1] ?? `decision letter ${s.laReference}.docx`;
        await mkdir(o.outDir, { recursive: true });
        const file = path.join(o.outDir, path.basename(name));
        await writeFile(file, letter.bytes);
        s.letterFile = file;
        const text = docxText(letter.bytes);
        const settings = await call('GET', '/api/council/settings', { token: s.tokens.officer });
        expectStatus(settings, [200], "reading the council's letter settings");
        // The family's rights as shared/letters words them for a letter sent today (Regs 32-33; CFA 2014 ss.51-55).
        const rights = appealSections('maintain', { appealDeadline: appealDeadline(s.today), mediationAdviserBy: mediationAdviserBy(s.today) }, settings.body.settings as CouncilSettings)
          .flatMap((section) => section.paragraphs)
          .filter((p) => (statutoryElements.reg32_33 as readonly string[]).includes(p.id));
        const missing = rights.filter((p) => !text.includes(squash(p.text)));
        if (rights.length === 0 || missing.length > 0) throw new TourFailure(`the letter lacks the family's rights: ${missing.map((p) => p.id).join(', ') || 'none were found to check'}`);
        // And where the family gets free, impartial help (Reg 20(11); CFA 2014 s32; CoP 9.177): the council's SENDIASS, with its contact.
        const sendiass = settings.body.settings as CouncilSettings;
        if (!sendiass.sendiassName || !text.includes(squash(sendiass.sendiassName)) || !text.includes(squash(sendiass.sendiassContact ?? ''))) {
          throw new TourFailure("the letter does not tell the family where to get free information, advice and support (the council's SENDIASS and its contact)");
        }
        return [
          `downloaded (${letter.bytes.length} bytes): ${file}`,
          `it states each of the family's rights of appeal and mediation, as shared/letters words them (${rights.map((p) => p.id).join(', ')})`,
          `and where to get free, impartial advice: ${sendiass.sendiassName}`,
        ];
      },
      where: (s) => [`The letter as a file: ${o.outDir}`, `On the review: ${tab(`#/reviews/${s.reviewId}`)} (Download the letter)`],
    },
    {
      title: 'the council dashboard',
      async run(s) {
        const now = await dashboardNow(call, s);
        const b = s.dashboardBefore;
        if (b.listed && now.listed) throw new TourFailure(`${s.label} is still on the dashboard's overdue list after its decision`);
        // The timeliness figures count a review in the period its deadline falls in (this calendar year by default).
        const counted = s.reviewDeadline >= now.from && s.reviewDeadline <= now.to;
        if (counted && now.concluded !== b.concluded + 1) throw new TourFailure(`the timeliness figures did not count the concluded review (concluded ${b.concluded} before, ${now.concluded} now)`);
        return [
          `${s.label} ${b.listed ? 'has left' : 'is not on'} today's overdue list`,
          counted
            ? `reviews due ${now.from} to ${now.to} and concluded: ${b.concluded} → ${now.concluded} (late: ${b.late} → ${now.late}; of ${now.total} due)`
            : `its deadline (${s.reviewDeadline}) is outside the timeliness period shown (${now.from} to ${now.to}), so those figures stay ${now.concluded} concluded of ${now.total}`,
        ];
      },
      where: (s) => [`The dashboard (sign in as the LA manager once: ${tab(`#devToken=${s.tokens.manager}`)})`, `Today's overdue work: ${tab('')}   Timeliness: ${tab('?view=timeliness')}`],
    },
  ];
}

/** The dashboard's figures the tour compares: is the case overdue today, and the year's concluded reviews. */
async function dashboardNow(call: (method: string, p: string, options?: { token?: string }) => Promise<Api>, s: TourState) {
  let listed = false;
  let today = '' as IsoDate;
  for (let page = 1; page <= 40; page++) {
    const res = await call('GET', `/api/dashboard/today?page=${page}&pageSize=100`, { token: s.tokens.manager });
    expectStatus(res, [200], "reading the dashboard's overdue list");
    today = res.body.today;
    const items = res.body.items as { laReference: string }[];
    if (items.some((i) => i.laReference === s.laReference)) listed = true;
    if (page * res.body.pageSize >= res.body.total) break;
  }
  const trend = await call('GET', '/api/dashboard/timeliness', { token: s.tokens.manager });
  expectStatus(trend, [200], "reading the dashboard's timeliness");
  const c = trend.body.overall.concludedIn12Months as { total: number; onTime: number; late: number };
  return { today, listed, concluded: c.onTime + c.late, total: c.total, late: c.late, from: trend.body.from as IsoDate, to: trend.body.to as IsoDate };
}

async function request(base: string, method: string, p: string, options: { token?: string; body?: unknown; form?: FormData | URLSearchParams; headers?: Record<string, string> }): Promise<Api> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | URLSearchParams | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${base}${p}`, { method, headers, body, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, body: json, bytes };
}

function expectStatus(res: Api, wanted: number[], what: string): void {
  if (wanted.includes(res.status)) return;
  const said = res.body && typeof res.body === 'object' && 'message' in res.body ? `${res.body.error ?? ''}: ${res.body.message}` : textOf(res.bytes).slice(0, 300);
  throw new TourFailure(`${what} answered ${res.status} (${said})`);
}

/** The words of an HTML page, for a message. */
function textOf(bytes: Buffer): string {
  return bytes
    .toString('utf8')
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

async function waitFor<T>(ms: number, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The .docx's text, paragraph by paragraph, with whitespace squashed (runs split words anywhere). */
function docxText(docx: Buffer): string {
  const files = unzipSync(new Uint8Array(docx), { filter: (f) => f.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) throw new TourFailure('the letter is not a Word document (no word/document.xml)');
  const decode = (t: string) => t.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
  const paragraphs = [...strFromU8(xml).matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1] ?? '')).join(''));
  return squash(paragraphs.join('\n'));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A one-page PDF standing in for the psychologist's advice: initials and reference only. */
function demoAdvicePdf(label: string): Buffer {
  const text = `Educational psychology advice (demo, from the tour) for ${label}`.replace(/[()\\]/g, (c) => `\\${c}`);
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The report the SENCO writes after the meeting: every section the general report needs. */
function demoReport(attendees: object[]) {
  return {
    variant: 'general',
    sections: {
      setting: 'Year group and support as in the plan. Attendance 95% this year (demo).',
      transport: 'No home to school transport.',
      personalBudget: 'The family did not ask for a Personal Budget.',
      childViews: 'Enjoys science and wants to keep the lunchtime club (recorded by the SENCO).',
      parentViews: 'Pleased with progress in reading; would like more notice of changes.',
      progress: 'Outcome 1 (reading) achieved. Outcome 2 (independence) partly achieved.',
      changes: 'No new needs; the provision in the plan still meets them.',
      summary: 'A good year; the plan should stay as it is.',
    },
    attendees,
    recommendation: 'maintain',
    proposedAmendments: [],
    differencesOfView: [],
    agreedActions: [],
  };
}
