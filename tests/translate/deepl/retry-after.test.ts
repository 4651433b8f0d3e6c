import { TooManyRequestsError } from 'deepl-node';
import { afterEach, describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../../src/translate/deepl/attempts.js';
import { createDeepLConnection } from '../../../src/translate/deepl/client.js';
import { heeding, retryAfterMs, RETRY_AFTER_CAP_MS } from '../../../src/translate/deepl/retry-after.js';
import { start, type FakeDeepL } from '../../helpers/deepl-server.js';

const KEY = 'retry-after-key-0123456789:fx';
let server: FakeDeepL | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** The error of one translate call through the real client, answered 429 with these headers. */
async function throttled(headers?: Record<string, string>): Promise<unknown> {
  server = await start({ authKey: KEY, faults: [{ type: 'status', status: 429, ...(headers === undefined ? {} : { headers }) }] });
  const { client } = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1 });
  const error = await heeding(() => client.translateText('你好', 'zh', 'en-US')).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TooManyRequestsError);
  return error;
}

describe('a 429 waits what its Retry-After asks, which deepl-node does not keep', () => {
  it('in seconds', async () => {
    expect(retryDelayMs(1, await throttled({ 'Retry-After': '5' }))).toBe(5000);
  });

  it('capped, so a server asking for an hour is asked again within a minute', async () => {
    expect(retryDelayMs(1, await throttled({ 'Retry-After': '3600' }))).toBe(RETRY_AFTER_CAP_MS);
  });

  it('never sooner than the backoff, and the backoff without one', async () => {
    expect(retryDelayMs(1, await throttled({ 'Retry-After': '0' }))).toBeGreaterThanOrEqual(770);
    await server?.stop();
    expect(retryDelayMs(1, await throttled())).toBeLessThanOrEqual(1230);
  });

  it('as an HTTP date, or unreadable', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:27:30 GMT');
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:00 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
