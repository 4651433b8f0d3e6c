import { GlossaryEntries } from 'deepl-node';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../../src/errors.js';
import { createDeepLConnection, type DeepLConnection } from '../../../src/translate/deepl/client.js';
import { syncGlossary, type GlossarySyncOptions } from '../../../src/translate/deepl/glossary-sync.js';
import { requestLanes } from '../../../src/translate/deepl/request-lanes.js';
import { start, type FakeDeepL } from '../../helpers/deepl-server.js';

const KEY = 'glossary-key:fx';
let server: FakeDeepL | undefined;

async function setup(authKey = KEY): Promise<{ server: FakeDeepL; connection: DeepLConnection }> {
  server = await start({ authKey });
  return { server, connection: createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1 }) };
}

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const TERMS: Record<string, Record<string, string>> = {
  'en-US': { 接诉即办: 'immediate response to citizen appeals', 胡同: 'hutong' },
  'en-GB': { 接诉即办: 'immediate response to citizen appeals', 胡同: 'hutong' },
  'fr-FR': { 接诉即办: 'réponse immédiate aux requêtes des citoyens', 胡同: 'hutong' },
  'ja-JP': { 胡同: '胡同' },
  'de-DE': {},
};

function options(hash: string, targets = ['en-US', 'fr-FR', 'ja-JP']): GlossarySyncOptions {
  return { title: 'Hotline Beijing', sourceLang: 'zh-Hans', targetLangs: targets, entriesFor: (t) => TERMS[t] ?? {}, contentHash: hash };
}

const posts = (s: FakeDeepL) => s.state.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries').length;

const ids = (r: { glossaries: Record<string, string> }) => [...new Set(Object.values(r.glossaries))];

describe('syncGlossary', () => {
  it('creates one multilingual glossary named by content hash, a dictionary per supported target', async () => {
    const { server, connection } = await setup();
    const result = await syncGlossary(connection, options('a1b2c3', ['en-US', 'fr-FR', 'ja-JP', 'de-DE', 'th']));
    expect(result).toMatchObject({ reused: false, deleted: [] });
    expect(Object.keys(result.glossaries)).toEqual(['en-US', 'fr-FR', 'ja-JP']);
    expect(ids(result)).toHaveLength(1);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['deepl/glossary-no-entries', 'deepl/glossary-pair-unsupported']);
    const g = await connection.client.getMultilingualGlossary(result.glossaries['en-US']!);
    expect(g.name).toMatch(/^subloc Hotline Beijing a1b2c3\.[0-9a-f]{12}$/);
    expect(g.dictionaries.map((d) => `${d.sourceLangCode}>${d.targetLangCode}:${d.entryCount}`)).toEqual(['zh>en:2', 'zh>fr:2', 'zh>ja:1']);
    const fr = await connection.client.getMultilingualGlossaryDictionaryEntries(g, 'zh', 'fr');
    expect(fr.entries.entries()['接诉即办']).toBe('réponse immédiate aux requêtes des citoyens');
    expect(posts(server)).toBe(1);
  });

  it('reuses the glossary on the next run with the same content', async () => {
    const { server, connection } = await setup();
    const first = await syncGlossary(connection, options('a1b2c3'));
    const second = await syncGlossary(connection, options('a1b2c3'));
    expect(second).toMatchObject({ glossaries: first.glossaries, reused: true, deleted: [] });
    expect(posts(server)).toBe(1);
    expect(server.state.requests.filter((r) => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE')).toEqual([]);
  });

  it('en-GB shares the en dictionary when its entries are en-US\'s', async () => {
    const { connection } = await setup();
    const result = await syncGlossary(connection, options('h1', ['fr-FR', 'en-GB', 'en-US']));
    expect(ids(result)).toHaveLength(1);
    const g = await connection.client.getMultilingualGlossary(result.glossaries['en-GB']!);
    expect(g.dictionaries.map((d) => d.targetLangCode).sort()).toEqual(['en', 'fr']);
  });

  it('gives en-GB a glossary of its own when its renderings differ from en-US', async () => {
    const { connection } = await setup();
    const british = { ...options('h2', ['en-US', 'en-GB', 'fr-FR']), entriesFor: (t: string) => (t === 'en-GB' ? { 电梯: 'lift', 胡同: 'hutong' } : t === 'en-US' ? { 电梯: 'elevator', 胡同: 'hutong' } : (TERMS[t] ?? {})) };
    const result = await syncGlossary(connection, british);
    expect(ids(result)).toHaveLength(2);
    expect(result.glossaries['fr-FR']).toBe(result.glossaries['en-US']);
    const { client } = connection;
    const us = await client.getMultilingualGlossaryDictionaryEntries(result.glossaries['en-US']!, 'zh', 'en');
    const gb = await client.getMultilingualGlossaryDictionaryEntries(result.glossaries['en-GB']!, 'zh', 'en');
    expect(us.entries.entries()['电梯']).toBe('elevator');
    expect(gb.entries.entries()['电梯']).toBe('lift');
    // The names say what each holds: the next run finds both and uploads nothing.
    const again = await syncGlossary(connection, british);
    expect(again).toMatchObject({ glossaries: result.glossaries, reused: true, deleted: [] });
  });

  it('a run with other target languages makes its own glossary and leaves the other run\'s in place', async () => {
    const { connection } = await setup();
    const first = await syncGlossary(connection, options('h1', ['fr-FR']));
    const second = await syncGlossary(connection, options('h1', ['fr-FR', 'en-US']));
    expect(second.reused).toBe(false);
    expect(second.deleted).toEqual([]);
    expect(await connection.client.getMultilingualGlossary(first.glossaries['fr-FR']!)).toBeDefined();
  });

  it('replaces the glossary when the content changes and cleans up only its own older versions', async () => {
    const { connection } = await setup();
    const { client } = connection;
    const entries = new GlossaryEntries({ entries: { 胡同: 'hutong' } });
    const dict = [{ sourceLangCode: 'zh', targetLangCode: 'en', entries }];
    const foreign = await client.createMultilingualGlossary('my own glossary', dict);
    const otherTitle = await client.createMultilingualGlossary('subloc Hotline Beijing 2 ffff', dict);
    const otherPrefix = await client.createMultilingualGlossary('subloc Hotline ffff', dict);
    const legacy = await client.createMultilingualGlossary('subloc Hotline Beijing old0', dict);
    const old = await syncGlossary(connection, options('old1'));
    const renewed = await syncGlossary(connection, options('new2'));
    expect(renewed.reused).toBe(false);
    expect(ids(renewed)).not.toEqual(ids(old));
    expect(renewed.deleted).toEqual(ids(old));
    expect(old.deleted).toEqual([legacy.glossaryId]);
    const left = (await client.listMultilingualGlossaries()).map((g) => g.name).sort();
    expect(left).toEqual(['my own glossary', 'subloc Hotline Beijing 2 ffff', expect.stringMatching(/^subloc Hotline Beijing new2\./), 'subloc Hotline ffff']);
    expect([foreign, otherTitle, otherPrefix].every((g) => !ids(renewed).includes(g.glossaryId))).toBe(true);
  });

  it('leaves out entries a DeepL glossary cannot hold, and creates nothing without entries', async () => {
    const { server, connection } = await setup();
    const result = await syncGlossary(connection, {
      ...options('e1', ['en-US']),
      entriesFor: () => ({ 'bad\tterm': 'x', ok: 'fine', empty: ' ' }),
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['deepl/glossary-entry-invalid', 'deepl/glossary-entry-invalid']);
    const entries = await connection.client.getMultilingualGlossaryDictionaryEntries(result.glossaries['en-US']!, 'zh', 'en');
    expect(entries.entries.entries()).toEqual({ ok: 'fine' });
    const none = await syncGlossary(connection, { ...options('e2', ['de-DE']) });
    expect(none).toMatchObject({ glossaries: {}, deleted: ids(result) });
    expect(posts(server)).toBe(1);
  });

  it('asks for the language pairs and the glossary list at once, not one after the other', async () => {
    const { server, connection } = await setup();
    server.options.latencyMs = 50;
    await syncGlossary(connection, options('p1', ['en-US']));
    expect(server.state.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2).sort()).toEqual(['GET /v2/glossary-language-pairs', 'GET /v3/glossaries']);
    expect(server.state.maxInFlight).toBe(2);
  });

  describe('made at once (a first run)', () => {
    const atOnce = (hash: string, targets?: string[]) => ({ ...options(hash, targets), makeAtOnce: true });
    const requestsOf = (s: FakeDeepL) => s.state.requests.map((r) => `${r.method} ${r.path}`);

    it('creates the glossary while asking for the pairs and the list: one round trip, one glossary', async () => {
      const { server, connection } = await setup();
      server.options.latencyMs = 50;
      const result = await syncGlossary(connection, atOnce('a1'));
      expect(requestsOf(server).sort()).toEqual(['GET /v2/glossary-language-pairs', 'GET /v3/glossaries', 'POST /v3/glossaries']);
      expect(server.state.maxInFlight).toBe(3);
      expect(result).toMatchObject({ reused: false, deleted: [] });
      const listed = await connection.client.listMultilingualGlossaries();
      expect(listed.map((g) => g.glossaryId)).toEqual(ids(result));
      const fr = await connection.client.getMultilingualGlossaryDictionaryEntries(result.glossaries['fr-FR']!, 'zh', 'fr');
      expect(fr.entries.entries()['接诉即办']).toBe('réponse immédiate aux requêtes des citoyens');
    });

    it("keeps to the run's lanes: with two requests in flight at most, the create waits for a slot", async () => {
      const { server, connection } = await setup();
      server.options.latencyMs = 30;
      const result = await syncGlossary(connection, { ...atOnce('a1'), lanes: requestLanes(2) });
      expect(server.state.maxInFlight).toBe(2);
      expect(posts(server)).toBe(1);
      expect((await connection.client.listMultilingualGlossaries()).map((g) => g.glossaryId)).toEqual(ids(result));
    });

    it('keeps the glossary that was there already and deletes the one it made', async () => {
      const { server, connection } = await setup();
      const [kept] = ids(await syncGlossary(connection, options('a1')));
      const again = await syncGlossary(connection, atOnce('a1'));
      const deletions = server.state.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
      // The one made at once is gone; the one an earlier run may be using stays, and is the one this run uses.
      expect(deletions).toHaveLength(1);
      expect(deletions[0]).not.toContain(kept);
      expect(ids(again)).toEqual([kept]);
      expect((await connection.client.listMultilingualGlossaries()).map((g) => g.glossaryId)).toEqual([kept]);
    });

    it('two runs that make it at the same moment agree on one glossary, and neither deletes it', async () => {
      const { server, connection } = await setup();
      server.options.latencyMs = 30;
      const [a, b] = await Promise.all([syncGlossary(connection, atOnce('a1')), syncGlossary(connection, atOnce('a1'))]);
      const left = (await connection.client.listMultilingualGlossaries()).map((g) => g.glossaryId);
      // Each run keeps one that is still there: the first made, if it saw the other's.
      for (const id of [...ids(a), ...ids(b)]) expect(left).toContain(id);
    });

    it('when DeepL takes a pair fewer than subloc knows, deletes what it made and makes the right glossary', async () => {
      server = await start({ authKey: KEY, glossaryTargetsRefused: ['ja'] });
      const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1 });
      const result = await syncGlossary(connection, atOnce('a1', ['en-US', 'ja-JP']));
      expect(Object.keys(result.glossaries)).toEqual(['en-US']);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['deepl/glossary-pair-unsupported']);
      const listed = await connection.client.listMultilingualGlossaries();
      expect(listed.map((g) => g.glossaryId)).toEqual(ids(result));
      expect(listed[0]!.dictionaries.map((d) => d.targetLangCode)).toEqual(['en']);
    });

    it('a create that fails at once is made again the usual way', async () => {
      const { server, connection } = await setup();
      server.fail({ type: 'status', status: 500, path: '/v3/glossaries', method: 'POST' });
      const result = await syncGlossary(connection, atOnce('a1'));
      expect(posts(server)).toBe(2);
      expect((await connection.client.listMultilingualGlossaries()).map((g) => g.glossaryId)).toEqual(ids(result));
    });

    it('tells the glossaries before the older versions are deleted', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Without the early word the deletion would have to end first: the fallback lets it, and the assertion fails.
      const fallback = setTimeout(() => release(), 2000);
      server = await start({ authKey: KEY, hold: (method) => (method === 'DELETE' ? held : undefined) });
      const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1 });
      await syncGlossary(connection, options('old1'));
      let deletionsAnsweredWhenTold: number | undefined;
      const result = await syncGlossary(connection, {
        ...atOnce('new2'),
        onGlossaries: () => {
          deletionsAnsweredWhenTold = server!.state.requests.filter((r) => r.method === 'DELETE' && r.status !== 0).length;
          release();
        },
      });
      clearTimeout(fallback);
      expect(deletionsAnsweredWhenTold).toBe(0);
      expect(result.deleted).toHaveLength(1);
    });
  });

  it('says a glossary it could not delete and still gives the new one; one already gone counts as deleted', async () => {
    const { server, connection } = await setup();
    const [first] = ids(await syncGlossary(connection, options('old1')));
    server.fail({ type: 'status', status: 500, path: `/v3/glossaries/${first}`, method: 'DELETE', times: 5 });
    const renewed = await syncGlossary(connection, options('new2'));
    expect(renewed.deleted).toEqual([]);
    expect(renewed.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['deepl/glossary-delete-failed warning']);
    expect(renewed.diagnostics[0]!.message).toContain('subloc Hotline Beijing old1.');
    expect(Object.keys(renewed.glossaries)).toEqual(['en-US', 'fr-FR', 'ja-JP']);
    server.reset();
    server.fail({ type: 'status', status: 404, path: `/v3/glossaries/${first}`, method: 'DELETE' });
    const again = await syncGlossary(connection, options('new2'));
    expect(again).toMatchObject({ deleted: [first], diagnostics: [] });
  });

  it('maps DeepL failures to SublocErrors', async () => {
    const { connection } = await setup('some-other-key');
    const error = await syncGlossary(connection, options('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SublocError);
    expect((error as SublocError).code).toBe('DEEPL_AUTH');
  });
});
