import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMatcher, parseGlossary } from '../../src/glossary/index.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { PROVIDER_IDS, providers } from '../../src/translate/providers.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';

const KEY = 'providers-test-key:fx';
const glossaryFile = new URL('../../glossary.json', import.meta.url).pathname;
let server: FakeDeepL | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const run = (env: Record<string, string>) => ({ memory: openMemory(':memory:'), title: 'Film', source: 'zh-Hans', targets: ['en-US'], concurrency: 2, env });

describe('the provider table', () => {
  it('is the one list of providers: every id prepares a translator of that id', async () => {
    server = await start({ authKey: KEY });
    expect(PROVIDER_IDS).toEqual(['deepl', 'offline', 'pseudo']);
    for (const id of PROVIDER_IDS) {
      const prepared = await providers[id].prepare(run({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }));
      expect(prepared.translator.id).toBe(id);
      await expect(prepared.ready()).resolves.toEqual([]);
    }
    // Without a glossary, DeepL's preparation asks the server nothing.
    expect(server.state.requests).toEqual([]);
  });

  it("DeepL's preparation syncs the run's glossary with its first request, none before, and a failed sync is its `ready` rejecting", async () => {
    server = await start({ authKey: KEY });
    const glossary = parseGlossary(readFileSync(glossaryFile, 'utf8'), glossaryFile);
    const withGlossary = { ...run({ DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }), glossary: { glossary, matcher: createMatcher(glossary) } };
    const prepared = await providers.deepl.prepare(withGlossary);
    await expect(prepared.ready()).resolves.toEqual([]);
    expect(server.state.requests).toEqual([]);
    const unit = { id: '1', cueIds: ['1'], source: ['拨打12345热线。'] };
    await prepared.translator.translate([unit], { pair: { source: 'zh-Hans', target: 'en-US' } });
    await prepared.ready();
    const paths = server.state.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('POST /v3/glossaries');
    expect(paths.indexOf('POST /v2/translate')).toBeGreaterThan(paths.indexOf('POST /v3/glossaries'));

    // A memory that holds nothing of a target: the sync begins at once, beside the memory search.
    server.reset();
    const surely = await providers.deepl.prepare({ ...withGlossary, surelyAsked: true });
    await surely.ready();
    expect(server.state.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v3/glossaries');
    expect(server.state.requests.some((r) => r.path === '/v2/translate')).toBe(false);

    const wrongKey = await providers.deepl.prepare({ ...withGlossary, env: { DEEPL_AUTH_KEY: 'not-the-key', DEEPL_SERVER_URL: server.url } });
    await expect(wrongKey.translator.translate([unit], { pair: { source: 'zh-Hans', target: 'en-US' } })).rejects.toThrow(/403|authori[sz]/i);
    await expect(wrongKey.ready()).rejects.toThrow(/403|authori[sz]/i);
  });

  it('only DeepL aims drafts at the cue budgets', () => {
    expect(PROVIDER_IDS.filter((id) => providers[id].condenses)).toEqual(['deepl']);
  });
});
