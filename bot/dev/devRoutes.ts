import { Router } from 'express';
import type { DevMailbox, DevMessage, DevMessageSummary } from './devMailbox';
import { escapeHtml } from '../html/escapeHtml';

/**
 * Development only: `/dev/mail`, the local mailbox (bot/dev/devMailbox.ts) as pages a person
 * reads, and as JSON for the tour and the tests. Mounted only when bot/config/env.ts allows
 * the development pages (development sign-in, not production); otherwise /dev/* is 404.
 */
export function devRoutes(mailbox: DevMailbox): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('X-Content-Type-Options', 'nosniff');
    // The messages are the product's own HTML, shown in a sandboxed frame: no script runs.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-src 'self'");
    next();
  });
  router.get('/mail.json', async (_req, res) => {
    res.json({ development: true, folder: mailbox.dir, messages: await mailbox.list() });
  });
  router.get('/mail', async (_req, res) => {
    res.type('html').send(page('Development mailbox', listBody(await mailbox.list())));
  });
  router.get('/mail/:id.json', async (req, res) => {
    const message = await mailbox.read(req.params.id);
    if (!message) res.status(404).json({ error: 'no-such-message', message: 'No message with that id in the development mailbox; see /dev/mail.json for the list.' });
    else res.json(message);
  });
  router.get('/mail/:id', async (req, res) => {
    const message = await mailbox.read(req.params.id);
    if (!message) res.status(404).type('html').send(page('Not found', '<p>No message with that id. <a href="/dev/mail">Back to the mailbox</a>.</p>'));
    else res.type('html').send(page(message.subject, messageBody(message)));
  });
  return router;
}

const BANNER =
  '<p role="note" class="banner"><strong>Development only.</strong> Nothing here was sent: with no Microsoft 365 tenant configured, the reminder sweeper delivers email to this local folder (and Teams messages to a local Agents Playground). With Entra sign-in or in production this page does not exist.</p>';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · EHCP Review Assistant (development)</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}.banner{background:#fff4ce;border-left:6px solid #8a6d00;padding:.75rem 1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}iframe{width:100%;min-height:32rem;border:1px solid #999}a{color:#0b57d0}</style></head>
<body><header>${BANNER}</header><main>${body}</main></body></html>`;
}

function listBody(messages: DevMessageSummary[]): string {
  if (messages.length === 0) return '<h1>Development mailbox</h1><p>No messages yet. The sweeper writes the day\'s reminders here within a minute of starting (REMINDERS_SWEEP_INTERVAL_MS).</p>';
  const rows = messages
    .map((m) => `<tr><td>${escapeHtml(m.sentAt.replace('T', ' ').slice(0, 19))}</td><td>${m.channel === 'teams' ? 'Teams' : 'Email'}</td><td>${escapeHtml(m.to)}</td><td><a href="/dev/mail/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`)
    .join('');
  return `<h1>Development mailbox</h1><p>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first.</p><table><thead><tr><th scope="col">Sent (UTC)</th><th scope="col">Channel</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function messageBody(m: DevMessage): string {
  // Links in the message open in the whole window, so one-time links work against this service.
  const doc = `<base target="_top">${m.html}`;
  return `<p><a href="/dev/mail">Back to the mailbox</a></p><h1>${escapeHtml(m.subject)}</h1>
<dl><dt>To</dt><dd>${escapeHtml(m.to)}</dd><dt>Channel</dt><dd>${m.channel === 'teams' ? 'Teams (not a local Playground conversation)' : 'Email'}</dd><dt>Sent</dt><dd>${escapeHtml(m.sentAt)}</dd></dl>
<iframe title="The message as it would be sent" sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" srcdoc="${escapeHtml(doc)}"></iframe>`;
}
