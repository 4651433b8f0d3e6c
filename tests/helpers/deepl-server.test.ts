import {
  AuthorizationError,
  ConnectionError,
  DeepLClient,
  DeepLError,
  GlossaryEntries,
  GlossaryNotFoundError,
  QuotaExceededError,
} from 'deepl-node';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, start, type FakeDeepL, type FakeDeepLOptions } from './deepl-server.js';

const KEY = 'test-key:fx';
let server: FakeDeepL | undefined;

async function setup(options: FakeDeepLOptions = {}, clientOptions: { maxRetries?: number; key?: string } = {}) {
  server = await start(options);
  const client = new DeepLClient(clientOptions.key ?? KEY, {
    serverUrl: server.url,
    maxRetries: clientOptions.maxRetries ?? 3,
    minTimeout: 2000,
  });
  return { server, client };
}

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('fake DeepL server: translate', () => {
  it('translates arrays in order, billing code points of the source', async () => {
    const { server, client } = await setup();
    const results = await client.translateText(['这座城市', 'hello world'], 'zh', 'en-US');
    expect(results.map((r) => r.text)).toEqual(['[EN-US] 这座城市', '[EN-US] HELLO WORLD']);
    expect(results.map((r) => r.billedCharacters)).toEqual([4, 11]);
    expect(results[0]!.detectedSourceLang).toBe('zh');
    expect(server.state).toMatchObject({ translateRequests: 1, texts: 2, billedCharacters: 15 });
    // deepl-node always asks for billed characters.
    expect(server.state.requests[0]!.params!.get('show_billed_characters')).toEqual(['1']);
  });

  it('takes context without billing it, and records it', async () => {
    const { server, client } = await setup();
    const r = await client.translateText('abc', 'en', 'de', { context: 'a long context that is not billed' });
    expect(r.billedCharacters).toBe(3);
    expect(server.state.requests[0]!.context).toBe('a long context that is not billed');
  });

  it('keeps tags with tag_handling=xml, does not bill them, and leaves ignore_tags content alone', async () => {
    const { client } = await setup();
    const r = await client.translateText('<c n="0">say <i>hi</i> to <x>Hutong &amp; co</x></c>', 'en', 'fr', {
      tagHandling: 'xml',
      ignoreTags: ['x'],
    });
    expect(r.text).toBe('[FR] <c n="0">SAY <i>HI</i> TO <x>Hutong &amp; co</x></c>');
    expect(r.billedCharacters).toBe([...'say hi to Hutong & co'].length);
  });

  it('applies a v3 glossary dictionary for the pair (any English variant)', async () => {
    const { client } = await setup();
    const g = await client.createMultilingualGlossary('subloc test', [
      { sourceLangCode: 'zh', targetLangCode: 'en', entries: new GlossaryEntries({ entries: { 胡同: 'hutong', 接诉即办: 'immediate response' } }) },
    ]);
    const r = await client.translateText('胡同里接诉即办', 'zh', 'en-GB', { glossary: g.glossaryId });
    expect(r.text).toBe('[EN-GB] hutong里immediate response');
  });

  it('answers 400 like DeepL for bad languages, glossary without pair, formality', async () => {
    const { client } = await setup();
    await expect(client.translateText('x', 'en', 'xx' as never)).rejects.toThrow(/Bad request.*target_lang/);
    await expect(client.translateText('x', 'en-US' as never, 'de')).rejects.toThrow(/Bad request.*source_lang/);
    await expect(client.translateText('x', 'en', 'ja', { formality: 'more' })).rejects.toThrow(/formality/);
    await expect(client.translateText('x', 'en', 'ja', { formality: 'prefer_more' })).resolves.toBeTruthy();
    await expect(client.translateText('x', 'en', 'de', { formality: 'less' })).resolves.toBeTruthy();
    const g = await client.createMultilingualGlossary('g', [{ sourceLangCode: 'en', targetLangCode: 'de', entries: new GlossaryEntries({ entries: { a: 'b' } }) }]);
    await expect(client.translateText('x', 'en', 'fr', { glossary: g.glossaryId })).rejects.toThrow(/Bad request.*no dictionary/);
  });

  it('follows custom instructions as documented, and refuses them as DeepL does', async () => {
    const { client } = await setup();
    const text = '<c n="0" max="8">one two three four five</c> <c n="1" max="4">six seven eight</c>';
    const options = { tagHandling: 'xml' as const, customInstructions: ['Keep each <c> element within its max characters.'] };
    // Each element loses words from its end while over 1.25 × its max.
    expect((await client.translateText(text, 'en', 'de', options)).text).toBe('[DE] <c n="0" max="8">ONE TWO</c> <c n="1" max="4">SIX</c>');
    // A hard limit: each element loses words while over its max, the mark counted with the first, down to one word.
    const strict = { ...options, customInstructions: ["Each <c> element's max is a hard limit."] };
    expect((await client.translateText(text, 'en', 'de', strict)).text).toBe('[DE] <c n="0" max="8">ONE</c> <c n="1" max="4">SIX</c>');
    const roomy = '<c n="0" max="12">one two three four</c> <c n="1" max="9">six seven eight</c>';
    expect((await client.translateText(roomy, 'en', 'de', strict)).text).toBe('[DE] <c n="0" max="12">ONE TWO</c> <c n="1" max="9">SIX SEVEN</c>');
    await expect(client.translateText('x', 'en', 'pt-BR', options)).rejects.toThrow(/Custom instructions are not supported/);
    await expect(client.translateText('x', 'en', 'de', { ...options, modelType: 'latency_optimized' })).rejects.toThrow(/quality_optimized/);
    await expect(client.translateText('x', 'en', 'de', { customInstructions: ['x'.repeat(301)] })).rejects.toThrow(/at most 300/);
    await expect(client.translateText('x', 'en', 'de', { customInstructions: Array.from({ length: 11 }, () => 'x') })).rejects.toThrow(/At most 10/);
  });

  it('answers 400 for a glossary without source_lang and for a missing target_lang (raw requests)', async () => {
    const { server } = await setup();
    const post = (body: string) =>
      fetch(`${server.url}/v2/translate`, {
        method: 'POST',
        headers: { authorization: `DeepL-Auth-Key ${KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await post('text=a&target_lang=DE&glossary_id=x')).status).toBe(400);
    expect((await post('text=a')).status).toBe(400);
    // DeepL still accepts the deprecated bare EN target; deepl-node refuses to send it.
    expect((await post('text=a&target_lang=EN')).status).toBe(200);
  });

  it('answers 413 past 50 texts and past 128 KiB of body', async () => {
    const { server, client } = await setup();
    await expect(client.translateText(Array.from({ length: 51 }, () => 'a'), 'en', 'de')).rejects.toThrow(/413|Too Large/);
    await expect(client.translateText(Array.from({ length: 50 }, () => 'a'), 'en', 'de')).resolves.toHaveLength(50);
    // 14,600 CJK characters are 131,400 bytes form-encoded: just past 128 KiB.
    await expect(client.translateText('汉'.repeat(14_600), 'zh', 'de')).rejects.toThrow(/413|Too Large/);
    await expect(client.translateText('汉'.repeat(14_500), 'zh', 'de')).resolves.toBeTruthy();
    const big = server.state.requests.filter((r) => r.status === 413);
    expect(big.map((r) => r.texts)).toEqual([51, 1]);
    expect(big[1]!.bodyBytes).toBeGreaterThan(MAX_BODY_BYTES);
    expect(server.state.billedCharacters).toBe(50 + 14_500);
  });
});

describe('fake DeepL server: misbehaving like a proxy that alters answers', () => {
  const texts = ['<c n="0">one two</c> <c n="1">three</c>', '<c n="0">four</c>', '<c n="0">five</c> <c n="1">six</c> <c n="2">seven</c>'];
  const answer = async (misbehaviour: FakeDeepLOptions['misbehaviour']) => {
    const { server: proxied, client } = await setup({ misbehaviour });
    const results = await client.translateText(texts, 'en', 'de', { tagHandling: 'xml' });
    await proxied.stop();
    server = undefined;
    return { texts: results.map((r) => r.text), billed: proxied.state.billedCharacters };
  };

  it('answers one translation too few, billing every text', async () => {
    const { texts: out, billed } = await answer('drop-translation');
    expect(out).toEqual(['[DE] <c n="0">ONE TWO</c> <c n="1">THREE</c>', '[DE] <c n="0">FIVE</c> <c n="1">SIX</c> <c n="2">SEVEN</c>']);
    expect(billed).toBe([...texts.join('').replace(/<[^>]*>/g, '')].length);
  });

  it("answers each text with the next text's translation, as many as texts, billing each as its own", async () => {
    const { texts: out, billed } = await answer('rotate-translations');
    expect(out).toEqual(['[DE] <c n="0">FOUR</c>', '[DE] <c n="0">FIVE</c> <c n="1">SIX</c> <c n="2">SEVEN</c>', '[DE] <c n="0">ONE TWO</c> <c n="1">THREE</c>']);
    expect(billed).toBe([...texts.join('').replace(/<[^>]*>/g, '')].length);
  });

  it('alters only the next request when queued as a fault', async () => {
    const { server, client } = await setup({ faults: [{ type: 'misbehave', misbehaviour: 'drop-cue-tags' }] });
    expect((await client.translateText(texts[1]!, 'en', 'de', { tagHandling: 'xml' })).text).toBe('[DE] FOUR');
    expect((await client.translateText(texts[1]!, 'en', 'de', { tagHandling: 'xml' })).text).toBe('[DE] <c n="0">FOUR</c>');
    expect(server.state.faults).toEqual([]);
  });

  it('swaps the first two cue elements, words and all', async () => {
    expect((await answer('swap-cues')).texts).toEqual([
      '[DE] <c n="1">THREE</c> <c n="0">ONE TWO</c>',
      '[DE] <c n="0">FOUR</c>',
      '[DE] <c n="1">SIX</c> <c n="0">FIVE</c> <c n="2">SEVEN</c>',
    ]);
  });

  it('drops every cue tag, empties the elements, or invents one', async () => {
    expect((await answer('drop-cue-tags')).texts).toEqual(['[DE] ONE TWO THREE', '[DE] FOUR', '[DE] FIVE SIX SEVEN']);
    expect((await answer('empty-cues')).texts[0]).toBe('[DE] <c n="0"></c>ONE TWO <c n="1"></c>THREE');
    expect((await answer('invent-cues')).texts.slice(0, 2)).toEqual(['<c n="2">[DE] </c><c n="0">ONE TWO</c> <c n="1">THREE</c>', '<c n="1">[DE] </c><c n="0">FOUR</c>']);
  });
});

describe('fake DeepL server: glossaries, usage, languages', () => {
  it('creates, gets, lists, reads entries, merges, replaces and deletes dictionaries and glossaries', async () => {
    const { client } = await setup();
    const entries = (e: Record<string, string>) => new GlossaryEntries({ entries: e });
    const g = await client.createMultilingualGlossary('subloc Film abc', [
      { sourceLangCode: 'zh', targetLangCode: 'en', entries: entries({ 胡同: 'hutong' }) },
      { sourceLangCode: 'zh', targetLangCode: 'fr', entries: entries({ 胡同: 'hutong', 街道: 'sous-district' }) },
    ]);
    expect(g.name).toBe('subloc Film abc');
    expect(g.creationTime).toBeInstanceOf(Date);
    expect(g.dictionaries).toEqual([
      { sourceLangCode: 'zh', targetLangCode: 'en', entryCount: 1 },
      { sourceLangCode: 'zh', targetLangCode: 'fr', entryCount: 2 },
    ]);
    expect((await client.getMultilingualGlossary(g.glossaryId)).name).toBe('subloc Film abc');
    expect((await client.listMultilingualGlossaries()).map((x) => x.glossaryId)).toEqual([g.glossaryId]);
    const fr = await client.getMultilingualGlossaryDictionaryEntries(g.glossaryId, 'zh', 'fr');
    expect(fr.entries.entries()).toEqual({ 胡同: 'hutong', 街道: 'sous-district' });

    const merged = await client.updateMultilingualGlossaryDictionary(g.glossaryId, {
      sourceLangCode: 'zh',
      targetLangCode: 'en',
      entries: entries({ 街道: 'subdistrict' }),
    });
    expect(merged.dictionaries.find((d) => d.targetLangCode === 'en')!.entryCount).toBe(2);
    const replaced = await client.replaceMultilingualGlossaryDictionary(g.glossaryId, {
      sourceLangCode: 'zh',
      targetLangCode: 'en',
      entries: entries({ 工单: 'work order' }),
    });
    expect(replaced).toEqual({ sourceLangCode: 'zh', targetLangCode: 'en', entryCount: 1 });
    expect((await client.getMultilingualGlossaryDictionaryEntries(g, 'zh', 'en')).entries.entries()).toEqual({ 工单: 'work order' });

    await client.deleteMultilingualGlossaryDictionary(g, 'zh', 'fr');
    await expect(client.getMultilingualGlossaryDictionaryEntries(g, 'zh', 'fr')).rejects.toBeInstanceOf(GlossaryNotFoundError);
    await client.deleteMultilingualGlossary(g);
    await expect(client.getMultilingualGlossary(g.glossaryId)).rejects.toBeInstanceOf(GlossaryNotFoundError);
    expect(await client.listMultilingualGlossaries()).toEqual([]);
  });

  it('rejects invalid glossary entries and unsupported pairs with 400', async () => {
    const { client } = await setup();
    await expect(
      client.createMultilingualGlossary('x', [{ sourceLangCode: 'zh', targetLangCode: 'th', entries: new GlossaryEntries({ entries: { a: 'b' } }) }]),
    ).rejects.toThrow(/Bad request/);
    const pairs = await client.getGlossaryLanguagePairs();
    expect(pairs).toContainEqual({ sourceLang: 'zh', targetLang: 'ja' });
    expect(pairs.some((p) => String(p.targetLang) === 'th')).toBe(false);
  });

  it('reports usage and languages', async () => {
    const { client } = await setup({ characterLimit: 1000 });
    await client.translateText('hello', 'en', 'de');
    const usage = await client.getUsage();
    expect(usage.character).toMatchObject({ count: 5, limit: 1000 });
    const targets = await client.getTargetLanguages();
    expect(targets.map((l) => l.code)).toEqual(expect.arrayContaining(['en-US', 'en-GB', 'zh-HANS', 'zh-HANT', 'ja', 'pt-BR']));
    expect(targets.find((l) => l.code === 'de')!.supportsFormality).toBe(true);
    expect(targets.find((l) => l.code === 'en-US')!.supportsFormality).toBe(false);
    const sources = await client.getSourceLanguages();
    expect(sources.map((l) => l.code)).toContain('zh');
    expect(sources.map((l) => l.code)).not.toContain('en-US');
  });
});

describe('fake DeepL server: faults give the deepl-node error classes', () => {
  it('403 for a wrong key: AuthorizationError', async () => {
    const { client } = await setup({}, { key: 'wrong-key' });
    await expect(client.translateText('a', 'en', 'de')).rejects.toBeInstanceOf(AuthorizationError);
  });

  it('429 then success: retried by deepl-node', async () => {
    const { server, client } = await setup({ faults: [{ type: 'status', status: 429 }] });
    await expect(client.translateText('a', 'en', 'de')).resolves.toMatchObject({ text: '[DE] A' });
    expect(server.state.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('5xx then success; 5xx past maxRetries is a DeepLError', async () => {
    const { server, client } = await setup({ faults: [{ type: 'status', status: 502 }] });
    await expect(client.translateText('a', 'en', 'de')).resolves.toBeTruthy();
    server.fail({ type: 'status', status: 503, times: 3 });
    const error = await client.translateText('a', 'en', 'de').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeepLError);
    expect(String(error)).toMatch(/Service unavailable/);
    expect(server.state.requests.map((r) => r.status)).toEqual([502, 200, 503, 503, 503]);
  });

  it('456 once the quota is spent; the refused request bills nothing', async () => {
    const { server, client } = await setup({ characterLimit: 10 });
    await client.translateText('abcdef', 'en', 'de');
    await expect(client.translateText('ghijk', 'en', 'de')).rejects.toBeInstanceOf(QuotaExceededError);
    expect(server.state.billedCharacters).toBe(6);
    await expect(client.translateText('ghij', 'en', 'de')).resolves.toBeTruthy();
    expect(server.state.billedCharacters).toBe(10);
  });

  it('a dropped connection is retried, and a ConnectionError once retries are spent', async () => {
    const { server, client } = await setup({ faults: [{ type: 'drop' }] }, { maxRetries: 2 });
    await expect(client.translateText('a', 'en', 'de')).resolves.toBeTruthy();
    server.fail({ type: 'drop', times: 2 });
    await expect(client.translateText('a', 'en', 'de')).rejects.toBeInstanceOf(ConnectionError);
  });

  it('adds latency and counts requests in flight', async () => {
    const { server, client } = await setup({ latencyMs: 150 });
    const t0 = Date.now();
    await Promise.all([client.translateText('a', 'en', 'de'), client.translateText('b', 'en', 'de'), client.translateText('c', 'en', 'de')]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
    expect(server.state.maxInFlight).toBe(3);
  });
});
