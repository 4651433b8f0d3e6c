import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './cli.js';
import { start, type FakeDeepL } from './deepl-server.js';

export interface DeepLFixture {
  /** The loopback DeepL-compatible server of the running test. */
  deepl: FakeDeepL;
  /** A fresh folder of the running test. */
  dir: string;
  /** The key and the server's URL, as `subloc` reads them. */
  env: Record<string, string>;
}

/** Gives each test of the calling suite its own loopback DeepL server, folder and environment; the server stops after the test. */
export function deeplPerTest(authKey: string): DeepLFixture {
  const fixture = {} as DeepLFixture;
  beforeEach(async () => {
    fixture.deepl = await start({ authKey });
    fixture.dir = tempDir();
    fixture.env = { DEEPL_AUTH_KEY: authKey, DEEPL_SERVER_URL: fixture.deepl.url };
  });
  afterEach(() => fixture.deepl.stop());
  return fixture;
}
