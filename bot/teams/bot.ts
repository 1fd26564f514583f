import type { AppDeps } from '../app/task';
import { noteReviewRead } from '../app/accessRecords';
import type { Principal } from '../store/principal';
import { type Activity, activitySchema, conversationTypeOf, executeActionSchema, tenantOf } from './activity';
import { helpText, myReviews, overdue, unregisteredText } from './answers';
import { reviewSteps, statusWords } from './cards/reviewSteps';
import { parseCommand } from './commands';
import { conversationChange, dropConversation, storeConversation } from './conversationEvents';
import { DECISION_VERBS } from './cards/decisionCard';
import { type CardViewer, decisionCardFor, refreshDecisionCard, submitDecisionCard } from './decision/decisionActions';
import { awaitsDecision, currentReviewByReference } from '../store/reviews/decisionSubject';
import type { OnFileReceived, TeamsFile } from './hooks';
import { findMember, type MemberLookup } from '../store/members';
import type { ConversationAddress, ConversationSender, InboundTurn, TurnAnswer } from './sdk/channel';
import { cardInvokeResponse, messageInvokeResponse, type OutgoingMessage } from './sdk/outgoing';

/** The tasks' dependencies (bot/app: the store, the clock, the log, Graph mail), and the bot's own. */
export interface BotDeps extends AppDeps {
  publicUrl: () => string;
  sender: ConversationSender;
  /** Local development only: match senders by object id alone (Agents Playground's tenant is made up). */
  anyTenant: boolean;
  onFileReceived: OnFileReceived;
}

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/**
 * One turn of the bot: receive (parse the activity once), route (install, message,
 * card action), act (store, commands, decisions) and send (through the SDK's connector
 * client). Who is acting always comes from the activity's sender.
 */
export function createBot(deps: BotDeps): (turn: InboundTurn) => Promise<TurnAnswer> {
  return async (turn) => {
    const parsed = activitySchema.safeParse(turn.activity);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5);
      deps.logger.warn('teams activity ignored: not one the bot reads', { problems: issues.map((i) => i.path.join('.')) });
      // Say what is wrong with each field, not "missing" for a field that is there but too long.
      const problems = issues.map((i) => ({ field: i.path.join('.') || 'activity', message: i.code === 'too_big' ? `is too long (at most ${(i as { maximum?: number | bigint }).maximum} characters)` : i.message }));
      return { status: 400, body: { error: `The activity cannot be read: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems } };
    }
    const activity = parsed.data;
    const to: ConversationAddress = { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id };
    const say = (message: OutgoingMessage) => deps.sender.send(to, message);
    const sender = { tenantId: tenantOf(activity), aadObjectId: activity.from.aadObjectId };
    const member = () => findMember(deps.db, sender, { anyTenant: deps.anyTenant });

    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') return cardAction(deps, activity, await member());

    const change = conversationChange(activity);
    if (change === 'uninstalled') {
      await dropConversation(deps.db, activity);
      return undefined;
    }
    if (change === 'installed') {
      // Teams says "installed" twice (installationUpdate, then conversationUpdate with the
      // bot added): store on either, greet on the first only.
      const greet = activity.type === 'installationUpdate';
      const m = await member();
      if (!m.found) {
        if (greet) await say({ text: unregisteredText });
      } else {
        await storeConversation(deps.db, activity, m.found);
        if (greet) await say({ text: `Hello! I’m the EHCP Review Assistant.\n\n${helpText}` });
      }
      return undefined;
    }
    if (activity.type !== 'message') return undefined;

    // A message stores its conversation's reference when it changed: read with the sender.
    const m = await findMember(deps.db, sender, { anyTenant: deps.anyTenant, conversationId: to.conversationId });
    if (!m.found) {
      await say({ text: m.reason === 'several' ? `You are registered in several organisations (${m.orgs.join(', ')}); use the service, which lets you choose one.` : unregisteredText });
      return undefined;
    }
    await storeConversation(deps.db, activity, m.found, m.conversation);
    const file = conversationTypeOf(activity) === 'personal' ? activity.attachments?.find((a) => a.contentType === FILE_DOWNLOAD_INFO) : undefined;
    if (file) {
      const result = await deps.onFileReceived({ principal: m.found, conversationId: to.conversationId, serviceUrl: to.serviceUrl }, teamsFile(file));
      await say({ text: result.reply });
      return undefined;
    }
    await say(await answer(deps, activity, m.found, { member: m, mri: activity.from.id }));
    return undefined;
  };
}

async function answer(deps: BotDeps, activity: Activity, p: Principal, viewer: CardViewer): Promise<OutgoingMessage> {
  const command = parseCommand(activity.text);
  const today = deps.today();
  switch (command.kind) {
    case 'help':
      return { text: helpText };
    case 'unknown':
      return { text: `I didn’t understand that.\n\n${helpText}` };
    case 'my-reviews':
      return myReviews(deps.db, p, today, deps.publicUrl());
    case 'overdue':
      return overdue(deps.db, p, today, deps.publicUrl());
    case 'record-decision-without-reference':
      return { text: 'Say which review: "record decision" and the council reference, for example "record decision DEMO-0007".' };
    case 'record-decision': {
      if (p.orgKind !== 'council') return { text: 'Decisions are recorded by the council’s SEND team; say "my reviews" for what is due from you.' };
      const subject = await currentReviewByReference(deps.db, p.orgId, command.laReference, today);
      if (!subject) return { text: `There is no review with council reference ${command.laReference} in your council’s caseload.` };
      if (!awaitsDecision(subject)) {
        return { text: `${subject.label} is not awaiting the council’s decision: it is ${statusWords[subject.status]}. ${reviewSteps[subject.status].todo}` };
      }
      await noteReviewRead(deps.db, p, 'bot', 'review.read', subject.reviewId, { via: 'record decision' });
      return { cards: [decisionCardFor(deps, subject, viewer)] };
    }
  }
}

/** `adaptiveCard/action`: the decision card's refresh and submit, routed on the verb. */
async function cardAction(deps: BotDeps, activity: Activity, member: MemberLookup): Promise<TurnAnswer> {
  const parsed = executeActionSchema.safeParse(activity.value);
  if (!parsed.success) return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Not an Action.Execute.' } } };
  const action = parsed.data.action;
  const viewer: CardViewer = { member, mri: activity.from.id };
  if (action.verb === DECISION_VERBS.refresh) {
    const card = await refreshDecisionCard(deps, action, viewer);
    return card ? cardInvokeResponse(card) : messageInvokeResponse('This review is no longer in EHCP Review Assistant.');
  }
  if (action.verb === DECISION_VERBS.submit) {
    const result = await submitDecisionCard(deps, action, viewer);
    if (!result) return messageInvokeResponse('This review is no longer in EHCP Review Assistant.');
    if (result.updateForEveryone && activity.replyToId) {
      await deps.sender.update({ serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id }, activity.replyToId, { cards: [result.card] });
    }
    return cardInvokeResponse(result.card);
  }
  return { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: `This card's action (${action.verb}) is not one the bot knows; it may be from an older version.` } } };
}

function teamsFile(a: { name?: string | undefined; contentUrl?: string | undefined; content?: unknown }): TeamsFile {
  const content = (a.content ?? {}) as { downloadUrl?: unknown; uniqueId?: unknown; fileType?: unknown };
  return {
    name: a.name ?? 'the file',
    downloadUrl: typeof content.downloadUrl === 'string' ? content.downloadUrl : '',
    uniqueId: typeof content.uniqueId === 'string' ? content.uniqueId : undefined,
    fileType: typeof content.fileType === 'string' ? content.fileType : undefined,
    contentUrl: a.contentUrl,
  };
}
