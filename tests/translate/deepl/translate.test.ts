import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../../src/errors.js';
import { createDeepLConnection, type DeepLConnection } from '../../../src/translate/deepl/client.js';
import { planRequests, translateUnits, type Protection } from '../../../src/translate/deepl/translate.js';
import { billableAtMost } from '../../../src/translate/deepl/gate.js';
import { requestLanes, type RequestLanes } from '../../../src/translate/deepl/request-lanes.js';
import type { Draft, Unit } from '../../../src/model/unit.js';
import { diagnostic } from '../../../src/model/diagnostic.js';
import { heldTranslate, start, type FakeDeepL, type FakeDeepLOptions } from '../../helpers/deepl-server.js';

const KEY = 'sk-test-0123456789abcdef:fx';
const pair = { source: 'zh-Hans', target: 'en-US' };
let server: FakeDeepL | undefined;

async function setup(options: FakeDeepLOptions = {}, env: Record<string, string> = {}): Promise<{ server: FakeDeepL; connection: DeepLConnection }> {
  server = await start({ authKey: KEY, ...options });
  const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url, ...env }, attempts: 3, minTimeout: 3000 });
  return { server, connection };
}

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function unit(id: number, ...source: string[]): Unit {
  return { id: String(id), cueIds: source.map((_, k) => String(id + k)), source };
}

/** `n` units of one to three cues, ids counting cues like a track. */
function units(n: number): Unit[] {
  const out: Unit[] = [];
  let id = 1;
  for (let i = 0; i < n; i++) {
    const cues = Array.from({ length: (i % 3) + 1 }, (_, k) => `第${i}句，第${k}段`);
    out.push(unit(id, ...cues));
    id += cues.length;
  }
  return out;
}

const enFr = { source: 'en', target: 'fr' };
/** English cues that name themselves, of unequal lengths, so a part on the wrong cue shows. */
const idUnits = [unit(1, 'alpha one is the longest cue of all', 'beta two'), unit(3, 'gamma three'), unit(4, 'delta four', 'epsilon five is long', 'zeta six')];

/** Each cue's target is its own source translated (upper-cased, after the server's `[FR] ` mark): nothing moved to another cue. */
function expectEachCueItsOwn(drafts: readonly Draft[]): void {
  const plain = (text: string) => text.replace(/\[[A-Z-]+\] /g, '').toUpperCase();
  for (const u of idUnits) expect(drafts.find((d) => d.unitId === u.id)?.targets?.map(plain)).toEqual(u.source.map(plain));
}

async function failure(promise: Promise<unknown>): Promise<SublocError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SublocError);
  return error as SublocError;
}

describe('translateUnits against the DeepL-compatible server', () => {
  it('translates each unit as one text and returns one target per cue, styling kept', async () => {
    const { server, connection } = await setup();
    const input = [unit(1, '这座城市有两千多万人口，', '每天超过<i>六万个</i>来电'), unit(3, '打进热线。'), unit(4, '<b>你好</b> &amp; 再见')];
    const result = await translateUnits(connection, input, { pair });
    expect(result.drafts).toEqual<Draft[]>([
      { unitId: '1', targets: ['[EN-US] 这座城市有两千多万人口，', '每天超过<i>六万个</i>来电'], origin: 'machine', provider: 'deepl', billedCharacters: 21 },
      { unitId: '3', targets: ['[EN-US] 打进热线。'], origin: 'machine', provider: 'deepl', billedCharacters: 5 },
      { unitId: '4', targets: ['[EN-US] <b>你好</b> &amp; 再见'], origin: 'machine', provider: 'deepl', billedCharacters: 7 },
    ]);
    expect(result.billedCharacters).toBe(33);
    expect(result.diagnostics).toEqual([]);
    const sent = server.state.requests[0]!.params!;
    expect(sent.get('text')).toEqual(['<c n="0">这座城市有两千多万人口，</c><c n="1">每天超过<i>六万个</i>来电</c>', '<c n="0">打进热线。</c>', '<c n="0"><b>你好</b> &amp; 再见</c>']);
    expect(sent.get('tag_handling')).toEqual(['xml']);
    expect(sent.get('preserve_formatting')).toEqual(['1']);
    expect(sent.get('non_splitting_tags')).toEqual(['c,i,b,u']);
    expect(sent.get('source_lang')).toEqual(['zh']);
    expect(sent.get('target_lang')).toEqual(['en-US']);
  });

  it('sends consecutive runs within the limits, with the neighbouring units as context, delivering drafts per request', async () => {
    const { server, connection } = await setup();
    const input = units(130);
    const batches: string[][] = [];
    const result = await translateUnits(connection, input, { pair, concurrency: 2, onBatch: (drafts) => void batches.push(drafts.map((d) => d.unitId)) });
    expect(result.drafts.map((d) => d.unitId)).toEqual(input.map((u) => u.id));
    expect(result.drafts.every((d, i) => d.targets?.length === input[i]!.source.length)).toBe(true);
    const translate = server.state.requests.filter((r) => r.path === '/v2/translate');
    expect(translate.map((r) => r.texts)).toEqual([50, 50, 30]);
    expect(translate.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(batches.map((b) => b.length).sort()).toEqual([30, 50, 50]);
    // Context: the unit before the batch and the unit after it, never billed.
    const contexts = translate.map((r) => r.context);
    expect(contexts).toContain('第50句，第0段第50句，第1段第50句，第2段');
    expect(contexts).toContain('第49句，第0段第49句，第1段\n第100句，第0段第100句，第1段');
    expect(result.billedCharacters).toBe(server.state.billedCharacters);
  });

  it('splits long CJK units into requests DeepL accepts (no 413)', async () => {
    const { server, connection } = await setup();
    const input = Array.from({ length: 12 }, (_, i) => unit(i + 1, '汉'.repeat(2500 + i)));
    const result = await translateUnits(connection, input, { pair });
    expect(result.drafts).toHaveLength(12);
    expect(server.state.requests.every((r) => r.status === 200)).toBe(true);
    expect(server.state.requests.length).toBeGreaterThan(2);
  });

  it('places each cue by its n when DeepL reorders the cue elements, without asking again', async () => {
    const { server, connection } = await setup({ misbehaviour: 'swap-cues' });
    const result = await translateUnits(connection, idUnits, { pair: enFr });
    expectEachCueItsOwn(result.drafts);
    expect(result.diagnostics).toEqual([]);
    expect(server.state.translateRequests).toBe(1);
  });

  it.each(['drop-cue-tags', 'empty-cues', 'invent-cues'] as const)('asks again cue by cue, the unit as context, when DeepL answers with %s', async (misbehaviour) => {
    const { server, connection } = await setup({ misbehaviour });
    const delivered: Draft[] = [];
    const result = await translateUnits(connection, idUnits, { pair: enFr, concurrency: 1, onBatch: (d) => void delivered.push(...d) });
    expectEachCueItsOwn(result.drafts);
    expect(delivered.map((d) => d.unitId).sort()).toEqual(idUnits.map((u) => u.id).sort());
    const again = server.state.requests.slice(1);
    // The one-cue unit is placed as it is; the others are asked again, one text per cue.
    expect(again.map((r) => r.params!.get('text'))).toEqual([idUnits[0]!.source, idUnits[2]!.source]);
    expect(again.map((r) => r.context)).toEqual([idUnits[0]!, idUnits[2]!].map((u) => u.source.join(' ')));
    expect(result.diagnostics.every((d) => d.code === 'deepl/asked-per-cue' && d.severity === 'info')).toBe(true);
    // The first answer and the one cue by cue are both billed, and both counted.
    expect(result.billedCharacters).toBe(server.state.billedCharacters);
  });

  it('marks a cue whose translation still cannot be placed, and keeps its neighbours', async () => {
    const { connection } = await setup({ postprocess: (text) => (text === '[FR] BETA TWO' ? '' : text.replace(/<\/?c\b[^>]*>/g, '')) });
    const result = await translateUnits(connection, [idUnits[0]!], { pair: enFr });
    expect(result.drafts[0]).toMatchObject({ targets: ['[FR] ALPHA ONE IS THE LONGEST CUE OF ALL', ''], origin: 'machine' });
    const unplaced = result.diagnostics.filter((d) => d.code === 'translate/cue-unplaced');
    expect(unplaced).toEqual([diagnostic('translate/cue-unplaced', 'warning', expect.stringMatching(/unit 1.*no text/) as unknown as string, { cueId: '2' })]);
  });

  it('rejects a batch answered with a translation missing: nothing delivered, no new request, DEEPL_ANSWER_MISMATCH', async () => {
    const { server, connection } = await setup({ misbehaviour: 'drop-translation' });
    const delivered: Draft[] = [];
    const error = await failure(translateUnits(connection, [...idUnits, ...units(60)], { pair: enFr, concurrency: 1, onBatch: (d) => void delivered.push(...d) }));
    expect(error.code).toBe('DEEPL_ANSWER_MISMATCH');
    expect(error.message).toMatch(/50 texts.*49 translations/);
    expect(error.message).toContain('units 1 to ');
    expect(delivered).toEqual([]);
    expect(server.state.translateRequests).toBe(1);
  });

  it('counts a translation whose billed characters the answer leaves out as the most its text can cost, and rejects one that is not text', async () => {
    const { server, connection } = await setup({ misbehaviour: 'unbilled' });
    const result = await translateUnits(connection, idUnits, { pair: enFr });
    expect(Number.isSafeInteger(result.billedCharacters)).toBe(true);
    expect(result.billedCharacters).toBeGreaterThanOrEqual(server.state.billedCharacters);
    server.options.misbehaviour = 'number-text';
    const error = await failure(translateUnits(connection, [unit(9, 'nine')], { pair: enFr }));
    expect(error).toMatchObject({ code: 'DEEPL_ANSWER_MISMATCH', message: expect.stringContaining('a translation that is not text') });
  });

  it('asks again cue by cue when DeepL moves a boundary, empties a cue or renumbers the elements', async () => {
    const moved = (text: string) => text.replace(/<\/c><c n="1">(.*)<\/c>$/, '$1</c><c n="1"></c>');
    const { server, connection } = await setup({ postprocess: moved });
    const input = [unit(1, '这座城市有两千多万人口，', '每天超过六万个来电'), unit(3, '打进热线。')];
    const result = await translateUnits(connection, input, { pair });
    expect(result.drafts[0]!.targets).toEqual(['[EN-US] 这座城市有两千多万人口，', '[EN-US] 每天超过六万个来电']);
    expect(result.drafts[1]!.targets).toEqual(['[EN-US] 打进热线。']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['deepl/asked-per-cue']);

    server.options.postprocess = (text) => text.replace(/<c n="1">/, '</c><c n="1">').replace(/<c n="0">/, '<c n="1">');
    const renumbered = await translateUnits(connection, [unit(1, 'one two three', 'four five six')], { pair: enFr });
    expect(renumbered.drafts[0]!.targets).toEqual(['[FR] ONE TWO THREE', '[FR] FOUR FIVE SIX']);
  });

  it('leaves every cue untranslated, with a warning each, when DeepL answers nothing at all', async () => {
    const { connection } = await setup({ postprocess: () => '' });
    const result = await translateUnits(connection, [unit(1, 'a b', 'c d')], { pair: enFr });
    expect(result.drafts[0]).toMatchObject({ targets: ['', ''], origin: 'machine' });
    expect(result.diagnostics.filter((d) => d.code === 'translate/cue-unplaced').map((d) => d.cueId)).toEqual(['1', '2']);
  });

  it('sends the protect hook\'s ignore_tags and restores each cue', async () => {
    const { server, connection } = await setup();
    const protection: Protection = {
      ignoreTags: ['x'],
      prepare: (text) => ({
        text: text.replace(/12345/g, '<x>12345</x>'),
        items: text.includes('12345') ? ['12345'] : [],
        restore: (out) => ({ text: out.replace(/<\/?x>/g, ''), diagnostics: [diagnostic('glossary/test', 'info', 'restored')] }),
      }),
    };
    const result = await translateUnits(connection, [unit(1, 'call 12345 now', 'or 12345 later')], { pair: { source: 'en', target: 'de' }, protection });
    expect(result.drafts[0]!.targets).toEqual(['[DE] CALL 12345 NOW', 'OR 12345 LATER']);
    expect(server.state.requests[0]!.params!.get('ignore_tags')).toEqual(['x']);
    // The hook's diagnostics come back on the cue they belong to.
    expect(result.diagnostics.map((d) => d.cueId)).toEqual(['1', '2']);
  });

  /** Every digit run protected, as the glossary's protect step does; restored by taking the elements off. */
  const numbers: Protection = {
    ignoreTags: ['x'],
    prepare: (text) => ({
      text: text.replace(/\d+/g, '<x>$&</x>'),
      items: text.match(/\d+/g) ?? [],
      restore: (out) => ({ text: out.replace(/<\/?x>/g, ''), diagnostics: [] }),
    }),
  };
  const numbered = [unit(1, 'call 12345 now', 'or later'), unit(3, 'we had 2300 calls'), unit(4, 'no number here'), unit(5, 'route 66 and 7 lanes')];

  it('rejects an answer whose translations carry another text\'s protected elements (right count, wrong order): nothing delivered, DEEPL_ANSWER_MISMATCH', async () => {
    const { server, connection } = await setup({ misbehaviour: 'rotate-translations' });
    const delivered: Draft[] = [];
    const error = await failure(translateUnits(connection, numbered, { pair: enFr, protection: numbers, onBatch: (d) => void delivered.push(...d) }));
    expect(error.code).toBe('DEEPL_ANSWER_MISMATCH');
    expect(error.message).toContain('a request of 4 texts (units 1, 3, 4, 5)');
    expect(error.message).toContain('translation 1 carries `2300`, protected in text 2');
    expect(error.message).toContain('rejected whole');
    expect(error.message).toContain('a proxy between subloc and DeepL may be altering answers');
    expect(delivered).toEqual([]);
    expect(server.state.translateRequests).toBe(1);
  });

  it('keeps an answer where DeepL dropped, doubled or changed a protected element of a text, none of them another text\'s', async () => {
    const { connection } = await setup({
      postprocess: (text, i) => [text.replace('<x>12345</x>', '<x>12345</x> <x>12345</x>'), text.replace(/<\/?x>/g, ''), text, text.replace('<x>66</x>', '<x>6 6</x>')][i]!,
    });
    const result = await translateUnits(connection, numbered, { pair: enFr, protection: numbers });
    expect(result.drafts.map((d) => d.targets)).toEqual([['[FR] CALL 12345 12345 NOW', 'OR LATER'], ['[FR] WE HAD 2300 CALLS'], ['[FR] NO NUMBER HERE'], ['[FR] ROUTE 6 6 AND 7 LANES']]);
  });

  it('uses the glossary for the pair', async () => {
    const { connection } = await setup();
    const g = await connection.client.createMultilingualGlossary('subloc t h', [
      { sourceLangCode: 'zh', targetLangCode: 'en', entries: new (await import('deepl-node')).GlossaryEntries({ entries: { 热线: 'hotline' } }) },
    ]);
    const result = await translateUnits(connection, [unit(1, '打进热线。')], { pair, glossaryId: g.glossaryId });
    expect(result.drafts[0]!.targets).toEqual(['[EN-US] 打进hotline。']);
  });

  it('prepares the units while the glossary is still being made, and sends nothing before it is', async () => {
    const { server, connection } = await setup();
    const g = await connection.client.createMultilingualGlossary('subloc t h', [
      { sourceLangCode: 'zh', targetLangCode: 'en', entries: new (await import('deepl-node')).GlossaryEntries({ entries: { 热线: 'hotline' } }) },
    ]);
    const before = server.state.requests.length;
    const prepared: string[] = [];
    const protection: Protection = { ignoreTags: ['x'], prepare: (text) => (prepared.push(text), { text, items: [], restore: (out) => ({ text: out, diagnostics: [] }) }) };
    let made!: (id: string) => void;
    const glossaryId = new Promise<string>((resolve) => (made = resolve));
    const drafting = translateUnits(connection, [unit(1, '打进热线。'), unit(2, '热线接通了。')], { pair, glossaryId, protection });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(prepared).toEqual(['打进热线。', '热线接通了。']);
    expect(server.state.requests.length).toBe(before);
    made(g.glossaryId);
    const result = await drafting;
    expect(result.drafts.map((d) => d.targets)).toEqual([['[EN-US] 打进hotline。'], ['[EN-US] hotline接通了。']]);
    expect(server.state.requests.at(-1)!.params!.get('glossary_id')).toEqual([g.glossaryId]);
  });

  it('plans exactly the body deepl-node sends', async () => {
    const { server, connection } = await setup();
    const input = [...units(70), unit(900, '<i> </i>'), ...Array.from({ length: 8 }, (_, i) => unit(1000 + i, '汉'.repeat(4000)))];
    const options = { pair, glossaryId: 'not-used-here', protection: { ignoreTags: ['x', 'y'], prepare: (text: string) => ({ text, items: [], restore: (out: string) => ({ text: out, diagnostics: [] }) }) } };
    const plan = planRequests(input, options);
    expect(plan.unsent.map((d) => d.unitId)).toEqual(['900']);
    await translateUnits(connection, input, { ...options, concurrency: 1 }).catch(() => undefined);
    // The glossary does not exist, so each request is answered 404, but only after its body was read and measured.
    expect(server.state.requests.map((r) => r.bodyBytes)).toEqual(plan.batches.slice(0, 1).map((b) => b.bodyBytes));
    server.state.requests = [];
    const noGlossary = { pair, protection: options.protection };
    await translateUnits(connection, input, { ...noGlossary, concurrency: 1 });
    expect(server.state.requests.map((r) => r.bodyBytes)).toEqual(planRequests(input, noGlossary).batches.map((b) => b.bodyBytes));
    expect(server.state.requests.length).toBeGreaterThan(3);
  });

  it('retries 429 and 5xx through deepl-node and goes on', async () => {
    const { server, connection } = await setup({ faults: [{ type: 'status', status: 429 }, { type: 'status', status: 503 }] });
    const result = await translateUnits(connection, units(3), { pair });
    expect(result.drafts.every((d) => d.origin === 'machine')).toBe(true);
    expect(server.state.requests.map((r) => r.status)).toEqual([429, 503, 200]);
  });

  it.each([
    [502, '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'],
    [503, '<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1></body></html>'],
    [504, '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>'],
  ])('retries a %i whose body is a gateway\'s HTML error page, as any 5xx', async (status, body) => {
    const { server, connection } = await setup({ faults: [{ type: 'raw', status, contentType: 'text/html', body }] });
    const result = await translateUnits(connection, units(3), { pair });
    expect(result.drafts.every((d) => d.origin === 'machine')).toBe(true);
    expect(server.state.requests.map((r) => r.status)).toEqual([status, 200]);
  });

  it('is told the units of every attempt before it leaves, and sends nothing it could not record', async () => {
    const { server, connection } = await setup({ faults: [{ type: 'status', status: 503 }] });
    const told: { ids: readonly string[]; arrived: number; within: number }[] = [];
    const input = units(3);
    await translateUnits(connection, input, { pair, onSending: async (ids, within) => void told.push({ ids, arrived: server.state.requests.length, within }) });
    // The first attempt and the one after the 503, each told before it reached the server.
    expect(told).toEqual([0, 1].map((arrived) => ({ ids: input.map((u) => u.id), arrived, within: 3000 })));

    server.reset();
    const refused = new SublocError('MEMORY_WRITE_FAILED', 'could not record 3 units as sent to DeepL');
    const error = await failure(translateUnits(connection, input, { pair, onSending: () => Promise.reject(refused) }));
    expect(error).toBe(refused);
    expect(server.state.requests).toEqual([]);
  });

  it('stops on 456: no new request, in-flight ones delivered, drafts so far kept, DEEPL_QUOTA', async () => {
    // Units of 3 cues × 7 characters, 50 per request: each request bills about 1,050 characters.
    const input = units(400);
    const { server, connection } = await setup({ characterLimit: 3000, latencyMs: 30 });
    const delivered: Draft[] = [];
    const error = await failure(translateUnits(connection, input, { pair, concurrency: 2, onBatch: (d) => void delivered.push(...d) }));
    expect(error.code).toBe('DEEPL_QUOTA');
    expect(error.message).toMatch(/quota exceeded \(456\).*kept/);
    const statuses = server.state.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 456).length).toBeGreaterThanOrEqual(1);
    // After the first 456 at most the one request already in flight was sent.
    expect(statuses.length - statuses.indexOf(456) - 1).toBeLessThanOrEqual(1);
    expect(delivered.length).toBe(server.state.texts);
    expect(delivered.reduce((n, d) => n + d.billedCharacters, 0)).toBe(server.state.billedCharacters);
    expect(server.state.requests.length).toBeLessThan(8);
  });

  it('leaves the one unit DeepL refuses (400) untranslated, naming its cues, and drafts every other unit once', async () => {
    const detail = 'Text contains unsupported characters';
    const { server, connection } = await setup({ faults: [{ type: 'status', status: 400, message: 'Bad request', detail, contains: '第60句', times: 100 }] });
    const input = units(130);
    const refused = input[60]!;
    const result = await translateUnits(connection, input, { pair, concurrency: 2 });
    expect(result.drafts.map((d) => d.unitId)).toEqual(input.map((u) => u.id));
    const byId = new Map(result.drafts.map((d) => [d.unitId, d]));
    expect(byId.get(refused.id)!.targets).toEqual(refused.source.map(() => ''));
    for (const u of input.filter((u) => u !== refused)) expect(byId.get(u.id)!.targets!.every((t) => t !== '')).toBe(true);
    // One finding on each cue of the refused unit, naming its source and what DeepL said; nothing else.
    expect(result.diagnostics.map((d) => [d.code, d.cueId])).toEqual(refused.cueIds.map((id) => ['translate/cue-unplaced', id]));
    refused.source.forEach((text, k) => expect(result.diagnostics[k]!.message).toContain(text));
    expect(result.diagnostics[0]!.message).toContain(detail);
    // Each other unit's text translated, and billed, once.
    expect(server.state.texts).toBe(input.length - 1);
    expect(result.billedCharacters).toBe(server.state.billedCharacters);
  });

  it('leaves units DeepL refuses untranslated when they are all it is asked for (a later run), once a probe shows it takes other texts', async () => {
    const detail = 'Text contains unsupported characters';
    const { server, connection } = await setup();
    for (const input of [[unit(1, '第1句，第0段')], [unit(1, '第1句，第0段'), unit(2, '又是第1句')]]) {
      server.reset();
      server.fail({ type: 'status', status: 400, message: 'Bad request', detail, contains: '第1句', times: 100 });
      const result = await translateUnits(connection, input, { pair });
      expect(result.drafts.map((d) => d.targets)).toEqual(input.map((u) => u.source.map(() => '')));
      expect(result.diagnostics.map((d) => d.cueId)).toEqual(input.map((u) => u.id));
      // The probe, billed as DeepL billed it.
      expect(server.state.texts).toBe(1);
      expect(result.billedCharacters).toBe(server.state.billedCharacters);
    }
  });

  it('still fails when DeepL refuses (400) every part of a request, after a few requests only', async () => {
    const { server, connection } = await setup({ faults: [{ type: 'status', status: 400, message: 'Value for target_lang not supported', times: 1000 }] });
    const error = await failure(translateUnits(connection, units(50), { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toContain('units 1 to ');
    expect(server.state.requests.length).toBeLessThanOrEqual(15);
    expect(server.state.billedCharacters).toBe(0);
  });

  it('a stop while a request hangs says that request got no answer, and tells what it may have cost', async () => {
    const held = heldTranslate();
    await setup({ hold: held.hold });
    // An attempt times out after a second: the stop comes while it waits.
    const quick = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server!.url }, attempts: 3, minTimeout: 1000 });
    const stop = new AbortController();
    let mayHave = 0;
    const input = units(2);
    const done = translateUnits(quick, input, { pair, stop: stop.signal, onMayHaveBilled: (n) => void (mayHave += n) });
    await held.reached;
    stop.abort();
    const error = await failure(done);
    held.release();
    expect(error.code).toBe('INTERRUPTED');
    expect(error.message).toContain('a request on its way got no answer');
    expect(error.message).not.toContain('answers on their way were stored');
    expect(mayHave).toBe(billableAtMost(planRequests(input, { pair }).items.map((p) => p.text)));
  });

  it('tells what the texts an answer left out may have cost', async () => {
    const { connection } = await setup({ misbehaviour: 'drop-translation' });
    let mayHave = 0;
    const input = units(3);
    const error = await failure(translateUnits(connection, input, { pair, onMayHaveBilled: (n) => void (mayHave += n) }));
    expect(error.code).toBe('DEEPL_ANSWER_MISMATCH');
    expect(mayHave).toBeGreaterThan(0);
  });

  it('tells what an answer cut short may have cost (DeepL answered 200: it billed it)', async () => {
    const { connection } = await setup({ faults: [{ type: 'raw', status: 200, contentType: 'application/json; charset=utf-8', body: '{"translations":[{"text":"[EN-US] 第' }] });
    let mayHave = 0;
    const error = await failure(translateUnits(connection, units(3), { pair, onMayHaveBilled: (n) => void (mayHave += n) }));
    expect(error.message).toContain('truncated JSON');
    expect(mayHave).toBeGreaterThan(0);
  });

  it('says the key was refused on 403, without the key anywhere', async () => {
    const { connection } = await setup({ authKey: 'another-key' });
    const error = await failure(translateUnits(connection, units(2), { pair }));
    expect(error.code).toBe('DEEPL_AUTH');
    expect(error.message).toBe('DeepL refused the key (403): check DEEPL_AUTH_KEY');
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('scrubs the key from any message DeepL or a transport error carries', async () => {
    const { connection } = await setup({ faults: [{ type: 'status', status: 400, message: `bad key ${KEY} in DeepL-Auth-Key ${KEY}`, times: 100 }] });
    const error = await failure(translateUnits(connection, units(1), { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toMatch(/failed: Bad request, message: bad key \[redacted\]/);
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(KEY);
  });

  it('names the server URL when the connection is refused', async () => {
    const { server: closed } = await setup();
    const url = closed.url;
    await closed.stop();
    server = undefined;
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: url }, attempts: 2 });
    const error = await failure(translateUnits(connection, units(1), { pair }));
    expect(error.code).toBe('DEEPL_UNREACHABLE');
    expect(error.message).toContain(url);
    expect(error.message).toContain('ECONNREFUSED');
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(KEY);
  });

  it('maps other failures to DEEPL_FAILED with the status', async () => {
    const { connection } = await setup({ faults: [{ type: 'status', status: 500, times: 5 }] });
    const error = await failure(translateUnits(connection, units(1), { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toMatch(/still answered 500 Internal Server Error after its retries/);
  });

  it('a 429 holds every request of the run for its Retry-After, and the run goes on after it', async () => {
    const { server, connection } = await setup({ faults: [{ type: 'status', status: 429, headers: { 'Retry-After': '2' } }] });
    const lanes = requestLanes(2);
    const holds: number[] = [];
    const watched: RequestLanes = {
      run: (lane, task, arg, readFirst) => lanes.run(lane, task, arg, readFirst),
      hold(ms) {
        holds.push(ms);
        lanes.hold(ms);
      },
      clear: (stop) => lanes.clear(stop),
    };
    const input = units(150);
    const result = await translateUnits(connection, input, { pair, lanes: watched });
    expect(result.drafts.filter((d) => d.origin === 'machine')).toHaveLength(input.length);
    // deepl-node's backoff would have sent it again after about a second, and the other lane gone on meanwhile.
    expect(holds).toEqual([2000]);
    expect(server.state.requests.map((r) => r.status)).toEqual([429, 200, 200, 200]);
  });

  it('never has more requests in flight than the concurrency', async () => {
    const { server, connection } = await setup({ latencyMs: 60 });
    await translateUnits(connection, units(500), { pair, concurrency: 3 });
    expect(server.state.requests.length).toBe(10);
    expect(server.state.maxInFlight).toBe(3);
  });

  it('a connection dropped past the retries fails naming the server', async () => {
    const { server } = await setup({ faults: [{ type: 'drop', times: 2 }] });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 2 });
    const error = await failure(translateUnits(connection, units(1), { pair }));
    expect(error.code).toBe('DEEPL_FAILED');
    expect(error.message).toContain(server.url);
    expect(error.message).toMatch(/ECONNRESET|socket hang up/);
  });
});
