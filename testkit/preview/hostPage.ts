/**
 * The preview's pages: Outlook's compose window played by a page (the appointment's fields,
 * read live from the office-js stand-in inside the task pane's frame, and a Send button), and
 * the frame in which Send runs the add-in's Smart Alerts handler on a copy of the appointment,
 * as Outlook runs `commands.js` in its own runtime.
 */
export function hostPage(serviceUrl: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Outlook, previewed: EHCP Review Assistant</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{margin:0;font:15px/1.45 'Segoe UI',system-ui,sans-serif;color:#1b1b1b;background:#f3f2f1}
.banner{margin:0;background:#fff4ce;border-bottom:2px solid #8a6d00;padding:.5rem 1rem}
.layout{display:flex;gap:1rem;padding:1rem;align-items:flex-start}
.compose{flex:1;min-width:18rem;background:#fff;border:1px solid #c8c6c4;padding:1rem}
.compose dl{display:grid;grid-template-columns:7rem 1fr;gap:.35rem .75rem;margin:0}
.compose dt{font-weight:600}.compose dd{margin:0;overflow-wrap:anywhere}
.pane{width:360px;height:calc(100vh - 7rem);min-height:640px;border:1px solid #c8c6c4;background:#fff}
button{font:inherit;padding:.4rem 1.2rem;background:#0f6cbd;color:#fff;border:0;border-radius:4px;cursor:pointer}
#result{margin-top:.75rem;padding:.5rem .75rem;border-left:4px solid #605e5c;background:#faf9f8;white-space:pre-wrap}
#result[data-allowed="false"]{border-color:#c50f1f}#result[data-allowed="true"]{border-color:#107c10}
</style></head><body>
<p class="banner" role="note"><strong>Development preview.</strong> This page stands in for Outlook's new-appointment window (office-js is the stand-in in testkit/office); the task pane on the right is the real add-in on the service at ${escapeHtml(serviceUrl)}, whose Graph calls go to a local Graph. Nothing is sent to anyone.</p>
<div class="layout">
<main class="compose" aria-labelledby="compose-title">
<h1 id="compose-title">New appointment</h1>
<dl>
<dt>Subject</dt><dd id="subject"></dd>
<dt>Start</dt><dd id="start"></dd>
<dt>End</dt><dd id="end"></dd>
<dt>Location</dt><dd id="location"></dd>
<dt>Attendees</dt><dd><ul id="attendees" aria-live="polite"></ul></dd>
<dt>Teams</dt><dd id="teams"></dd>
<dt>Body</dt><dd id="body"></dd>
</dl>
<p><button id="send" type="button">Send</button></p>
<div id="result" role="status" aria-live="polite">Press Send to see what Outlook's send check (Smart Alerts) would say.</div>
</main>
<iframe id="pane" class="pane" title="EHCP Review Assistant task pane" src="/addin/taskpane.html"></iframe>
</div>
<script>
var pane = document.getElementById('pane');
function current() { try { return pane.contentWindow.__officeStandIn && pane.contentWindow.__officeStandIn.item; } catch (e) { return undefined; } }
var london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
function text(id, value) { var el = document.getElementById(id); if (el.textContent !== value) el.textContent = value; }
function render() {
  var item = current();
  if (!item) return;
  text('subject', item.subject || '(none yet)');
  text('start', london.format(new Date(item.start)));
  text('end', london.format(new Date(item.end)));
  text('location', item.location || '');
  var list = document.getElementById('attendees');
  var names = item.requiredAttendees.concat(item.optionalAttendees).map(function (a) { return (a.displayName ? a.displayName + ' ' : '') + '<' + a.emailAddress + '>'; });
  if (list.dataset.names !== names.join('|')) {
    list.dataset.names = names.join('|');
    list.replaceChildren.apply(list, names.map(function (n) { var li = document.createElement('li'); li.textContent = n; return li; }));
    if (!names.length) { var li = document.createElement('li'); li.textContent = '(none yet)'; list.appendChild(li); }
  }
  var doc = new DOMParser().parseFromString(item.body || '', 'text/html');
  var join = doc.querySelector('a[href*="teams"]');
  text('teams', join ? 'Teams meeting: ' + join.getAttribute('href') : 'not a Teams meeting');
  text('body', (doc.body.textContent || '').trim());
}
setInterval(render, 400);
document.getElementById('send').addEventListener('click', function () {
  var result = document.getElementById('result');
  result.removeAttribute('data-allowed');
  result.textContent = 'Running the send check...';
  var frame = document.createElement('iframe');
  frame.hidden = true;
  frame.title = 'send check';
  frame.src = '/preview/send-check.html';
  window.__previewItem = function () { return JSON.parse(JSON.stringify(current())); };
  window.addEventListener('message', function onMessage(e) {
    if (e.source !== frame.contentWindow) return;
    window.removeEventListener('message', onMessage);
    frame.remove();
    var o = e.data || {};
    result.dataset.allowed = String(o.allowEvent !== false);
    result.textContent = o.allowEvent === false ? 'Outlook would not send it:\\n' + (o.errorMessage || '(no message)') : 'Outlook would send the invitation' + (o.errorMessage ? ':\\n' + o.errorMessage : '.');
  });
  document.body.appendChild(frame);
});
</script></body></html>`;
}

/** The Smart Alerts runtime: the stand-in on a copy of the appointment, then commands.js, then the send event. */
export function sendCheckPage(): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>send check</title>
<script src="/preview/office-standin-module.js"></script>
<script>__officeStandInModule.installOfficeStandIn(globalThis, { requirementSets: { Mailbox: '1.13' }, item: parent.__previewItem(), latencyMs: 1 });</script>
<script src="/addin/commands.js"></script>
<script>
globalThis.__officeStandIn.runEvent('onAppointmentSendHandler', 'appointmentSending').then(
  function (c) { parent.postMessage(c.options || { allowEvent: true }, location.origin); },
  function (e) { parent.postMessage({ allowEvent: true, errorMessage: 'The check did not finish: ' + e.message }, location.origin); }
);
</script></head><body></body></html>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
