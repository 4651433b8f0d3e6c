import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { cli, tempDir } from './cli.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The repository's sample localized by `subloc localize --config subloc.config.json` into a new folder: its tracks in
 * `<work>/<out>`, its own memory `<work>/memory.sqlite`. `args` add to the command (targets, a profile).
 */
export async function localizeSample(out: string, ...args: string[]): Promise<{ work: string; memory: string }> {
  const work = tempDir();
  const memory = join(work, 'memory.sqlite');
  const r = await cli(['localize', '--config', join(ROOT, 'subloc.config.json'), ...args, '--out', join(work, out), '--memory', memory, '--json'], ROOT);
  expect(r.code, r.stderr).toBe(0);
  return { work, memory };
}
