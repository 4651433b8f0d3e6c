import { ArgumentError, DocumentNotReadyError, GlossaryEntries } from 'deepl-node';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../../src/errors.js';
import { createDeepLConnection } from '../../../src/translate/deepl/client.js';
import { deeplFailure, redact } from '../../../src/translate/deepl/errors.js';
import { readPlainError } from '../../../src/translate/deepl/plain-error.js';
import { translateUnits } from '../../../src/translate/deepl/translate.js';
import { start, type FakeDeepL, type Fault } from '../../helpers/deepl-server.js';

const KEY = 'errors-key-0123456789:fx';
let server: FakeDeepL | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function connect(faults: Fault[] = []) {
  server = await start({ authKey: KEY, faults });
  return { server, connection: createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1 }) };
}

const units = [{ id: '1', cueIds: ['1'], source: ['你好'] }];
const pair = { source: 'zh-Hans', target: 'en-US' };

async function failure(promise: Promise<unknown>): Promise<SublocError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(SublocError);
  return error as SublocError;
}

describe('deeplFailure maps deepl-node error classes, from the real client', () => {
  it('TooManyRequestsError past the retries: DEEPL_FAILED naming the server and what to do', async () => {
    const { server, connection } = await connect([{ type: 'status', status: 429, times: 5 }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toBe(
      `DeepL at ${server.url} still answered 429 (too many requests) after its retries: drafts received before are kept; run again later, or with a lower concurrency, and only the rest is requested`,
    );
    expect((error.cause as Error).name).toBe('TooManyRequestsError');
  });

  it('GlossaryNotFoundError (a glossary deleted meanwhile): DEEPL_FAILED saying to sync again', async () => {
    const { server, connection } = await connect();
    const dict = [{ sourceLangCode: 'zh', targetLangCode: 'en', entries: new GlossaryEntries({ entries: { 胡同: 'hutong' } }) }];
    const gone = await connection.client.createMultilingualGlossary('subloc Film old0', dict);
    await connection.client.deleteMultilingualGlossary(gone);
    // deepl-node throws it from the glossary endpoints (a translate request naming a missing glossary gets a plain DeepLError).
    const error = await failure(connection.client.getMultilingualGlossary(gone.glossaryId).catch((e: unknown) => Promise.reject(deeplFailure(e, connection))));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toBe(
      `DeepL at ${server.url} answered 404 for a glossary this run uses: it was deleted meanwhile (perhaps by another run); run again to sync the glossary`,
    );
    expect((error.cause as Error).name).toBe('GlossaryNotFoundError');
  });

  it('a plain DeepLError shows deepl-node\'s own words, which name the status, scrubbed', async () => {
    const { connection } = await connect([{ type: 'status', status: 400, message: `bad ${KEY}`, times: 100 }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toBe('DeepL request failed: Bad request, message: bad [redacted] (the request for en-US, unit 1; drafts received before are kept)');
  });

  it('scrubs the key as a server may echo it: percent-encoded, in another case, or without its :fx suffix', async () => {
    const { connection } = await connect([{ type: 'status', status: 400, message: `bad ${encodeURIComponent(KEY)}, ${KEY.toUpperCase()}, ${KEY.replace(/:fx$/, '')}`, times: 100 }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.message).toBe('DeepL request failed: Bad request, message: bad [redacted], [redacted], [redacted] (the request for en-US, unit 1; drafts received before are kept)');
    expect(redact(`key ${KEY} and ${KEY.replace(/:fx$/, '')}`, KEY)).toBe('key [redacted] and [redacted]');
  });

  it('scrubs the key from the finding on a text DeepL refused alone', async () => {
    const { connection } = await connect([{ type: 'status', status: 400, message: `bad ${KEY.toUpperCase()}` }]);
    const result = await translateUnits(connection, units, { pair });
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('(Bad request, message: bad [redacted])')]);
    expect(JSON.stringify(result)).not.toMatch(new RegExp(KEY.replace(/:fx$/, ''), 'i'));
  });
});

describe('a DEEPL_SERVER_URL where no DeepL API answers (a path such as /v2 after the server)', () => {
  it('is said as such, naming the address and what DEEPL_SERVER_URL should be', async () => {
    server = await start({ authKey: KEY });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: `${server.url}/v2` }, attempts: 1 });
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.code).toBe('DEEPL_UNREACHABLE');
    expect(error.message).toBe(`${server.url}/v2 answered 404 Not found where the DeepL API answers: no DeepL API is at that address; check DEEPL_SERVER_URL, which names the server alone (https://api-free.deepl.com, https://api.deepl.com), without /v2; the request was not translated`);
  });

  it('is read so from deepl-node\'s words whatever the body: a message, an empty body, none', () => {
    for (const said of ['Not found, message: Not found', 'Not found, ', 'Not found']) expect(readPlainError(said)).toEqual({ kind: 'not-found' });
    expect(readPlainError('Not found, message: Glossary not found').kind).toBe('other');
  });
});

describe('a request a message names', () => {
  it('names each of a few units, not a range the memory left gaps in', async () => {
    const { connection } = await connect([{ type: 'status', status: 400, message: 'refused', times: 100 }]);
    const some = [5, 9].map((n) => ({ id: String(n), cueIds: [String(n)], source: [`第${n}句。`] }));
    const error = await failure(translateUnits(connection, some, { pair }));
    expect(error.message).toContain('(the request for en-US, units 5, 9;');
  });
});

describe('an answer that is not DeepL\'s JSON (a proxy, a gateway, a captive portal answered), from the real client', () => {
  const NGINX_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

  it('a gateway\'s HTML error page on a 5xx: a server error, its status and title on one line, the page itself not dumped', async () => {
    const { server, connection } = await connect([{ type: 'raw', status: 502, contentType: 'text/html', body: NGINX_502 }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toBe(
      `DeepL at ${server.url} still answered 502 Bad Gateway after its retries (an HTML page ("502 Bad Gateway")): DeepL, or a server on the way to it, is failing. ` +
        'Drafts received before are kept; run again later, and only the rest is requested',
    );
    expect(error.message).not.toContain('\n');
  });

  it('an HTML page with status 200 (a captive portal\'s sign-in page)', async () => {
    const page = '<!DOCTYPE html>\n<html><head><title>Sign in to the Wi-Fi</title></head><body>…</body></html>';
    const { server, connection } = await connect([{ type: 'raw', status: 200, contentType: 'text/html', body: page }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.message).toMatch(new RegExp(`^DeepL at ${server.url.replace(/[.]/g, '\\.')} answered 200 with an HTML page where DeepL answers JSON: a proxy`));
  });

  it('JSON cut short: said as such, with the parser\'s words', async () => {
    const { server, connection } = await connect([{ type: 'raw', status: 200, contentType: 'application/json', body: '{"translations": [{"detected_source_language": "ZH", "te' }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.message).toMatch(new RegExp(`^DeepL at ${server.url.replace(/[.]/g, '\\.')} answered 200 with malformed or truncated JSON \\(Unterminated string in JSON at position \\d+\\) where DeepL answers JSON: a proxy`));
  });
});

describe('an answer that is not JSON on the glossary endpoints, which deepl-node parses itself', () => {
  it.each([
    ['/v3/glossaries', 'an HTML page', 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>', '200 with an HTML page'],
    ['/v2/glossary-language-pairs', 'JSON cut short', 'application/json', '{"supported_languages":[{"source_lang', '200 with malformed or truncated JSON (Unterminated string'],
  ])('%s answering %s: said as the proxy it is, not as a parser error', async (path, _what, contentType, body, answered) => {
    const { server, connection } = await connect([{ type: 'raw', status: 200, contentType, body, path }]);
    const call = path === '/v3/glossaries' ? connection.client.listMultilingualGlossaries() : connection.client.getGlossaryLanguagePairs();
    const error = await failure(call.catch((e: unknown) => Promise.reject(deeplFailure(e, connection))));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toContain(`DeepL at ${server.url} answered ${answered}`);
    expect(error.message).toContain('where DeepL answers JSON: a proxy, gateway or captive portal');
  });
});

describe('a server error that outlasts the retries says so, with what to do', () => {
  it.each([
    [500, 'Internal Server Error'],
    [503, 'Service Unavailable'],
    [504, 'Gateway Timeout'],
  ])('%i', async (status, name) => {
    const { server, connection } = await connect([{ type: 'status', status, message: `overloaded ${KEY}` }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toBe(
      `DeepL at ${server.url} still answered ${status} ${name} after its retries (overloaded [redacted]): DeepL, or a server on the way to it, is failing. ` +
        'Drafts received before are kept; run again later, and only the rest is requested',
    );
  });
});

describe('an attempt that got no answer after DeepL may have translated it, sent again', () => {
  it('is said, with what DeepL may have billed beyond what the run counts', async () => {
    let release = () => {};
    let first = true;
    server = await start({
      authKey: KEY,
      hold: (_, path) => {
        if (path !== '/v2/translate' || !first) return undefined;
        first = false;
        return new Promise<void>((r) => (release = r));
      },
    });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 2, minTimeout: 200 });
    const result = await translateUnits(connection, units, { pair }).finally(() => release());
    expect(result.drafts).toHaveLength(1);
    expect(result.diagnostics.filter((d) => d.code === 'deepl/sent-again').map((d) => [d.severity, d.message])).toEqual([
      ['warning', `the request for en-US, unit 1 got no answer from DeepL at ${server.url} (timed out, the connection broke, or a gateway gave up waiting for it: 504) after DeepL may have translated it, and was sent again: DeepL may have billed it twice, up to 2 characters more than this run counts`],
    ]);
  });
});

describe('a connection that fails past the retries says what happened and what to do', () => {
  it('an answer slower than the timeout: said as a timeout, with drafts kept and the rerun asking only the rest', async () => {
    let release = () => {};
    server = await start({ authKey: KEY, hold: (_, path) => (path === '/v2/translate' ? new Promise<void>((r) => (release = r)) : undefined) });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1, minTimeout: 200 });
    const error = await failure(translateUnits(connection, units, { pair })).finally(() => release());
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toMatch(
      new RegExp(
        `^DeepL at ${server.url.replace(/[.]/g, '\\.')} did not answer in time \\(timeout of \\d+ms exceeded\\) after its retries: ` +
          'DeepL or the network is slow\\. Drafts received before are kept; run again later, or with a lower concurrency, and only the rest is requested$',
      ),
    );
  });

  it('a connection reset: the drafts kept and what to do', async () => {
    const { server, connection } = await connect([{ type: 'drop' }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.message).toMatch(
      new RegExp(`^the connection to DeepL at ${server.url.replace(/[.]/g, '\\.')} failed \\((ECONNRESET|socket hang up)\\) after its retries: drafts received before are kept; check the network and DEEPL_SERVER_URL, then run again, and only the rest is requested$`),
    );
  });
});

describe('a status deepl-node has no words for, outside the 5xx', () => {
  it('is said once, where deepl-node appends the whole body again after `content:`', async () => {
    const { connection } = await connect([{ type: 'status', status: 413, message: 'request too large for this proxy' }]);
    const error = await failure(translateUnits(connection, units, { pair }));
    expect(error.message).toBe('DeepL request failed: Unexpected status code: 413 Payload Too Large, message: request too large for this proxy (the request for en-US, unit 1; drafts received before are kept)');
  });
});

describe('deeplFailure maps error classes the real client cannot be made to throw here', () => {
  const context = { serverUrl: 'http://127.0.0.1:1', redact: (text: string) => text.split(KEY).join('[redacted]') };

  it('ArgumentError: deepl-node refused the request before sending it', () => {
    const error = deeplFailure(new ArgumentError(`glossaryId must not be empty ${KEY}`), context);
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toBe('deepl-node refused the request before sending it: glossaryId must not be empty [redacted]');
  });

  it('any other DeepLError subclass (DocumentNotReadyError) falls back to the plain DeepLError message', () => {
    const error = deeplFailure(new DocumentNotReadyError('Document not ready, message: later'), context);
    expect(error).toMatchObject({ code: 'DEEPL_FAILED', message: 'DeepL request failed: Document not ready, message: later' });
    expect((error.cause as Error).name).toBe('DocumentNotReadyError');
  });

  it('what is not a DeepLError at all is DEEPL_FAILED with its message, scrubbed', () => {
    expect(deeplFailure(new TypeError(`boom ${KEY}`), context)).toMatchObject({ code: 'DEEPL_FAILED', message: 'DeepL request failed: boom [redacted]' });
  });
});
