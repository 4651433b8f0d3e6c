import { execFileSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x7b, 0x7d]);

/** A file named where the config, glossary, profile or font goes that is no such file: refused in words, never waited on or read whole. */
describe('the wrong file given for --config, --glossary, --profile or --font', () => {
  let dir: string;
  const localize = (...args: string[]) => cli(['localize', '--config', join(ROOT, 'subloc.config.json'), '--target', 'en-US', '--out', join(dir, 'out'), '--memory', ':memory:', ...args], dir, {});
  const deliver = (...args: string[]) => cli(['deliver', '--config', join(ROOT, 'subloc.config.json'), '--language', 'en-US', '--out', join(dir, 'd'), '--memory', ':memory:', ...args], dir, {});

  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'image.json'), PNG);
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    // Sparse: 3 GiB on record, no bytes written; past what Node reads whole.
    writeFileSync(join(dir, 'huge'), '');
    truncateSync(join(dir, 'huge'), 3 * 1024 ** 3);
  });

  it('says a PNG image is one, where the JSON was expected', async () => {
    for (const r of [await localize('--glossary', 'image.json'), await localize('--profile', 'image.json'), await cli(['localize', '--config', 'image.json'], dir, {})]) {
      expect(r.stderr).toContain('image.json:1:1: not valid JSON: found a PNG image; expected a JSON file (UTF-8 text)');
    }
  });

  it('refuses a named pipe (waited on for ever before) and a file of 3 GiB (Node’s raw words before), reading neither', async () => {
    const cases: [Promise<{ code: number; stderr: string }>, string][] = [
      [localize('--glossary', 'pipe'), `cannot read the glossary ${join(dir, 'pipe')}: it is a pipe or a device, not a file; expected a file`],
      [localize('--profile', './pipe'), 'cannot read the profile ./pipe: it is a pipe or a device, not a file; expected a file'],
      [cli(['localize', '--config', 'pipe'], dir, {}), `cannot read config ${join(dir, 'pipe')}: it is a pipe or a device, not a file; expected a file`],
      [deliver('--font', 'pipe'), '--font pipe: it is a pipe or a device, not a file; expected a file'],
      [localize('--glossary', 'huge'), `cannot read the glossary ${join(dir, 'huge')}: it is 3,072 MiB; expected a file under 512 MiB`],
      [localize('--profile', './huge'), 'cannot read the profile ./huge: it is 3,072 MiB; expected a file under 512 MiB'],
      [deliver('--font', 'huge'), '--font huge: it is 3,072 MiB; expected a file under 512 MiB'],
    ];
    for (const [run, message] of cases) {
      const r = await run;
      expect(r.stderr).toContain(message);
      expect(r.code).not.toBe(0);
    }
  });
});
