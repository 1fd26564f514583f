import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Development only: the local mail folder that stands in for the council's shared mailbox
 * when no Microsoft 365 tenant is configured, so an evaluator sees every reminder the sweeper
 * sends (at /dev/mail). One JSON file per message in `<DATA_DIR>/dev-mail/`, named so that
 * the names sort by time; nothing leaves the machine.
 */
export interface DevMessage {
  id: string;
  /** When the sweeper handed it over (ISO 8601). */
  sentAt: string;
  /** `email`, or a Teams message that could not go to a local Agents Playground. */
  channel: 'email' | 'teams';
  to: string;
  subject: string;
  html: string;
}

export type DevMessageSummary = Omit<DevMessage, 'html'>;

export interface DevMailbox {
  readonly dir: string;
  deliver(message: Omit<DevMessage, 'id' | 'sentAt'>, at: Date): Promise<DevMessage>;
  /** Newest first, at most `limit`. */
  list(limit?: number): Promise<DevMessageSummary[]>;
  read(id: string): Promise<DevMessage | undefined>;
}

/** Ids are the file names the mailbox made: nothing else reaches the file system. */
const ID = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

export function devMailbox(dir: string): DevMailbox {
  const file = (id: string) => path.join(dir, `${id}.json`);
  return {
    dir,
    async deliver(message, at) {
      await mkdir(dir, { recursive: true });
      const id = `${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
      const stored: DevMessage = { id, sentAt: at.toISOString(), ...message };
      await writeFile(file(id), JSON.stringify(stored, null, 2), { flag: 'wx' });
      return stored;
    },
    async list(limit = 200) {
      const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [] as string[];
        throw error;
      });
      const ids = names
        .filter((n) => n.endsWith('.json'))
        .map((n) => n.slice(0, -5))
        .filter((id) => ID.test(id))
        .sort()
        .reverse()
        .slice(0, limit);
      const messages = await Promise.all(ids.map((id) => this.read(id)));
      return messages.filter((m): m is DevMessage => m !== undefined).map(({ html: _html, ...summary }) => summary);
    },
    async read(id) {
      if (!ID.test(id)) return undefined;
      const text = await readFile(file(id), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (JSON.parse(text) as DevMessage);
    },
  };
}
