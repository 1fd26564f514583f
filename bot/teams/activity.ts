import { z } from 'zod';
import type { ConversationType } from '../store/conversations';

/**
 * The parts of a Bot Framework activity the bot reads, parsed once at the boundary
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#activity-object).
 * Anything else in the activity is ignored, not trusted.
 */
const account = z.looseObject({ id: z.string().min(1).max(512), aadObjectId: z.string().min(1).max(128).optional(), name: z.string().max(512).optional() });

const attachment = z.looseObject({ contentType: z.string().max(256), name: z.string().max(512).optional(), contentUrl: z.string().max(4096).optional(), content: z.unknown().optional() });

export const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  name: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  serviceUrl: z.string().url().max(2048),
  channelId: z.string().max(64).optional(),
  from: account,
  recipient: account,
  conversation: z.looseObject({
    id: z.string().min(1).max(512),
    conversationType: z.string().max(32).optional(),
    tenantId: z.string().max(128).optional(),
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string().max(128) }).optional() }).optional(),
  text: z.string().max(28_000).optional(),
  replyToId: z.string().max(512).optional(),
  attachments: z.array(attachment).max(20).optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  value: z.unknown().optional(),
});

export type Activity = z.output<typeof activitySchema>;
export type Attachment = z.output<typeof attachment>;

/** The tenant the activity comes from: Teams puts it on the conversation and in channelData. */
export function tenantOf(activity: Activity): string | undefined {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
}

/** Personal, group chat or channel; Teams omits the type for some personal activities. */
export function conversationTypeOf(activity: Activity): ConversationType {
  const t = activity.conversation.conversationType;
  return t === 'groupChat' || t === 'channel' ? t : 'personal';
}

/** The `Action.Execute` of an `adaptiveCard/action` invoke: its verb and data (inputs merged in). */
export const executeActionSchema = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(64),
    data: z.record(z.string(), z.unknown()).default({}),
  }),
  trigger: z.enum(['automatic', 'manual']).optional(),
});

export type ExecuteAction = z.output<typeof executeActionSchema>['action'];
