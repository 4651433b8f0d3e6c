import { QuotaExceededError, TooManyRequestsError, DeepLError, AuthorizationError } from 'deepl-node';
import { describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { openMemoryStore } from '../../src/memory/open.js';
import { deeplFailure } from '../../src/translate/deepl/errors.js';
import { STALLS_ALLOWED, classify, failureReason } from '../../src/workers/failure.js';

const context = { serverUrl: 'http://127.0.0.1:9', redact: (text: string) => text };

describe('what a failed catalog job does next', () => {
  it("pauses the queue on DeepL's quota (456) and on the catalog's budget", () => {
    expect(classify(deeplFailure(new QuotaExceededError('Quota exceeded'), context))).toMatchObject({ kind: 'quota', message: expect.stringContaining('456') });
    expect(classify(new SublocError('DEEPL_BUDGET', 'the DeepL budget of 10 characters per month is reached'))).toMatchObject({ kind: 'quota' });
  });

  it("rate-limits the queue when DeepL still answers 429 after the retries", () => {
    expect(classify(deeplFailure(new TooManyRequestsError('Too many requests'), context))).toEqual({ kind: 'rate' });
  });

  it('tries again after a 5xx, and after an error that is not subloc’s own', () => {
    expect(classify(deeplFailure(new DeepLError('Service unavailable, status code: 503'), context)).kind).toBe('retry');
    expect(classify(new TypeError('a bug')).kind).toBe('retry');
  });

  it('fails for good, without the automatic retries, an answer altered or cut short: DeepL billed it, and another attempt would be billed and most likely altered again', () => {
    const cut = classify(deeplFailure(new DeepLError('Error parsing response JSON: SyntaxError: Unterminated string in JSON at position 31'), context));
    expect(cut.kind).toBe('fatal');
    expect(cut.kind === 'fatal' && cut.error.message).toContain('answered 200 with malformed or truncated JSON');
    expect(classify(new SublocError('DEEPL_ANSWER_MISMATCH', 'DeepL at http://127.0.0.1:9 answered a request of 3 texts with 2 translations')).kind).toBe('fatal');
    // A captive portal's page was not DeepL's answer, nothing billed: tried again, the portal may be signed in by then.
    expect(classify(deeplFailure(new DeepLError("Error parsing response JSON: SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON"), context)).kind).toBe('retry');
  });

  it('tries again when the Postgres memory cannot be reached (a server restarting, a network gone a while), not when it refuses the login', async () => {
    const refused = await openMemoryStore('postgres://subloc:pw@127.0.0.1:1/memory').then(
      () => expect.fail('expected a refusal'),
      (error: unknown) => error,
    );
    expect(classify(refused).kind).toBe('retry');
    expect(classify(new SublocError('MEMORY_UNREADABLE', 'cannot read the memory: it belongs to another application')).kind).toBe('fatal');
  });

  it('stops the worker, not the job, on what its own machine gives: a DeepL key refused, DeepL out of its reach, a memory login refused', () => {
    expect(classify(deeplFailure(new AuthorizationError('Authorization failure'), context))).toMatchObject({ kind: 'worker', message: expect.stringContaining('403') });
    expect(classify(new SublocError('DEEPL_UNREACHABLE', 'could not reach DeepL at http://127.0.0.1:9 (ECONNREFUSED)'))).toMatchObject({ kind: 'worker', message: expect.stringContaining('ECONNREFUSED') });
    const login = Object.assign(new Error('password authentication failed for user "subloc"'), { code: '28P01' });
    expect(classify(new SublocError('MEMORY_UNREADABLE', 'the server refused the login of user `subloc`', { cause: login })).kind).toBe('worker');
  });

  it('fails for good what a person must fix, the file named in the reason', () => {
    const bad = classify(new SublocError('CONFIG_INVALID', 'unknown field `targts`', { file: '/films/a/config.json' }));
    expect(bad.kind).toBe('fatal');
    expect(bad.kind === 'fatal' && bad.error.message).toBe('/films/a/config.json: unknown field `targts`');
  });

  it("says of a job that kept losing its worker what happened and what to do, not BullMQ's words", () => {
    const reason = failureReason('job stalled more than allowable limit');
    expect(reason).toContain(`its worker stopped ${STALLS_ALLOWED + 1} times while running it (killed, its machine gone, out of memory, or cut off from Redis longer than --lock-duration)`);
    expect(reason).toContain('`subloc catalog enqueue` its config again');
    expect(failureReason('DeepL request failed: Service unavailable')).toBe('DeepL request failed: Service unavailable');
  });
});
