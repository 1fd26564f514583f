import { z } from 'zod';
import type { GraphClient } from './client';
import { GraphCallError, GraphInputError, type GraphOperation } from './errors';
import { IdempotentRequest } from './middleware';
import { invalid } from './paging';

const TEAMS = {
  delegated: 'TeamsAppInstallation.ReadWriteSelfForUser',
  application: 'TeamsAppInstallation.ReadWriteSelfForUser.All',
} as const;
const OPS = {
  install: { name: 'install the Teams app for the user', permissions: TEAMS },
  find: { name: 'find the Teams app installation', permissions: TEAMS },
  chat: { name: 'find the chat with the Teams app', permissions: TEAMS },
} satisfies Record<string, GraphOperation>;

/** The result of {@link ensureAppInstalled}. */
export interface TeamsAppInstallation {
  installationId: string;
  /** The 1:1 chat between the user and the bot, for proactive messages. */
  chatId: string;
  /** False when the app was already installed. */
  newlyInstalled: boolean;
}

const GUIDISH = /^[0-9A-Za-z._-]{1,128}$/;

/**
 * Makes sure the Teams app (`teamsAppId`: its id in the tenant's app catalogue) is installed
 * for the user and returns the chat id to message them proactively. Installing twice is
 * harmless: Graph answers 409 and the existing installation is used.
 *
 * @example const { chatId } = await ensureAppInstalled(gc, { userId, teamsAppId })
 */
export async function ensureAppInstalled(gc: GraphClient, target: { userId: string; teamsAppId: string }): Promise<TeamsAppInstallation> {
  if (!GUIDISH.test(target.userId)) throw new GraphInputError('userId', 'userId must be the user’s Entra object id');
  if (!GUIDISH.test(target.teamsAppId)) throw new GraphInputError('teamsAppId', 'teamsAppId must be the app’s id in the Teams app catalogue');
  const base = `/users/${encodeURIComponent(target.userId)}/teamwork/installedApps`;
  let newlyInstalled = true;
  try {
    await gc.call(OPS.install, (sdk) =>
      sdk
        .api(base)
        // A repeated install answers 409, so resending after a cut-off cannot double-install.
        .middlewareOptions([new IdempotentRequest()])
        .post({ 'teamsApp@odata.bind': `${gc.root}/appCatalogs/teamsApps/${encodeURIComponent(target.teamsAppId)}` }),
    );
  } catch (error) {
    if (!(error instanceof GraphCallError) || error.code !== 'graph-conflict') throw error;
    newlyInstalled = false;
  }
  const filter = encodeURIComponent(`teamsApp/id eq '${target.teamsAppId}'`);
  const listed = await gc.call(OPS.find, (sdk) => sdk.api(`${base}?$expand=teamsApp&$filter=${filter}`).get());
  const parsed = z.object({ value: z.array(z.object({ id: z.string() })) }).safeParse(listed);
  if (!parsed.success) throw invalid(OPS.find, 'an installed-apps list without ids');
  const installationId = parsed.data.value[0]?.id;
  if (!installationId) {
    throw new GraphCallError('graph-not-found', 'The Teams app was installed but its installation cannot be found yet; try again in a minute.', { operation: OPS.find.name });
  }
  const chat = await gc.call(OPS.chat, (sdk) => sdk.api(`${base}/${encodeURIComponent(installationId)}/chat`).get());
  const chatParsed = z.object({ id: z.string().min(1) }).safeParse(chat);
  if (!chatParsed.success) throw invalid(OPS.chat, 'a chat without an id');
  return { installationId, chatId: chatParsed.data.id, newlyInstalled };
}
