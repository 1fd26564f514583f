import { graphLetterMailer, type LetterMailer } from '../../../bot/letters/mailer';
import { type Harness, type HarnessOptions, SHARED_MAILBOX, startHarness, TENANT } from '../../../testkit/graph-server/harness';

/** The local Graph and identity servers, and a letter mailer pointed at them (a real TokenBroker on MSAL). */
export async function startLetterGraph(options: HarnessOptions = {}): Promise<{ harness: Harness; mailer: LetterMailer; tenantId: string; sharedMailbox: string; close(): Promise<void> }> {
  const harness = await startHarness(options);
  const mailer = graphLetterMailer(harness.broker, { baseUrl: harness.graph.baseUrl, logger: harness.logger });
  return { harness, mailer, tenantId: TENANT, sharedMailbox: SHARED_MAILBOX.userPrincipalName, close: () => harness.close() };
}
