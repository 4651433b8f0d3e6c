import { GlossaryEntries } from 'deepl-node';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../../src/errors.js';
import { createDeepLConnection, type DeepLConnection } from '../../../src/translate/deepl/client.js';
import { syncGlossary, type GlossarySyncOptions } from '../../../src/translate/deepl/glossary-sync.js';
import { start, type FakeDeepL } from '../../helpers/deepl-server.js';

const KEY = 'glossary-key:fx';
let server: FakeDeepL | undefined;

async function setup(authKey = KEY): Promise<{ server: FakeDeepL; connection: DeepLConnection }> {
  server = await start({ authKey });
  return { server, connection: createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, maxRetries: 1 }) };
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

describe('syncGlossary', () => {
  it('creates one multilingual glossary named by content hash, a dictionary per supported target', async () => {
    const { server, connection } = await setup();
    const result = await syncGlossary(connection, options('a1b2c3', ['en-US', 'fr-FR', 'ja-JP', 'de-DE', 'th']));
    expect(result).toMatchObject({ reused: false, deleted: [], targets: ['en-US', 'fr-FR', 'ja-JP'] });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['deepl/glossary-no-entries', 'deepl/glossary-pair-unsupported']);
    const g = await connection.client.getMultilingualGlossary(result.glossaryId!);
    expect(g.name).toBe('subloc Hotline Beijing a1b2c3');
    expect(g.dictionaries.map((d) => `${d.sourceLangCode}>${d.targetLangCode}:${d.entryCount}`)).toEqual(['zh>en:2', 'zh>fr:2', 'zh>ja:1']);
    const fr = await connection.client.getMultilingualGlossaryDictionaryEntries(g, 'zh', 'fr');
    expect(fr.entries.entries()['接诉即办']).toBe('réponse immédiate aux requêtes des citoyens');
    expect(posts(server)).toBe(1);
  });

  it('reuses the glossary on the next run with the same content', async () => {
    const { server, connection } = await setup();
    const first = await syncGlossary(connection, options('a1b2c3'));
    const second = await syncGlossary(connection, options('a1b2c3'));
    expect(second).toMatchObject({ glossaryId: first.glossaryId, reused: true, deleted: [] });
    expect(posts(server)).toBe(1);
    expect(server.state.requests.filter((r) => r.method === 'PUT' || r.method === 'PATCH' || r.method === 'DELETE')).toEqual([]);
  });

  it('adds a dictionary to the reused glossary for a new target language; en-GB shares the en dictionary', async () => {
    const { connection } = await setup();
    const first = await syncGlossary(connection, options('h1', ['fr-FR']));
    const second = await syncGlossary(connection, options('h1', ['fr-FR', 'en-GB', 'en-US']));
    expect(second).toMatchObject({ glossaryId: first.glossaryId, reused: true, targets: ['fr-FR', 'en-GB', 'en-US'] });
    const g = await connection.client.getMultilingualGlossary(first.glossaryId!);
    expect(g.dictionaries.map((d) => d.targetLangCode).sort()).toEqual(['en', 'fr']);
  });

  it('replaces the glossary when the content changes and cleans up only its own older versions', async () => {
    const { connection } = await setup();
    const { client } = connection;
    const entries = new GlossaryEntries({ entries: { 胡同: 'hutong' } });
    const dict = [{ sourceLangCode: 'zh', targetLangCode: 'en', entries }];
    const foreign = await client.createMultilingualGlossary('my own glossary', dict);
    const otherTitle = await client.createMultilingualGlossary('subloc Hotline Beijing 2 ffff', dict);
    const otherPrefix = await client.createMultilingualGlossary('subloc Hotline ffff', dict);
    const old = await syncGlossary(connection, options('old1'));
    const renewed = await syncGlossary(connection, options('new2'));
    expect(renewed.reused).toBe(false);
    expect(renewed.glossaryId).not.toBe(old.glossaryId);
    expect(renewed.deleted).toEqual([old.glossaryId]);
    const left = (await client.listMultilingualGlossaries()).map((g) => g.name).sort();
    expect(left).toEqual(['my own glossary', 'subloc Hotline Beijing 2 ffff', 'subloc Hotline Beijing new2', 'subloc Hotline ffff']);
    expect([foreign, otherTitle, otherPrefix].every((g) => g.glossaryId !== renewed.glossaryId)).toBe(true);
  });

  it('leaves out entries a DeepL glossary cannot hold, and creates nothing without entries', async () => {
    const { server, connection } = await setup();
    const result = await syncGlossary(connection, {
      ...options('e1', ['en-US']),
      entriesFor: () => ({ 'bad\tterm': 'x', ok: 'fine', empty: ' ' }),
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['deepl/glossary-entry-invalid', 'deepl/glossary-entry-invalid']);
    const entries = await connection.client.getMultilingualGlossaryDictionaryEntries(result.glossaryId!, 'zh', 'en');
    expect(entries.entries.entries()).toEqual({ ok: 'fine' });
    const none = await syncGlossary(connection, { ...options('e2', ['de-DE']) });
    expect(none).toMatchObject({ glossaryId: undefined, targets: [], deleted: [result.glossaryId] });
    expect(posts(server)).toBe(1);
  });

  it('maps DeepL failures to SublocErrors', async () => {
    const { connection } = await setup('some-other-key');
    const error = await syncGlossary(connection, options('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SublocError);
    expect((error as SublocError).code).toBe('DEEPL_AUTH');
  });
});
