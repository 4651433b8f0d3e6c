import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { damagedReads } from '../helpers/mutations.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A damaged `subloc.config.json` is refused only as `CONFIG_INVALID` naming
 * the file, with the line when the JSON itself is broken.
 */
describe('the localize options given a damaged subloc.config.json', () => {
  it('resolves or refuses naming the file, never another error', async () => {
    const bytes = readFileSync(resolve(process.cwd(), 'subloc.config.json'));
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    const found = await damagedReads(
      bytes,
      100,
      async (damaged) => {
        writeFileSync(config, damaged);
        await resolveLocalizeOptions({ config }, dir, {});
        return undefined;
      },
      (error) => {
        const named = error instanceof SublocError && error.code === 'CONFIG_INVALID' && error.message.includes(config);
        const located = !(error instanceof Error && error.message.includes('not valid JSON')) || (error as SublocError).line !== undefined;
        return named && located;
      },
    );
    expect(found).toEqual([]);
  });
});
