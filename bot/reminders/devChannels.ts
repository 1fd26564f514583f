import type { DevMailbox } from '../dev/devMailbox';
import { proactiveSender } from '../teams/sdk/proactive';
import type { ReminderChannels } from './channels';
import { escapeHtml } from '../html/escapeHtml';

/**
 * Development only (never with AUTH_MODE=entra or NODE_ENV=production; bot/config/env.ts
 * decides): reminders through channels a person can see without a Microsoft 365 tenant.
 * The sweeper, rules, outbox and leases stay the real ones; only the last hop is local.
 * - Teams: the real proactive sender, to a conversation whose service URL is on this
 *   machine (Agents Playground's connector, which takes any token); a conversation anywhere
 *   else is written to the local mailbox instead, marked as a Teams message.
 * - Email: the local mailbox shown at /dev/mail.
 */
export function developmentChannels(mailbox: DevMailbox, options: { now: () => Date; timeoutMs: number }): ReminderChannels {
  const playground = proactiveSender({ token: async () => localConnectorToken(options.now()), timeoutMs: options.timeoutMs });
  return {
    teams: {
      async send(to, message) {
        if (isLoopback(to.serviceUrl)) return playground.send(to, message);
        const stored = await mailbox.deliver(
          { channel: 'teams', to: to.conversationId, subject: message.summary ?? 'Teams message', html: `<pre>${escapeHtml(JSON.stringify(message.cards ?? message.text, null, 2))}</pre>` },
          options.now(),
        );
        return { id: stored.id };
      },
    },
    email: {
      local: true,
      async send(m) {
        await mailbox.deliver({ channel: 'email', to: m.to, subject: m.subject, html: m.html }, options.now());
      },
    },
  };
}

/** True for http(s) URLs on the loopback interface. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * An unsigned JWT-shaped token: the Teams SDK's client wants the form of a token, and a local
 * Agents Playground checks none. Never sent anywhere but the loopback interface.
 */
function localConnectorToken(now: Date): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'https://api.botframework.com', iss: 'ehcp-review-development', exp: Math.floor(now.getTime() / 1000) + 3600 })}.`;
}

