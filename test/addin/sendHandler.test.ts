import vm from 'node:vm';
import { officeStandInScript } from '../../testkit/office/standInScript';
import type { StandInInit, StandInState } from '../../testkit/office/officeStandIn';
import { builtFile } from '../../testkit/builtAddin';

/**
 * The event handlers' built script, run the way classic Outlook on Windows runs it: alone,
 * in a context with no DOM, no module loader and nothing but the office-js stand-in (plus
 * the timers the host provides). The clock inside is fixed at 24 Nov 2026, 09:00 London.
 */
const NOW = Date.UTC(2026, 10, 24, 9);

const stored = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    case: { planIssued: '2026-03-01', ncYear: 5 },
    mode: 'in-person',
    rating: 'green',
    coversPreparingForAdulthood: true,
    roles: {
      'pat@home.example': 'parent',
      'officer@north.example': 'la-send-officer',
      'heal@nhs.example': 'health',
      'sol@north.example': 'social-care',
    },
    organizerRole: 'school',
    ...overrides,
  });

const everyone = [{ emailAddress: 'pat@home.example' }, { emailAddress: 'officer@north.example' }, { emailAddress: 'heal@nhs.example' }, { emailAddress: 'sol@north.example' }];

function runHandlers(item: StandInInit['item']): { state: StandInState; context: vm.Context } {
  const context = vm.createContext({ setTimeout, clearTimeout });
  vm.runInContext(
    `(() => { const Real = Date; const fixed = ${NOW};
      class FixedDate extends Real { constructor(...a) { if (a.length) super(...a); else super(fixed); } static now() { return fixed; } }
      globalThis.Date = FixedDate; })();`,
    context,
  );
  vm.runInContext(officeStandInScript({ requirementSets: { Mailbox: '1.12' }, item }), context);
  vm.runInContext(builtFile('commands.js'), context, { filename: 'commands.js' });
  return { state: context.__officeStandIn as StandInState, context };
}

const review = (start: string, attendees = everyone, check = stored()) => ({
  start,
  end: new Date(Date.parse(start) + 3600_000).toISOString(),
  requiredAttendees: attendees,
  customProperties: { ehcpReviewId: '6f1c2d3e-0000-4000-8000-000000000001', ehcpCheck: check },
});

describe('the built event handlers, alone with the office-js stand-in', () => {
  it('associates the three handler names the manifest uses', () => {
    const { state } = runHandlers(review('2027-01-12T10:00:00Z'));
    expect(Object.keys(state.actions).sort()).toEqual(['onAppointmentAttendeesChangedHandler', 'onAppointmentSendHandler', 'onAppointmentTimeChangedHandler']);
  });

  it('blocks sending a meeting on 10 Feb 2027 (after the latest meeting date 31 Jan) without health invited, saying what to change', async () => {
    const { state } = runHandlers(review('2027-02-10T10:00:00Z', everyone.filter((a) => a.emailAddress !== 'heal@nhs.example')));
    const done = await state.runEvent('onAppointmentSendHandler', 'appointmentSending');
    expect(done.options?.allowEvent).toBe(false);
    expect(done.options?.errorMessage).toMatch(/^Change this before sending: /);
    expect(done.options?.errorMessage).toContain('after the latest meeting date 2027-01-31');
    expect(done.options?.errorMessage).toContain('Invite a health service representative');
    expect(done.options?.errorMessage?.length).toBeLessThanOrEqual(500);
    expect(state.completed).toHaveLength(1);
  });

  it('stops a late meeting on 10 Feb 2027 once (softBlock: send anyway), saying how late and offering the earliest dates from 24 Nov 2026', async () => {
    const { state } = runHandlers(review('2027-02-10T10:00:00Z'));
    const done = await state.runEvent('onAppointmentSendHandler', 'appointmentSending');
    expect(done.options?.allowEvent).toBe(false);
    expect(done.options?.errorMessage).toMatch(/^The meeting on 2027-02-10 is 10 days after the latest meeting date 2027-01-31/);
    expect(done.options?.errorMessage).toContain("With two weeks' notice from today the earliest date is 2026-12-09; school days to propose: 2027-01-12");
    expect(done.options?.errorMessage).toContain('send anyway');
  });

  it('blocks a meeting on 1 Dec 2026: invitations sent on 24 Nov give less than two weeks’ notice', async () => {
    const { state } = runHandlers(review('2026-12-01T10:00:00Z'));
    const done = await state.runEvent('onAppointmentSendHandler', 'appointmentSending');
    expect(done.options).toEqual({ allowEvent: false, errorMessage: expect.stringContaining("less than two weeks' notice") });
  });

  it('lets a compliant meeting on 12 Jan 2027 with everyone invited go', async () => {
    const { state } = runHandlers(review('2027-01-12T10:00:00Z'));
    expect((await state.runEvent('onAppointmentSendHandler', 'appointmentSending')).options).toEqual({ allowEvent: true });
  });

  it('lets a meeting with only warnings go (an amber review held on Teams)', async () => {
    const { state } = runHandlers(review('2027-01-12T10:00:00Z', everyone, stored({ rating: 'amber', mode: 'virtual' })));
    expect((await state.runEvent('onAppointmentSendHandler', 'appointmentSending')).options).toEqual({ allowEvent: true });
  });

  it('leaves meetings that are not reviews alone', async () => {
    const { state } = runHandlers({ start: '2027-02-10T10:00:00Z', end: '2027-02-10T11:00:00Z' });
    expect((await state.runEvent('onAppointmentSendHandler', 'appointmentSending')).options).toEqual({ allowEvent: true });
  });

  it('still completes, allowing the send, when Outlook fails a call (soft block: a broken add-in never traps a meeting)', async () => {
    const { state } = runHandlers(review('2027-02-10T10:00:00Z'));
    state.fail('start.getAsync', { code: 9002, name: 'InternalError', message: 'An internal error has occurred.' });
    expect((await state.runEvent('onAppointmentSendHandler', 'appointmentSending')).options).toEqual({ allowEvent: true });
    expect(state.completed).toHaveLength(1);
  });

  it('refreshes the notification bar when the time changes, naming the problem', async () => {
    const { state } = runHandlers(review('2027-02-10T10:00:00Z'));
    await state.runEvent('onAppointmentTimeChangedHandler', 'appointmentTimeChanged');
    const bar = state.notifications['ehcp-review-check'];
    expect(bar?.type).toBe('informationalMessage');
    expect(bar?.message).toMatch(/^Review check \(late\): The meeting on 2027-02-10 is 10 days after the latest meeting date 2027-01-31/);
    expect(bar?.message.length).toBeLessThanOrEqual(150);
  });

  it('shows an all-clear bar after attendees change to a compliant list', async () => {
    const { state } = runHandlers(review('2027-01-12T10:00:00Z'));
    await state.runEvent('onAppointmentAttendeesChangedHandler', 'appointmentAttendeesChanged');
    expect(state.notifications['ehcp-review-check']).toEqual({
      type: 'informationalMessage',
      message: 'Review check: the date and invitees meet the statutory rules.',
      icon: 'Icon.16x16',
      persistent: false,
    });
  });

  it('completes the change handlers even when the notification cannot be shown', async () => {
    const { state } = runHandlers(review('2027-02-10T10:00:00Z'));
    state.fail('notificationMessages.replaceAsync', { code: 9041, name: 'NetworkError', message: 'offline' });
    await state.runEvent('onAppointmentTimeChangedHandler', 'appointmentTimeChanged');
    expect(state.completed).toEqual([{ event: 'appointmentTimeChanged', options: undefined }]);
  });
});

describe('the built handler script', () => {
  const source = () => builtFile('commands.js');
  it('has no import or export and parses as an ES2016 script', () => {
    const src = source();
    expect(src).not.toMatch(/^\s*(import|export)\s/m);
    // biome-ignore lint/suspicious/noExplicitAny: acorn ships with the toolchain (a dependency of the bundlers), without types here.
    let acorn: any;
    try {
      acorn = require('acorn');
    } catch {
      acorn = undefined;
    }
    if (acorn) {
      // ecmaVersion 2016 with sourceType script refuses async functions, object spread, optional chaining, import and export.
      expect(() => acorn.parse(src, { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
    } else {
      const { transformSync } = require('esbuild') as typeof import('esbuild');
      expect(transformSync(src, { target: 'es2016', format: 'iife' }).code.length).toBeGreaterThan(0);
    }
    expect(() => new vm.Script(src)).not.toThrow();
  });
});
