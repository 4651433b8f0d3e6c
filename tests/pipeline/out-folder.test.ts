import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markDraftsFolder } from '../../src/pipeline/out-folder.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('the mark of a localize run folder', () => {
  it('says which path could not be written and why, instead of an internal error', async () => {
    const dir = tempDir('subloc-out-');
    writeFileSync(join(dir, 'out'), 'a file where the output folder belongs');
    const error = await markDraftsFolder(join(dir, 'out', 'film')).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'SublocError', code: 'WRITE_FAILED' });
    expect(error?.message).toBe(`could not write ${join(dir, 'out', 'film', '.subloc-drafts')}: a part of the path is a file, not a folder; expected an output folder subloc can write (--out, or \`out\` in the config)`);
  });
});
