import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDeliverOptions } from '../../src/pipeline/deliver-options.js';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');

describe('a delivery title is a file name every festival drive takes', () => {
  const out = tempDir();
  const options = (title: string) => resolveDeliverOptions({ config, title, out, memory: join(out, 'memory.sqlite') }, root, {});

  it.each([
    ['Hotline: Beijing', 'contains `:`'],
    ['what?', 'contains `?`'],
    ['a "quoted" title', 'contains `"`'],
    ['hotline-beijing.', 'ends with a dot or a space'],
    ['CON', 'is a name Windows keeps for a device'],
    ['CON.x', 'is a name Windows keeps for a device'],
    ['lpt1.txt', 'is a name Windows keeps for a device'],
  ])('refuses %j before anything is written: it %s', async (title, problem) => {
    await expect(options(title)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining(problem) });
  });

  it('refuses a title whose file names would pass 255 bytes, saying by how much', async () => {
    // `<title>.en-US.dcp-interop.xml`: 22 bytes beside the title's own.
    await expect(options('长'.repeat(80))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('262 bytes') });
    await expect(options('h'.repeat(233))).resolves.toMatchObject({ title: 'h'.repeat(233) });
  });

  it('takes a title of letters in any script, digits, spaces and dashes', async () => {
    await expect(options('热线北京 – Hotline Beijing (2024)')).resolves.toMatchObject({ title: '热线北京 – Hotline Beijing (2024)' });
  });
});
