import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDeliveryLock } from '../../src/pipeline/deliver-lock.js';
import { tempDir } from '../helpers/cli.js';

describe('the delivery lock', () => {
  it('makes runs of one process started in the same instant take turns (their lock files once shared a name)', async () => {
    const folder = join(tempDir(), 'film');
    let inside = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inside--;
    };
    await Promise.all([withDeliveryLock(folder, work), withDeliveryLock(folder, work), withDeliveryLock(folder, work)]);
    expect(most).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });
});
