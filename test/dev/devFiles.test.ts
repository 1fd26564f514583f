import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_DRIVE_ID, devFileStorage } from '../../bot/dev/devFiles';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

describe('the development folder standing in for SharePoint', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ehcp-dev-files-'));
  const dir = path.join(root, 'dev-files');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('keeps a file under its review folder and reads it back by the item id it gave', async () => {
    const storage = devFileStorage(dir);
    const content = Buffer.from('%PDF-1.7\nadvice\n%%EOF\n');
    const saved = await storage.save({ tenantId: null, driveId: DEV_DRIVE_ID, path: ['EHCP reviews', 'DEMO-0008', 'Review due 2026-11-06'] }, 'advice.pdf', content, 'application/pdf');
    expect(saved).toEqual({ driveId: DEV_DRIVE_ID, itemId: expect.stringMatching(/^[0-9a-f]{16}$/), name: 'advice.pdf', size: content.length });
    expect(await storage.read?.(null, saved, 1024)).toEqual(content);
    expect(filesUnder(path.join(dir, 'EHCP reviews'))).toEqual([path.join(dir, 'EHCP reviews', 'DEMO-0008', 'Review due 2026-11-06', 'advice.pdf')]);
    await expect(storage.read?.(null, saved, 4)).rejects.toThrow('the file is larger than 0 MB');
    await expect(storage.read?.(null, { driveId: DEV_DRIVE_ID, itemId: '../../etc' }, 1024)).rejects.toThrow('no such file in the development folder');
  });

  test('names with separators or dots never leave the folder', async () => {
    const storage = devFileStorage(dir);
    await storage.save({ tenantId: null, driveId: DEV_DRIVE_ID, path: ['..', '../x', '.hidden'] }, '../../escape.pdf', Buffer.from('x'), 'application/pdf');
    expect(readdirSync(root)).toEqual(['dev-files']);
    for (const file of filesUnder(dir)) expect(file.startsWith(`${dir}${path.sep}`)).toBe(true);
  });
});
