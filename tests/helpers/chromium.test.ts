import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';
import { CHROMIUM_VARIABLE, findChromium } from './chromium.js';

/**
 * A stand-in executable: finding a browser is only about paths. The review-sheet test launches the real
 * one, on a bare machine the one from @sparticuz/chromium; it alone unpacks it, because two workers
 * unpacking into the same /tmp/chromium at once could start a half-written binary.
 */
function fakeBinary(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

describe('findChromium', () => {
  it(`takes the executable ${CHROMIUM_VARIABLE} names before anything on PATH`, async () => {
    const dir = tempDir();
    const mine = fakeBinary(join(dir, 'mine'), 'chrome');
    fakeBinary(join(dir, 'bin'), 'chromium');
    const found = await findChromium({ [CHROMIUM_VARIABLE]: mine, PATH: join(dir, 'bin') });
    expect(found).toMatchObject({ executablePath: mine, from: CHROMIUM_VARIABLE });
    expect(found.args).toContain('--no-sandbox');
  });

  it(`refuses a ${CHROMIUM_VARIABLE} that is not an executable, naming it`, async () => {
    const missing = join(tempDir(), 'no-such-chrome');
    await expect(findChromium({ [CHROMIUM_VARIABLE]: missing, PATH: '' })).rejects.toThrow(`${CHROMIUM_VARIABLE} is ${missing}, which is not an executable file`);
  });

  it('finds chromium, chromium-browser, google-chrome or google-chrome-stable on PATH, in that order', async () => {
    const dir = tempDir();
    const stable = fakeBinary(join(dir, 'a'), 'google-chrome-stable');
    const browser = fakeBinary(join(dir, 'b'), 'chromium-browser');
    writeFileSync(join(dir, 'a', 'chromium'), 'not executable');
    const path = `${join(dir, 'a')}:${join(dir, 'b')}`;
    expect(await findChromium({ PATH: path })).toMatchObject({ executablePath: browser, from: 'PATH' });
    expect(await findChromium({ PATH: join(dir, 'a') })).toMatchObject({ executablePath: stable, from: 'PATH' });
  });
});
