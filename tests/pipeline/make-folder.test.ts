import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder } from '../../src/pipeline/make-folder.js';
import { markDraftsFolder } from '../../src/pipeline/out-folder.js';
import { withDeliveryLock } from '../../src/pipeline/deliver-lock.js';
import { writeFileAtomic } from '../../src/pipeline/write-atomic.js';
import { tempDir } from '../helpers/cli.js';

/** A read-only disk mounted at a new folder; undefined when it cannot be mounted. */
function readOnlyDisk(): string | undefined {
  const dir = tempDir();
  return spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir]).status === 0 ? dir : undefined;
}

describe('makeFolder', () => {
  it('makes a folder and the folders above it, and takes one that is there', async () => {
    const path = join(tempDir(), 'a', 'b', 'c');
    await makeFolder(path);
    await makeFolder(path);
    expect(existsSync(path)).toBe(true);
  });

  it('says what stands in the way, not "no such file"', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'out'), 'a file');
    await expect(makeFolder(join(dir, 'out', 'film'))).rejects.toMatchObject({ code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/) });
  });

  // Node's recursive mkdir says ENOENT on a read-only disk; a test can mount one only as root.
  it.runIf(process.getuid?.() === 0)('on a read-only disk, localize, deliver and every write say the disk is read-only (they said "no such file")', async (context) => {
    const disk = readOnlyDisk();
    if (disk === undefined) return context.skip();
    try {
      await expect(makeFolder(join(disk, 'out', 'film'))).rejects.toMatchObject({ code: 'EROFS' });
      await expect(markDraftsFolder(join(disk, 'out', 'film'))).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('.subloc-drafts: the disk is read-only;') });
      await expect(withDeliveryLock(join(disk, 'd', 'film'), async () => {})).rejects.toMatchObject({ message: expect.stringContaining('.deliver.lock: the disk is read-only; expected a delivery folder subloc can write') });
      await expect(writeFileAtomic(join(disk, 'out', 'film.srt'), 'x')).rejects.toMatchObject({ message: `could not write ${join(disk, 'out', 'film.srt')}: the disk is read-only` });
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});
