import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { mostInsideAtOnce } from './lock-turns.js';

describe('the delivery lock', () => {
  it('makes runs of one process started in the same instant take turns (their lock files once shared a name)', async () => {
    const folder = join(tempDir(), 'film');
    expect(await mostInsideAtOnce(folder)).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });
});
