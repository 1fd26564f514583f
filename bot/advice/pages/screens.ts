import { adviceExtensions, adviceFileTypesText } from '../../../shared/advice';
import { screenDate } from '../../../shared/calendar/formatDate';
import { type FamilyViews, helperChoices, personalBudgetChoices, viewsQuestions } from '../viewsForm';
import { type Html, html, type PageCouncil, page } from './html';

/** What a page may show about the review: initials and reference, what is asked, by when. */
export interface LinkFacts {
  initials: string;
  laReference: string;
  fromRole: string;
  dueOn: string;
  meetingDate: string;
  /** The day the advice reaches everyone invited (Reg 20(4)), as the store computes it for the case. */
  circulatedBy: string;
  /** The council the page is from (its name and SEND team contact). */
  council?: PageCouncil;
  /** Who asked: the SENCO who booked the meeting, and the school. */
  askedBy?: { name: string | null; school: string | null };
}

/** "Jo Bloggs, SENCO at Oakfield Primary", or as much of it as is known. */
function askedByText(f: LinkFacts): string {
  const who = f.askedBy?.name ? `${f.askedBy.name}, SENCO` : 'The SENCO';
  return f.askedBy?.school ? `${who} at ${f.askedBy.school}` : who;
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
  <div><dt>Asked by</dt><dd>${askedByText(f)}, for ${f.council?.name ?? 'the council'}</dd></div>
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
    f.council,
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

/** The child's or young person's own file or picture, beside their words (CoP 9.166-9.168): the same kinds and size as advice. */
const childFileField = (maxMb: number, problem: Problem | undefined) => html`
<div class="field${problem ? ' has-error' : ''}">
  <label for="childViewsFile">Their own file or picture (optional)</label>
  <span class="hint" id="childViewsFile-hint">A drawing, a photo, a recording written down, or something they made or wrote: ${adviceFileTypesText}, up to ${maxMb} MB.</span>
  ${problem ? html`<span class="error" id="childViewsFile-error">Error: ${problem.message}</span>` : html``}
  <input type="file" id="childViewsFile" name="childViewsFile" accept="${adviceExtensions.map((e) => `.${e}`).join(',')}" aria-describedby="childViewsFile-hint${problem ? ' childViewsFile-error' : ''}">
</div>`;

/** The family's views form (`maxMb`: the largest file of the child's own, as for advice). */
export function viewsPage(action: string, f: LinkFacts, values: Record<string, string> = {}, problems: Problem[] = [], maxMb = 10): string {
  const who = f.fromRole === 'young-person' ? 'your' : 'your family’s';
  const problem = (field: string) => problems.find((p) => p.field === field);
  return page(
    'Your views',
    html`
${errorSummary(problems)}
<h1>Your views for ${f.initials}’s annual review</h1>
${facts(f, `${who === 'your' ? 'Your' : 'Your family’s'} views, wishes and feelings, so the review can take them into account.`)}
<h2>Who will read this</h2>
<p>Everyone invited to the review meeting reads your answers before it: ${askedByText(f)}, the council’s SEND team, and the professionals giving advice (such as health, social care or an educational psychologist). They are kept with the review in the council’s secure folder.</p>
<p>Answer as much or as little as you like: none of the questions has to be answered, but write something in at least one box. Write in your own words. You can ask someone to help you. After sending you get a copy of your answers to keep.</p>
<form method="post" action="${action}" enctype="multipart/form-data">
  ${viewsQuestions.map((q) => textField(q.id, q.label, q.hint, values[q.id] ?? '', problem(q.id)))}
  ${childFileField(maxMb, problem('childViewsFile'))}
  <p class="hint" id="personalBudget-explained">A Personal Budget is an amount of money the council sets aside for some of the support in the plan, so that you can have a say in how that support is arranged, or arrange it yourself.</p>
  ${radios('personalBudget', 'Would you like to ask about a Personal Budget? (optional)', personalBudgetChoices, values.personalBudget ?? '', problem('personalBudget'))}
  ${radios('helper', 'Who helped you fill this in? (optional)', helperChoices, values.helper ?? '', problem('helper'))}
  <div class="field${problem('helperName') ? ' has-error' : ''}">
    <label for="helperName">Their name or role (optional)</label>
    <input type="text" id="helperName" name="helperName" value="${values.helperName ?? ''}" autocomplete="off">
  </div>
  <button type="submit" id="send">Send my views</button>
</form>`,
    f.council,
  );
}

/** The family's own copy of what they sent: on the page, and as a text file to keep. */
function answersCopy(f: LinkFacts, answers: FamilyViews, childFile: boolean): Html {
  const budget = personalBudgetChoices.find((c) => c.value === answers.personalBudget)?.label ?? 'Not answered';
  const helper = helperChoices.find((c) => c.value === answers.helper)?.label ?? 'Not answered';
  const items: [string, string][] = [
    ...viewsQuestions.map((q): [string, string] => [q.label, answers[q.id] || '(No answer)']),
    ...(childFile ? [['Their own file or picture', 'Sent with these answers, and kept with them'] as [string, string]] : []),
    ['Would you like to ask about a Personal Budget?', budget],
    ['Who helped fill this in', answers.helperName ? `${helper}: ${answers.helperName}` : helper],
  ];
  const text = [`Your views for the EHCP annual review of ${f.initials} (${f.laReference}), for the meeting on ${screenDate(f.meetingDate)}`, '', ...items.flatMap(([q, a]) => [q, a, ''])].join('\r\n');
  return html`
<h2>Your answers</h2>
<p><a href="data:text/plain;charset=utf-8,${encodeURIComponent(text)}" download="my-views-${f.laReference}.txt">Download a copy of your answers</a></p>
<dl class="answers">${items.map(([q, a]) => html`<dt>${q}</dt><dd>${a}</dd>`)}</dl>`;
}

/** After the file or views arrived; the family's views come back as their copy (`childFile`: the child's own file came with them). */
export function thankYouPage(what: 'advice' | 'views', f: LinkFacts, answers?: FamilyViews, childFile = false): string {
  return page(
    'Thank you',
    html`
<div class="panel"><h1>Thank you, we have ${what === 'advice' ? 'your advice' : 'your views'}</h1></div>
<p>It is saved in the council’s folder for the review of ${f.initials} (${f.laReference}).</p>
<p>Everyone invited to the meeting will have it by ${screenDate(f.circulatedBy)}. The meeting is on ${screenDate(f.meetingDate)}.</p>
<p>This link has now been used, so it will not open again. Keep your copy below before you close this page.</p>
${answers ? answersCopy(f, answers, childFile) : html``}`,
    f.council,
  );
}

/** Used, wrong or expired: one page for all, so a visitor learns nothing about which. */
export function invalidLinkPage(): string {
  return page(
    'This link is no longer valid',
    html`
<h1>This link is no longer valid</h1>
<p>The link may have been used already, or the review meeting has passed, or it was copied wrongly.</p>
<p>If you still need to send something for this review, ask the school’s SENCO who sent you the link (their name is in the email with it), or your council’s SEND team, for a new one.</p>`,
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
