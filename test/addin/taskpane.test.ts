import type { Page } from 'playwright-core';
import { importCaseload } from '../../bot/store/caseload/importCaseload';
import { axeViolations, saveScreenshot } from '../../testkit/chromium';
import { bytes, SENCO } from '../../testkit/graph-server/harness';
import type { StandInItem } from '../../testkit/office/officeStandIn';
import { CSV_HEADER, registerPeople } from '../support/fixtures';
import { ADVICE_DRIVE, type PaneHarness, startPaneHarness, tabTo } from '../../testkit/office/paneHarness';

/**
 * The built task pane in headless Chromium, on the office-js stand-in, against the real
 * service (PGlite) and the local Graph server. Today is 24 Nov 2026 in London; every child's
 * plan was issued on 1 Mar 2026, so the review deadline is 28 Feb 2027 and the latest
 * meeting date 31 Jan 2027; but N-500's plan was issued on 6 Nov 2025, so its review is overdue
 * (latest meeting date 8 Oct 2026, deadline 5 Nov 2026).
 */
jest.setTimeout(120_000);

const contactColumns = 'parentName,parentEmail,laSendOfficerName,laSendOfficerEmail,healthName,healthEmail,socialCareName,socialCareEmail,educationalPsychologistName,educationalPsychologistEmail';
const contacts = (n: number) => `Pat Parent${n},parent${n}@home.example,Olu Officer,officer@north.example,Dr Heal,heal@nhs.example,Sol Worker,sol@north.example,Eve Psych,ep@nhs.example`;
const child = (ref: string, name: string, n: number) => `${ref},${name},north-school,2026-03-01,,,5,,,,${contacts(n)}`;

const FILES = [
  { name: 'health-advice.pdf', content: bytes(200_000, 1) },
  { name: 'ep-advice.pdf', content: bytes(3_500_000, 2) },
  { name: 'social-care-advice.pdf', content: bytes(1_000_000, 3) },
];

let h: PaneHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startPaneHarness(async (db) => {
    const people = await registerPeople(db);
    const csv = [`${CSV_HEADER},${contactColumns}`, child('N-100', 'Ada Lovelace', 1), child('N-200', 'Ben Keys', 2), child('N-300', 'Cy Teams', 3), child('N-400', 'Di Block', 4), `N-500,Eli Late,north-school,2025-11-06,,,5,,,,${contacts(5)}`].join('\n');
    await db.transaction((tx) => importCaseload(tx, people.officer, `${csv}\n`));
    for (const r of await db.query<{ id: string; la_reference: string }>('select r.id, c.la_reference from review_cycles r join plans p on p.id = r.plan_id join children c on c.id = p.child_id')) ids[r.la_reference] = r.id;
    // The council's advice library, where the officer files advice that came by post or email.
    await db.query("insert into advice_drives (council_id, drive_id) values ('north-council', $1)", [ADVICE_DRIVE]);
  }, FILES);
});
afterAll(() => h?.close());

async function expectAccessible(page: Page, state: string) {
  const violations = await axeViolations(page);
  expect({ state, violations }).toEqual({ state, violations: [] });
  await saveScreenshot(page, `addin-${state}`);
}

async function pickChild(page: Page, search: string, name: RegExp) {
  await page.getByRole('heading', { name: 'Book an EHCP annual review' }).waitFor();
  await page.getByLabel('Name or council reference').fill(search);
  await page.getByRole('button', { name }).click();
}

let bookedItem: StandInItem;

describe('the task pane', () => {
  it('books a green review end to end: dates, invitees, agenda, subject, registration with the service, advice requests and a Teams link', async () => {
    const { page, item } = await h.openPane();
    await page.getByRole('heading', { name: 'Book an EHCP annual review' }).waitFor();
    await expectAccessible(page, 'pick');
    await page.getByLabel('Name or council reference').fill('love');
    await page.getByRole('button', { name: /Ada Lovelace \(N-100[,)]/ }).waitFor();
    await expectAccessible(page, 'search');
    await page.getByRole('button', { name: /Ada Lovelace \(N-100[,)]/ }).click();

    await page.getByRole('heading', { name: 'Ada Lovelace (N-100)' }).waitFor();
    await expect(page.getByText('Latest meeting date').locator('xpath=following-sibling::dd[1]').textContent()).resolves.toBe('Sun 31 Jan 2027');
    await expect(page.getByText('Book by').locator('xpath=following-sibling::dd[1]').textContent()).resolves.toBe('Sun 6 Dec 2026: do it by Fri 4 Dec');
    await expectAccessible(page, 'book');

    await page.getByRole('button', { name: 'Use Tue 12 Jan 2027' }).click();
    await page.getByRole('button', { name: 'Use Tue 12 Jan 2027', pressed: true }).waitFor();
    expect((await item()).start).toBe('2027-01-12T10:00:00.000Z');
    expect((await item()).end).toBe('2027-01-12T11:00:00.000Z');

    await page.getByRole('button', { name: 'Add invitees to the meeting' }).click();
    await page.getByRole('button', { name: 'Update invitees on the meeting' }).waitFor();
    expect((await item()).requiredAttendees.map((a) => a.emailAddress).sort()).toEqual(['ep@nhs.example', 'heal@nhs.example', 'officer@north.example', 'parent1@home.example', 'sol@north.example']);
    await expect(page.getByRole('list', { name: 'Required roles' }).textContent()).resolves.not.toContain('Missing');
    await expect(page.getByText(/^Rating: green/).textContent()).resolves.toBe('Rating: green');

    await page.getByRole('button', { name: 'Book the review' }).click();
    await page.getByRole('heading', { name: /Review booked: Ada Lovelace/ }).waitFor();
    const join = page.getByRole('link', { name: 'Join the Teams meeting' });
    await join.waitFor();
    expect(await join.getAttribute('href')).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);

    bookedItem = await item();
    expect(bookedItem.subject).toBe('EHCP annual review: A.L. (N-100)');
    expect(bookedItem.body).toContain('Views, wishes and feelings');
    expect(bookedItem.body).toContain('Personal budget');
    expect(bookedItem.body).not.toContain('Lovelace');
    expect(bookedItem.customProperties.ehcpReviewId).toBe(ids['N-100']);
    expect(String(bookedItem.customProperties.ehcpCheck)).not.toMatch(/Lovelace|dateOfBirth/);

    const restId = bookedItem.itemId!.replace(/\+/g, '-').replace(/\//g, '_');
    const event = h.graph.graph.state.eventsOf(SENCO.id).get(restId);
    expect(event?.json.isOnlineMeeting).toBe(true);
    expect(event?.json.onlineMeetingProvider).toBe('teamsForBusiness');

    const review = await h.svc.call('GET', `/api/reviews/${ids['N-100']}`, { token: h.senco });
    expect(review.body.meeting).toMatchObject({ date: '2027-01-12', mode: 'virtual', rating: 'green', outlookEventId: restId, teamsJoinUrl: await join.getAttribute('href') });
    // Asked for a week before the pack must be circulated on 2026-12-28 (Reg 20(4); the council's lead time).
    expect(review.body.advice.requests.map((r: { fromRole: string; dueOn: string }) => [r.fromRole, r.dueOn]).sort()).toEqual([
      ['educational-psychologist', '2026-12-21'],
      ['health', '2026-12-21'],
      // The family's views are asked for too (CoP 9.168), through the views form.
      ['parent', '2026-12-21'],
      ['social-care', '2026-12-21'],
    ]);
    await expect(page.getByRole('heading', { name: 'Advice requested' }).locator('xpath=following-sibling::ul[1]').textContent()).resolves.toContain('due Mon 21 Dec 2026');
    await page.getByText('Press Send to invite everyone').waitFor();
    // The review's page in the tab, where the whole review can be read (test/tab/reviewPage.test.ts opens it).
    expect(await page.getByRole('link', { name: 'See the whole review' }).getAttribute('href')).toBe(`${h.svc.url}/tab/#/reviews/${ids['N-100']}`);
    await expectAccessible(page, 'booked');
  });

  it('opened again on the booked meeting, lists the advice received and attaches it (under 3 MB in one request, larger by upload session); one failure is retried without losing the others', async () => {
    expect(bookedItem).toBeDefined();
    const driveItem = (name: string) => [...h.graph.graph.state.driveItems.values()].find((i) => i.name === name)!.id;
    for (const [fromRole, file] of [['health', FILES[0]!], ['educational-psychologist', FILES[1]!], ['social-care', FILES[2]!]] as const) {
      const res = await h.svc.call('POST', `/api/reviews/${ids['N-100']}/advice`, {
        token: h.officer,
        body: { fromRole, receivedOn: '2026-11-24', driveId: ADVICE_DRIVE, itemId: driveItem(file.name), fileName: file.name },
      });
      expect({ status: res.status, error: res.status === 201 ? undefined : res.body }).toEqual({ status: 201 });
    }
    // The third file's single POST fails once (a 500 Graph does not ask to retry).
    h.graph.graph.faults.add({ method: 'POST', path: /\/events\/[^/]+\/attachments$/, target: 'graph', skip: 1, times: 1, action: { type: 'status', status: 500, code: 'generalException', message: 'General exception while processing.' } });

    const { page } = await h.openPane(bookedItem);
    await page.getByRole('heading', { name: /Review booked: Ada Lovelace/ }).waitFor();
    await page.getByText('Circulate all advice to everyone invited by Mon 28 Dec 2026.').waitFor();
    // The booked review links to its report page (#24), which the service serves at /tab/.
    expect(await page.getByRole('link', { name: 'Write the report' }).getAttribute('href')).toMatch(/\/tab\/\?review=[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Attach advice to the meeting' }).click();
    await page.getByRole('button', { name: 'Retry social-care-advice.pdf' }).waitFor();
    await page.getByText('2 of 3 files attached').waitFor();
    await expect(page.getByText(/social-care-advice\.pdf .*failed/).textContent()).resolves.toContain('was not attached');
    await expectAccessible(page, 'advice-failed');

    await page.getByRole('button', { name: 'Retry social-care-advice.pdf' }).click();
    await page.getByText('3 of 3 files attached').waitFor();
    await expectAccessible(page, 'advice-attached');

    const restId = bookedItem.itemId!.replace(/\+/g, '-').replace(/\//g, '_');
    const attached = h.graph.graph.state.eventAttachments(SENCO.id, restId);
    expect(attached.map((a) => [a.name, a.content.length]).sort()).toEqual([
      ['ep-advice.pdf', 3_500_000],
      ['health-advice.pdf', 200_000],
      ['social-care-advice.pdf', 1_000_000],
    ]);
    expect(h.graph.graph.requests.some((r) => r.path.endsWith('/attachments/createUploadSession'))).toBe(true);
    const detail = await h.svc.call('GET', `/api/reviews/${ids['N-100']}`, { token: h.senco });
    expect(detail.body.advice.attachments).toHaveLength(3);
  });

  it('when Graph refuses the Teams meeting, tells the SENCO exactly what to click, and Try again works once Graph does', async () => {
    const rule = h.graph.graph.faults.add({ method: 'PATCH', path: '/events/', target: 'graph', times: 1, action: { type: 'status', status: 500, code: 'generalException', message: 'Online meetings are not available.' } });
    const { page } = await h.openPane();
    await pickChild(page, 'N-300', /Cy Teams \(N-300[,)]/);
    await page.getByRole('button', { name: 'Use Tue 12 Jan 2027' }).click();
    await page.getByRole('button', { name: 'Use Tue 12 Jan 2027', pressed: true }).waitFor();
    await page.getByRole('button', { name: 'Book the review' }).click();
    await page.getByText('Not yet a Teams meeting').waitFor();
    await expect(page.getByText(/select "Teams meeting" on the toolbar/).count()).resolves.toBe(1);
    expect(rule.hits).toBe(1);
    await expectAccessible(page, 'teams-failed');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('link', { name: 'Join the Teams meeting' }).waitFor();
  });

  it('shows what blocks a booking and will not book it: a child with no health contact invited', async () => {
    const { page } = await h.openPane();
    await pickChild(page, 'N-400', /Di Block \(N-400[,)]/);
    await page.getByRole('button', { name: 'Use Tue 12 Jan 2027' }).click();
    await page.getByRole('button', { name: 'Use Tue 12 Jan 2027', pressed: true }).waitFor();
    await page.getByRole('checkbox', { name: /Health: Dr Heal/ }).uncheck();
    await page.getByText('Change before booking').waitFor();
    await expect(page.getByText('Invite a health service representative: they must be invited to every review.').count()).resolves.toBe(1);
    await expect(page.getByRole('list', { name: 'Required roles' }).textContent()).resolves.toContain('✗ Missing: a health service representative');
    expect(await page.getByRole('button', { name: 'Book the review' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /Red|Child looked after/ }).first().check();
    await page.getByText(/^Rating: red/).waitFor();
    await expect(page.getByText(/Red: face to face by default/).count()).resolves.toBe(1);
    await expectAccessible(page, 'book-blocked');
  });

  it('says an overdue review is 47 days late (as the reminders count) and still offers dates from 9 Dec 2026, each saying how late', async () => {
    const { page } = await h.openPane();
    await pickChild(page, 'N-500', /Eli Late \(N-500[,)]/);
    await page.getByText('47 days late', { exact: true }).waitFor();
    await expect(page.getByText(/The latest meeting date was Thu 8 Oct 2026, and the review deadline Thu 5 Nov 2026 passed 19 days ago\. The review\s+must still be held/).count()).resolves.toBe(1);
    const earliest = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Use Wed 9 Dec 2026' }) });
    await expect(earliest.textContent()).resolves.toContain('; 34 days late');
    await page.getByRole('button', { name: 'Use Wed 9 Dec 2026' }).click();
    await page.getByRole('button', { name: 'Use Wed 9 Dec 2026', pressed: true }).waitFor();
    // Late is a warning: nothing blocks the booking on lateness alone.
    expect(await page.getByRole('button', { name: 'Book the review' }).isDisabled()).toBe(false);
    await expectAccessible(page, 'book-late');
  });

  it('tells the SENCO when their Outlook is too old (Mailbox 1.5) instead of failing later', async () => {
    const { page } = await h.openPane({}, { requirementSets: { Mailbox: '1.5' } });
    await page.getByText(/This version of Outlook cannot run the EHCP Review add-in \(it needs Mailbox 1\.8\)/).waitFor();
    await expectAccessible(page, 'unsupported');
  });

  it('books a review with the keyboard alone', async () => {
    const { page, item } = await h.openPane();
    await page.getByRole('heading', { name: 'Book an EHCP annual review' }).waitFor();
    // The search box has focus when the pane opens.
    await page.keyboard.type('Ben');
    await page.getByRole('button', { name: /Ben Keys \(N-200[,)]/ }).waitFor();
    await tabTo(page, /Ben Keys \(N-200[,)]/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ben Keys (N-200)' }).waitFor();
    await tabTo(page, /^Use Mon 18 Jan 2027$/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Use Mon 18 Jan 2027', pressed: true }).waitFor();
    await tabTo(page, /^Add invitees to the meeting$/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Update invitees on the meeting' }).waitFor();
    await tabTo(page, /^Book the review$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Review booked: Ben Keys/ }).waitFor();
    expect((await item()).start).toBe('2027-01-18T10:00:00.000Z');
    const review = await h.svc.call('GET', `/api/reviews/${ids['N-200']}`, { token: h.senco });
    expect(review.body.meeting.date).toBe('2027-01-18');
  });
});
