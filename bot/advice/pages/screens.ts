import { adviceExtensions, adviceFileTypesText } from '../../../shared/advice';
import { screenDate } from '../../../shared/calendar/formatDate';
import { helperChoices, personalBudgetChoices, viewsQuestions } from '../viewsForm';
import { type Html, html, page } from './html';

/** What a page may show about the review: initials and reference, what is asked, by when. */
export interface LinkFacts {
  initials: string;
  laReference: string;
  fromRole: string;
  dueOn: string;
  meetingDate: string;
}

const roleAsked: Record<string, string> = {
  health: 'Your advice from health',
  'social-care': 'Your advice from social care',
  'educational-psychologist': 'Your advice as educational psychologist',
};

const facts = (f: LinkFacts, asked: string) => html`
<dl class="facts">
  <div><dt>Child</dt><dd>${f.initials}</dd></div>
  <div><dt>Council reference</dt><dd>${f.laReference}</dd></div>
  <div><dt>What we are asking for</dt><dd>${asked}</dd></div>
  <div><dt>Please send it by</dt><dd>${screenDate(f.dueOn)}</dd></div>
  <div><dt>Review meeting</dt><dd>${screenDate(f.meetingDate)}</dd></div>
</dl>`;

type Problem = { field: string; message: string };

const errorSummary = (problems: Problem[]) =>
  problems.length === 0
    ? html``
    : html`
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">There is a problem</h2>
  <ul>${problems.map((p) => html`<li><a href="#${p.field}">${p.message}</a></li>`)}</ul>
</div>`;

/** The upload page for a professional's advice. */
export function uploadPage(action: string, f: LinkFacts, maxMb: number, problems: Problem[] = []): string {
  const asked = `${roleAsked[f.fromRole] ?? 'Your advice'} for this child’s EHCP annual review: how they are getting on against the outcomes in their plan, the support they need now, and anything you would change.`;
  const error = problems.find((p) => p.field === 'file');
  return page(
    'Send your advice',
    html`
${errorSummary(problems)}
<h1>Send your advice for ${f.initials} (${f.laReference})</h1>
${facts(f, asked)}
<form method="post" action="${action}" enctype="multipart/form-data">
  <div class="field${error ? ' has-error' : ''}">
    <label for="file">Your advice file</label>
    <span class="hint" id="file-hint">Send ${adviceFileTypesText}, up to ${maxMb} MB. You can use this link once.</span>
    ${error ? html`<span class="error" id="file-error">Error: ${error.message}</span>` : html``}
    <input type="file" id="file" name="file" accept="${adviceExtensions.map((e) => `.${e}`).join(',')}" aria-describedby="file-hint${error ? ' file-error' : ''}" required>
  </div>
  <button type="submit" id="send">Send advice</button>
</form>
<p>Your file is saved in the council’s secure folder for this review and shared with everyone invited to the meeting.</p>`,
  );
}

const textField = (id: string, label: string, hint: string, value: string, problem: Problem | undefined) => html`
<div class="field${problem ? ' has-error' : ''}">
  <label for="${id}">${label}</label>
  <span class="hint" id="${id}-hint">${hint}</span>
  ${problem ? html`<span class="error" id="${id}-error">Error: ${problem.message}</span>` : html``}
  <textarea id="${id}" name="${id}" rows="5" aria-describedby="${id}-hint${problem ? ` ${id}-error` : ''}">${value}</textarea>
</div>`;

const radios = (name: string, legend: string, choices: readonly { value: string; label: string }[], chosen: string, problem: Problem | undefined) => html`
<fieldset class="field${problem ? ' has-error' : ''}"${problem ? html` aria-describedby="${name}-error"` : html``}>
  <legend>${legend}</legend>
  ${problem ? html`<span class="error" id="${name}-error">Error: ${problem.message}</span>` : html``}
  ${choices.map(
    (c, i) => html`<div class="choice"><input type="radio" id="${i === 0 ? name : `${name}-${c.value}`}" name="${name}" value="${c.value}"${c.value === chosen ? html` checked` : html``}><label for="${i === 0 ? name : `${name}-${c.value}`}">${c.label}</label></div>`,
  )}
</fieldset>`;

/** The family's views form. */
export function viewsPage(action: string, f: LinkFacts, values: Record<string, string> = {}, problems: Problem[] = []): string {
  const who = f.fromRole === 'young-person' ? 'your' : 'your family’s';
  const problem = (field: string) => problems.find((p) => p.field === field);
  return page(
    'Your views',
    html`
${errorSummary(problems)}
<h1>Your views for ${f.initials}’s annual review</h1>
${facts(f, `${who === 'your' ? 'Your' : 'Your family’s'} views, wishes and feelings, so the review can take them into account.`)}
<p>Answer as much or as little as you like. Write in your own words. You can ask someone to help you.</p>
<form method="post" action="${action}">
  ${viewsQuestions.map((q) => textField(q.id, q.label, q.hint, values[q.id] ?? '', problem(q.id)))}
  ${radios('personalBudget', 'Would you like to ask about a Personal Budget?', personalBudgetChoices, values.personalBudget ?? '', problem('personalBudget'))}
  ${radios('helper', 'Who helped you fill this in?', helperChoices, values.helper ?? '', problem('helper'))}
  <div class="field${problem('helperName') ? ' has-error' : ''}">
    <label for="helperName">Their name or role (optional)</label>
    <input type="text" id="helperName" name="helperName" value="${values.helperName ?? ''}" autocomplete="off">
  </div>
  <button type="submit" id="send">Send my views</button>
</form>`,
  );
}

/** After the file or views arrived. */
export function thankYouPage(what: 'advice' | 'views', f: LinkFacts): string {
  return page(
    'Thank you',
    html`
<div class="panel"><h1>Thank you, we have ${what === 'advice' ? 'your advice' : 'your views'}</h1></div>
<p>It is saved in the council’s folder for the review of ${f.initials} (${f.laReference}).</p>
<p>Everyone invited to the meeting will have it by ${screenDate(f.dueOn)}. The meeting is on ${screenDate(f.meetingDate)}.</p>
<p>This link has now been used, so it will not open again. You can close this page.</p>`,
  );
}

/** Used, wrong or expired: one page for all, so a visitor learns nothing about which. */
export function invalidLinkPage(): string {
  return page(
    'This link is no longer valid',
    html`
<h1>This link is no longer valid</h1>
<p>The link may have been used already, or the review meeting has passed, or it was copied wrongly.</p>
<p>If you still need to send something for this review, ask the person who sent you the link for a new one.</p>`,
  );
}

/** Too many wrong links from this address. */
export function tooManyAttemptsPage(): string {
  return page(
    'Too many attempts',
    html`
<h1>Too many attempts</h1>
<p>There have been too many tries with links that do not work. Wait 15 minutes, then open the link from your email again.</p>`,
  );
}

/** Something on our side failed; nothing was kept. */
export function failurePage(message: string): string {
  return page('Sorry, there is a problem', html`<h1>Sorry, there is a problem</h1><p>${message}</p><p>Your link still works: try again later.</p>`);
}

export type { Html };
