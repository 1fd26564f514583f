import { PNG } from 'pngjs';
import { checkPackage } from '../../manifest/appPackage';
import { checkEventHandlers, registeredHandlers } from '../../manifest/checks/eventHandlers';
import type { Problem } from '../../manifest/checks/problem';
import { drawIcon } from '../../manifest/icons';
import { context, handlerScript, prodPackage } from './support';

/** What npm test would print for this package: every problem, or nothing. */
async function problemsOf(change: (pkg: ReturnType<typeof prodPackage>) => void, ctx = context()): Promise<Problem[]> {
  const pkg = prodPackage();
  change(pkg);
  return checkPackage(pkg, ctx);
}

describe('the package checks fail (and so npm test fails) on', () => {
  it('a manifest with a missing required field, by the official schema', async () => {
    const problems = await problemsOf((pkg) => {
      delete (pkg.manifest as Record<string, unknown>).developer;
    });
    expect(problems).toEqual([{ check: 'schema', where: '/', message: expect.stringContaining("must have required property 'developer'") }]);
  });

  it('a send mode the schema does not know', async () => {
    const problems = await problemsOf((pkg) => {
      pkg.manifest.extensions[0]!.autoRunEvents[1]!.events[0]!.options = { sendMode: 'soft' };
    });
    // The XML manifest, built from the contract, no longer agrees with the changed unified one either.
    expect(problems.map((p) => [p.check, p.where])).toEqual([
      ['schema', '/extensions/0/autoRunEvents/1/events/0/options/sendMode'],
      ['xml', '/OfficeApp/VersionOverrides/VersionOverrides/.../LaunchEvent[@Type="OnAppointmentSend"]'],
    ]);
  });

  it('a non-HTTPS address, which the schema’s own pattern lets through', async () => {
    const problems = await problemsOf((pkg) => {
      pkg.manifest.staticTabs[0]!.contentUrl = 'http://ehcp.north.gov.uk/tab/';
    });
    expect(problems).toEqual([{ check: 'https', where: '/staticTabs/0/contentUrl', message: '"http://ehcp.north.gov.uk/tab/" must use https:// (Teams and Outlook load only HTTPS content)' }]);
  });

  it('an address on a domain validDomains does not declare', async () => {
    const problems = await problemsOf((pkg) => {
      pkg.manifest.extensions[0]!.runtimes[0]!.code.page = 'https://addin.example.com/taskpane.html';
    });
    expect(problems.map((p) => p.message)).toEqual(['"https://addin.example.com/taskpane.html" is on addin.example.com, which is not in validDomains (ehcp.north.gov.uk)']);
  });

  it('a colour icon of the wrong size', async () => {
    const problems = await problemsOf((pkg) => {
      pkg.icons.set('color.png', drawIcon({ file: 'color.png', size: 96, style: 'color' }));
    });
    expect(problems).toEqual([{ check: 'icons', where: '/icons/color', message: 'color.png is 96x96; the color icon must be 192x192 pixels' }]);
  });

  it('an outline icon that is not white on transparent', async () => {
    const problems = await problemsOf((pkg) => {
      pkg.icons.set('outline.png', drawIcon({ file: 'outline.png', size: 32, style: 'color' }));
    });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^outline\.png has \d+ pixels that are neither white nor transparent/)]);
  });

  it('an icon that is not a PNG, or is missing from the package', async () => {
    const notPng = await problemsOf((pkg) => {
      pkg.icons.set('outline.png', Buffer.from('GIF89a'));
    });
    expect(notPng.map((p) => p.message)).toEqual([expect.stringMatching(/^outline\.png is not a readable PNG/)]);
    const missing = await problemsOf((pkg) => {
      pkg.icons.delete('color.png');
    });
    expect(missing.map((p) => p.message)).toEqual(['color.png is not in the package']);
  });

  it('an event handler name the built script does not register', async () => {
    const script = { text: handlerScript(['onAppointmentSendHandler', 'onAppointmentTimeChangedHandler']), file: 'dist/addin/commands.js' };
    const problems = await problemsOf(() => {}, context({ commandsScript: script }));
    expect(problems).toEqual([
      {
        check: 'event-handlers',
        where: '/extensions/0/autoRunEvents/0/events/1/actionId',
        message:
          '"onAppointmentAttendeesChangedHandler" (appointmentAttendeesChanged) is not registered by dist/addin/commands.js: it calls Office.actions.associate with "onAppointmentSendHandler", "onAppointmentTimeChangedHandler"',
      },
    ]);
  });

  it('an event whose action id is not an action of the runtime', async () => {
    const problems = await problemsOf((pkg) => {
      pkg.manifest.extensions[0]!.autoRunEvents[1]!.events[0]!.actionId = 'onSend';
    });
    expect(problems.map((p) => [p.check, p.message])).toEqual([
      ['event-handlers', '"onSend" (appointmentSending) is not an action of any runtime; add it to the event runtime\'s actions'],
      ['xml', "calls onAppointmentSendHandler, but the unified manifest's action is onSend"],
    ]);
  });

  it('a handler script that throws when classic Outlook loads it without a DOM', async () => {
    const problems = await problemsOf(() => {}, context({ commandsScript: { text: 'document.body.append("x");', file: 'dist/addin/commands.js' } }));
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^throws when loaded as classic Outlook loads it \(one script, no DOM\): document is not defined/)]);
  });

  it('a bot id other than the one the service runs with', async () => {
    const problems = await problemsOf(() => {}, context({ service: { botClientId: '99999999-9999-4999-8999-999999999999', entraClientId: 'a1a1a1a1-2222-4333-8444-555566667777' } }));
    expect(problems.map((p) => [p.check, p.where])).toEqual([['bot-id', '/bots/0/botId']]);
    expect(problems[0]?.message).toMatch(/the service runs with BOT_CLIENT_ID=99999999-9999-4999-8999-999999999999; Teams' messages to the bot would be refused/);
  });
});

describe('reading the handler names a built script registers', () => {
  it('finds names registered at load time, also behind Office.onReady reads and minified aliases', () => {
    const script = '(()=>{var o=Office.actions,c=Office.context.mailbox;Office.onReady(function(){});o.associate("a",function(){});o.associate("b",()=>1);o.associate("c","not a function")})();';
    expect(registeredHandlers(script)).toEqual(['a', 'b']);
  });

  it('reports nothing to check for an extension with no events', () => {
    expect(checkEventHandlers(undefined, { text: '', file: 'x.js' })).toEqual([]);
  });

  it('accepts a PNG written by pngjs of exactly 32x32 with a transparent background as the outline', () => {
    const png = PNG.sync.read(drawIcon({ file: 'outline.png', size: 32, style: 'outline' }));
    expect(png.data[3]).toBe(0);
  });
});
