import { createHash } from 'node:crypto';
import { appealDeadline, computeTimeline, familyResponseBy, finalPlanLetter, longDate, mediationAdviserBy, notAmendingLetter } from '../../../shared';
import { deliverMailing, keepAndRecord, renderDocuments } from '../../letters/deliverMailing';
import { LetterMailUnavailableError } from '../../letters/errors';
import { fileNameOf, type LetterContext, type LetterDocument, type LetterRecipient, letterBase, loadLetterContext, wrapped } from '../../letters/letterCase';
import { ConflictError, ServiceError } from '../../store/errors';
import type { Queryable } from '../../store/db';
import type { WriteResult } from '../../store/idempotency';
import { amendingReview, recordAmendmentOutcome, representationsOf } from '../../store/reviews/amendmentOutcome';
import { caseInputOf } from '../../store/reviews/loadReview';
import { type AfterDecisionDeps, OFFICERS, type ReviewCall, reviewWrite } from './reviewWrite';
import { finalPlanBody, notAmendingBody } from './schemas';

/** The most a final plan file may be to go by email (Graph's own limit for a message is larger; a plan is a few MB). */
const MAX_PLAN_BYTES = 20 * 1024 * 1024;

/**
 * Issue the final amended plan (Reg 22(3)): only once the family's 15 days have ended, or
 * they have responded. The plan (a PDF in the council's library) goes with its covering
 * letter (the changes made and the rights of appeal, s51(2)(c)) to the family, copied to the
 * school or institution named and the responsible commissioning body; each letter's copy is
 * kept beside the advice. A school the family asked for that was not consulted is a warning
 * (s39): naming it without consulting it would be unlawful, but the plan may name another.
 */
export function issueFinalPlan(deps: AfterDecisionDeps, call: ReviewCall): Promise<WriteResult> {
  return reviewWrite(deps, call, finalPlanBody, OFFICERS, async (tx, input, today) => {
    const { ctx, representations } = await amendmentCase(tx, deps, call, today);
    const noticeServed = ctx.review.notice_served_on as string;
    const windowEnds = familyResponseBy(noticeServed);
    if (today <= windowEnds && representations.length === 0) {
      throw new ConflictError('family-window-open', `The family has until ${longDate(windowEnds)} to respond to the proposed amendments (Reg 22(2)(c)); issue the final plan after that, or record their representations first.`);
    }
    const storage = deps.files?.storage;
    if (!storage?.read) throw new LetterMailUnavailableError('Sending the final plan reads it from SharePoint through Microsoft Graph, which this service is not set up for (EHCP_GRAPH_*).');
    let plan: Buffer;
    try {
      plan = await storage.read(ctx.tenantId, input.plan, MAX_PLAN_BYTES);
    } catch (error) {
      throw new ServiceError(409, 'letter-not-ready', `The final plan could not be read from SharePoint (${(error as Error).message}); check the file's driveId and itemId, and that the app may read the council's library.`);
    }
    const amendments = input.amendments ?? ctx.proposedAmendments;
    const letter = wrapped(() =>
      finalPlanLetter({ ...letterBase(ctx, today), amendments, representationsReceived: representations.length > 0, dates: rightsDates(ctx, today) }),
    );
    const commissioner: LetterRecipient = { role: 'health-commissioner', name: ctx.settings.healthCommissionerName ?? null, email: ctx.settings.healthCommissionerEmail as string };
    const { to, school } = split(ctx);
    const byPost = ctx.familyContact === 'post';
    const documents = [{ kind: 'final-plan' as const, letter, fileName: fileNameOf('final-plan', ctx.review.la_reference, today) }];
    const result = await deliverMailing(tx, call.principal, deps, {
      ctx,
      documents,
      // A family who asked for post is not emailed: the school and the commissioner are, and the family's copy is marked for post.
      to: byPost ? [commissioner] : to,
      cc: byPost ? school : [...school, commissioner],
      channel: 'email',
      today,
      subject: `Final amended EHC plan: ${ctx.label}`,
      intro: `Please find attached the final amended Education, Health and Care plan for ${ctx.label}, with our letter explaining the changes and your right of appeal.`,
      extra: [{ name: `Final amended EHC plan ${ctx.review.la_reference} ${today}.pdf`, contentType: 'application/pdf', content: plan }],
    });
    const posted = byPost ? await markForPost(tx, call, deps, ctx, documents, to, today) : [];
    const { etag } = await recordAmendmentOutcome(tx, call.principal, ctx.review, { kind: 'final-plan', amendments }, today, today);
    const unconsulted = representations.filter((r) => r.requestedSchool && !r.schoolConsultedOn).map((r) => r.requestedSchool as string);
    return {
      status: 201,
      etag,
      body: {
        status: 'issued',
        issuedOn: today,
        plan: { ...input.plan, sha256: createHash('sha256').update(plan).digest('hex') },
        letters: [...result.letters, ...posted],
        familyContact: ctx.familyContact,
        warnings: unconsulted.map((school) => ({ code: 'school-not-consulted', message: `The family asked for ${school} to be named; no consultation with it is recorded (CFA 2014 s39). If the plan names it, record the consultation.` })),
        message: byPost
          ? `The final amended plan and its letter went from ${result.mailbox} to ${school.length ? 'the school and ' : ''}${commissioner.name ?? commissioner.email}. ${POST_NOTE}`
          : `The final amended plan and its letter went from ${result.mailbox} to the family, ${school.length ? 'the school, ' : ''}and ${commissioner.name ?? commissioner.email}.`,
      },
    };
  });
}

/**
 * Decide, after the family's representations, not to amend the plan after all (Reg 22(4)):
 * the letter gives the reasons word for word and the right of appeal (s51(2)(e)); it goes to
 * the family, copied to the school; the review is concluded.
 */
export function decideNotToAmend(deps: AfterDecisionDeps, call: ReviewCall): Promise<WriteResult> {
  return reviewWrite(deps, call, notAmendingBody, OFFICERS, async (tx, input, today) => {
    const { ctx } = await amendmentCase(tx, deps, call, today);
    const letter = wrapped(() => notAmendingLetter({ ...letterBase(ctx, today), reasons: input.reasons, dates: rightsDates(ctx, today) }));
    const { to, school } = split(ctx);
    const byPost = ctx.familyContact === 'post' && school.length > 0;
    const documents = [{ kind: 'not-amending' as const, letter, fileName: fileNameOf('not-amending', ctx.review.la_reference, today) }];
    // A family who asked for post: the school's copy is emailed, the family's marked for post (with no school, the one copy is the family's, posted).
    const result =
      ctx.familyContact === 'post' && school.length === 0
        ? null
        : await deliverMailing(tx, call.principal, deps, {
      ctx,
      documents,
      to: byPost ? school : to,
      cc: byPost ? [] : school,
      channel: 'email',
      today,
      subject: `EHC plan not amended: ${ctx.label}`,
      intro: `Please find attached our decision not to amend the Education, Health and Care plan for ${ctx.label}, with our reasons and your right of appeal.`,
    });
    const posted = ctx.familyContact === 'post' ? await markForPost(tx, call, deps, ctx, documents, to, today) : [];
    const { etag } = await recordAmendmentOutcome(tx, call.principal, ctx.review, { kind: 'not-amending', reasons: input.reasons }, today, today);
    const message =
      ctx.familyContact === 'post'
        ? `${result ? `The school's copy went from ${result.mailbox}. ` : ''}${POST_NOTE}`
        : `The letter went from ${result?.mailbox} to the family${school.length ? ' and the school' : ''}.`;
    return { status: 201, etag, body: { status: 'not-amending', decidedOn: today, letters: [...(result?.letters ?? []), ...posted], familyContact: ctx.familyContact, message } };
  });
}

const POST_NOTE = "The family asked to be written to by post, so their copy was not emailed: print it (it is kept in the review's folder and listed in its letters as post) and post it today, the date it bears, from which the appeal dates count.";

/**
 * The family's copy of a letter, for a family who asked for post: rendered dated today,
 * kept beside the advice and recorded as posted today, the day the officer is told to post it.
 */
async function markForPost(tx: Queryable, call: ReviewCall, deps: AfterDecisionDeps, ctx: LetterContext, documents: LetterDocument[], family: LetterRecipient[], today: string) {
  const rendered = await renderDocuments(documents);
  // An alternative person acts for the young person, and is recorded in their place (as letterCase does).
  const role = ctx.addressee.kind === 'parent' ? ('parent' as const) : ('young-person' as const);
  const recipients = family.length > 0 ? family : [{ role, name: ctx.addressee.name, email: '' }];
  return keepAndRecord(tx, call.principal, deps, ctx, rendered, { channel: 'post', sentOn: today, mailbox: null, graphMessageId: null, recipients });
}

async function amendmentCase(tx: Queryable, _deps: AfterDecisionDeps, call: ReviewCall, today: string) {
  await amendingReview(tx, call.principal, call.reviewId, today, call.ifMatch);
  const ctx = await loadLetterContext(tx, call.principal, call.reviewId, today, true);
  return { ctx, representations: await representationsOf(tx, call.reviewId) };
}

/** The appeal and mediation dates counted from today, the day the letter goes, and the next review's deadline. */
function rightsDates(ctx: LetterContext, today: string) {
  return { appealDeadline: appealDeadline(today), mediationAdviserBy: mediationAdviserBy(today), nextReviewDeadline: computeTimeline(caseInputOf(ctx.review)).nextReviewDeadline };
}

function split(ctx: LetterContext) {
  return { to: ctx.recipients.filter((r) => r.role !== 'school'), school: ctx.recipients.filter((r) => r.role === 'school') };
}
