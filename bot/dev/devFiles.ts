import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AdviceStorage } from '../advice/storage';

/** The drive id the development folder answers to, as a council's SharePoint library would. */
export const DEV_DRIVE_ID = 'development-files';

/**
 * Development only (bot/config/env.ts's `devPages`, with no EHCP_GRAPH_* settings): the
 * folder that stands in for the council's SharePoint library, so advice sent through a
 * one-time link, the family's views and the meeting report are kept on this machine
 * (`<DATA_DIR>/dev-files/<review folder>/`) instead of refused. The advice pages, their
 * checks and the records are the real ones; only where the bytes go is local.
 */
export function devFileStorage(dir: string): AdviceStorage {
  const itemDir = (itemId: string) => path.join(dir, 'items', itemId);
  return {
    async save(folder, name, content) {
      // The item id is the file's key, as in Graph; the folder path is kept for a person to browse.
      const itemId = randomBytes(8).toString('hex');
      await mkdir(itemDir(itemId), { recursive: true });
      await writeFile(path.join(itemDir(itemId), safeName(name)), content, { flag: 'wx' });
      const shown = path.join(dir, ...folder.path.map(safeName));
      await mkdir(shown, { recursive: true });
      await writeFile(path.join(shown, safeName(name)), content);
      return { driveId: folder.driveId, itemId, name, size: content.length };
    },
    async read(_tenantId, file, maxBytes) {
      if (!/^[0-9a-f]{16}$/.test(file.itemId)) throw new Error('no such file in the development folder');
      const [name] = await readdir(itemDir(file.itemId));
      if (!name) throw new Error('no such file in the development folder');
      const bytes = await readFile(path.join(itemDir(file.itemId), name));
      if (bytes.length > maxBytes) throw new Error(`the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      return bytes;
    },
  };
}

/** One path segment: no separators or dot-dot, whatever the name says. */
function safeName(name: string): string {
  const cleaned = name.replace(/[/\\\0]/g, '_').replace(/^\.+/, '_');
  return cleaned || '_';
}
