import { afterEach, describe, expect, it } from 'vitest';
import { createDeepLConnection, type DeepLConnection } from '../../../src/translate/deepl/client.js';
import { ELEMENT_INSTRUCTION, GENERAL_INSTRUCTION, STRICT_INSTRUCTION } from '../../../src/translate/deepl/condense.js';
import { translateUnits } from '../../../src/translate/deepl/translate.js';
import type { Draft, Unit } from '../../../src/model/unit.js';
import { start, type FakeDeepL, type FakeDeepLOptions } from '../../helpers/deepl-server.js';

const KEY = 'sk-test-0123456789abcdef:fx';
let server: FakeDeepL | undefined;

async function setup(options: FakeDeepLOptions = {}): Promise<{ server: FakeDeepL; connection: DeepLConnection }> {
  server = await start({ authKey: KEY, ...options });
  return { server, connection: createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, attempts: 1 }) };
}

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A long unit of two cues with ten characters each, and a short unit of one cue with room to spare. */
const long: Unit = { id: '1', cueIds: ['1', '2'], source: ['un deux trois quatre cinq six', 'sept huit neuf dix onze'] };
const short: Unit = { id: '3', cueIds: ['3'], source: ['oui'] };
const budgets = new Map([
  ['1', [10, 10]],
  ['3', [20]],
]);
const billedLong = 53;

describe('drafts that aim for the budget', () => {
  it('keeps every instruction within the 300 characters DeepL accepts', () => {
    for (const instruction of [GENERAL_INSTRUCTION, ELEMENT_INSTRUCTION, STRICT_INSTRUCTION]) expect(instruction.length).toBeLessThanOrEqual(300);
  });

  it('asks a supported target for concise wording, quality_optimized, each cue element naming its max', async () => {
    const { server, connection } = await setup();
    await translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets });
    const first = server.state.requests[0]!.params!;
    expect(first.get('model_type')).toEqual(['quality_optimized']);
    expect(first.get('custom_instructions')).toEqual([GENERAL_INSTRUCTION, ELEMENT_INSTRUCTION]);
    expect(first.get('text')).toEqual([
      '<c n="0" max="10">un deux trois quatre cinq six</c> <c n="1" max="10">sept huit neuf dix onze</c>',
      '<c n="0" max="20">oui</c>',
    ]);
  });

  it.each(['pt-BR', 'nb'])('drafts %s as before: no instructions, no model, no max; an over-budget unit is flagged as such', async (target) => {
    const { server, connection } = await setup();
    const result = await translateUnits(connection, [long, short], { pair: { source: 'fr', target }, budgets });
    expect(server.state.translateRequests).toBe(1);
    const sent = server.state.requests[0]!.params!;
    expect(sent.get('custom_instructions')).toBeUndefined();
    expect(sent.get('model_type')).toBeUndefined();
    expect(sent.get('text')).toEqual(['<c n="0">un deux trois quatre cinq six</c> <c n="1">sept huit neuf dix onze</c>', '<c n="0">oui</c>']);
    expect(result.condense).toBeUndefined();
    const mark = `[${target.toUpperCase()}] `;
    const width = [...`${mark}UN DEUX TROIS QUATRE CINQ SIXSEPT HUIT NEUF DIX ONZE`].length;
    expect(result.diagnostics).toEqual([
      {
        code: 'deepl/over-budget',
        severity: 'warning',
        message: `DeepL's draft of unit 1 is ${width} characters, over its budget of 20 by more than 10 %: DeepL takes no custom instructions for ${target}, so it was not asked for a shorter one`,
        cueId: '1',
      },
    ]);
  });

  it('hands the first draft of a unit held for its second request over at once, billed already, before the second answers', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let translates = 0;
    const { connection } = await setup({ hold: (_, path) => (path === '/v2/translate' && ++translates === 2 ? released : undefined) });
    const held: Draft[] = [];
    const delivered: Draft[] = [];
    const running = translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets, onHeld: (d) => void held.push(...d), onBatch: (d) => void delivered.push(...d) });
    while (translates < 2) await new Promise((r) => setTimeout(r, 10));
    // The second request is held: the long unit's first draft has come out already, and only the short unit is done.
    expect(held).toEqual([{ unitId: '1', targets: ['[EN-US] UN DEUX', 'SEPT HUIT'], origin: 'machine', provider: 'deepl', billedCharacters: billedLong, held: true }]);
    expect(delivered.map((d) => d.unitId)).toEqual(['3']);
    release();
    const result = await running;
    expect(delivered.map((d) => d.unitId)).toEqual(['3', '1']);
    expect(result.drafts.map((d) => d.targets)).toEqual([['[EN-US] UN', 'SEPT HUIT'], ['[EN-US] OUI']]);
  });

  it('asks again only the unit still over its budget, stricter, and keeps the shorter draft, both billed', async () => {
    const { server, connection } = await setup();
    const delivered: Draft[] = [];
    const result = await translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets, onBatch: (d) => void delivered.push(...d) });
    const requests = server.state.requests.filter((r) => r.path === '/v2/translate');
    expect(requests).toHaveLength(2);
    const second = requests[1]!.params!;
    expect(second.get('text')).toEqual(['<c n="0" max="10">un deux trois quatre cinq six</c> <c n="1" max="10">sept huit neuf dix onze</c>']);
    expect(second.get('custom_instructions')).toEqual([GENERAL_INSTRUCTION, ELEMENT_INSTRUCTION, STRICT_INSTRUCTION]);
    expect(second.get('model_type')).toEqual(['quality_optimized']);
    // First answer: ['[EN-US] UN DEUX', 'SEPT HUIT'], 24 characters for a budget of 20; the second, each max a hard limit, is 19.
    const kept: Draft = { unitId: '1', targets: ['[EN-US] UN', 'SEPT HUIT'], origin: 'machine', provider: 'deepl', billedCharacters: 2 * billedLong };
    expect(result.drafts[0]).toEqual(kept);
    expect(result.drafts[1]?.targets).toEqual(['[EN-US] OUI']);
    // Only the kept draft is delivered, once.
    expect(delivered.filter((d) => d.unitId === '1')).toEqual([kept]);
    expect(result.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: billedLong });
    expect(result.billedCharacters).toBe(server.state.billedCharacters);
  });

  it('asks a unit an earlier run held only the second time, and weighs its first draft against the answer', async () => {
    const { server, connection } = await setup();
    const first = ['[EN-US] UN DEUX', 'SEPT HUIT'];
    const result = await translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets, firstDrafts: new Map([['1', first]]) });
    const requests = server.state.requests.filter((r) => r.path === '/v2/translate');
    // The short unit's first request and the long unit's stricter one; the long unit is not drafted again.
    expect(requests.map((r) => [r.params!.get('text'), r.params!.get('custom_instructions')!.includes(STRICT_INSTRUCTION)])).toEqual(
      expect.arrayContaining([
        [['<c n="0" max="20">oui</c>'], false],
        [['<c n="0" max="10">un deux trois quatre cinq six</c> <c n="1" max="10">sept huit neuf dix onze</c>'], true],
      ]),
    );
    expect(requests).toHaveLength(2);
    expect(result.drafts[0]).toEqual({ unitId: '1', targets: ['[EN-US] UN', 'SEPT HUIT'], origin: 'machine', provider: 'deepl', billedCharacters: billedLong });
    expect(result.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: billedLong });
    expect(result.billedCharacters).toBe(server.state.billedCharacters);
  });

  it('drafts a held unit afresh where the target takes no custom instructions', async () => {
    const { server, connection } = await setup();
    const result = await translateUnits(connection, [long], { pair: { source: 'fr', target: 'pt-BR' }, budgets, firstDrafts: new Map([['1', ['velho', 'rascunho']]]) });
    const requests = server.state.requests.filter((r) => r.path === '/v2/translate');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.params!.get('custom_instructions')).toBeUndefined();
    expect(result.drafts[0]?.targets).not.toEqual(['velho', 'rascunho']);
  });

  it('asks the units still over budget again together: five consecutive units, one stricter request, the shorter draft kept for each', async () => {
    const { server, connection } = await setup();
    const many: Unit[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, cueIds: [`${id}1`, `${id}2`], source: [...long.source] }));
    const manyBudgets = new Map<string, number[]>([...many.map((u): [string, number[]] => [u.id, [10, 10]]), ['3', [20]]]);
    const delivered: Draft[][] = [];
    const result = await translateUnits(connection, [...many, short], { pair: { source: 'fr', target: 'en-US' }, budgets: manyBudgets, onBatch: (d) => void delivered.push(d) });
    const requests = server.state.requests.filter((r) => r.path === '/v2/translate');
    expect(requests).toHaveLength(2);
    const second = requests[1]!.params!;
    expect(second.get('text')).toEqual(many.map(() => long.source.map((s, n) => `<c n="${n}" max="10">${s}</c>`).join(' ')));
    expect(second.get('custom_instructions')).toEqual([GENERAL_INSTRUCTION, ELEMENT_INSTRUCTION, STRICT_INSTRUCTION]);
    // The neighbours the five are read between: none before, the short unit after.
    expect(second.get('context')).toEqual(['oui']);
    expect(result.drafts.slice(0, 5).map((d) => d.targets)).toEqual(many.map(() => ['[EN-US] UN', 'SEPT HUIT']));
    // The first request delivers the unit within its budget; the second, the five together, each once.
    expect(delivered.map((batch) => batch.map((d) => d.unitId))).toEqual([['3'], ['a', 'b', 'c', 'd', 'e']]);
    expect(result.condense).toEqual({ overBudgetFirst: 5, overBudgetSecond: 0, billedSecondPass: 5 * billedLong });
    expect(result.billedCharacters).toBe(server.state.billedCharacters);
  });

  it('sends a second request as soon as the first pass has answered up to its last unit, the same requests as when it waits for the whole pass', async () => {
    const { server, connection } = await setup();
    // 120 units over budget: three first requests of 50, 50 and 20 units, and three second ones of the same units.
    const many: Unit[] = Array.from({ length: 120 }, (_, i) => ({ id: `u${i}`, cueIds: [`u${i}a`, `u${i}b`], source: [...long.source] }));
    const manyBudgets = new Map(many.map((u): [string, number[]] => [u.id, [10, 10]]));
    const result = await translateUnits(connection, many, { pair: { source: 'fr', target: 'en-US' }, budgets: manyBudgets, concurrency: 1 });
    const requests = server.state.requests.filter((r) => r.path === '/v2/translate');
    const second = (r: (typeof requests)[number]) => r.params!.get('custom_instructions')!.includes(STRICT_INSTRUCTION);
    const unitsOf = (r: (typeof requests)[number]) => r.params!.get('text')!.length;
    expect(requests.filter((r) => !second(r)).map(unitsOf)).toEqual([50, 50, 20]);
    expect(requests.filter(second).map(unitsOf)).toEqual([50, 50, 20]);
    // Each second request is read between the neighbours its units' first request was.
    expect(requests.filter(second).map((r) => r.params!.get('context'))).toEqual(requests.filter((r) => !second(r)).map((r) => r.params!.get('context')));
    // The first 50 are asked again before the last first request leaves, not after the whole first pass.
    expect(requests.findIndex(second)).toBeLessThan(requests.findLastIndex((r) => !second(r)));
    expect(result.condense).toEqual({ overBudgetFirst: 120, overBudgetSecond: 0, billedSecondPass: 120 * billedLong });
    expect(result.drafts.map((d) => d.targets)).toEqual(many.map(() => ['[EN-US] UN', 'SEPT HUIT']));
  });

  it('asks units over budget that are not neighbours in one request too, read between the first one\'s and the last one\'s neighbours', async () => {
    const { server, connection } = await setup();
    const other: Unit = { ...long, id: '5', cueIds: ['5', '6'] };
    const after: Unit = { id: '7', cueIds: ['7'], source: ['non'] };
    const spread = new Map([...budgets, ['5', [10, 10]], ['7', [20]]]);
    const result = await translateUnits(connection, [long, short, other, after], { pair: { source: 'fr', target: 'en-US' }, budgets: spread });
    const requests = server.state.requests.filter((r) => r.path === '/v2/translate');
    expect(requests).toHaveLength(2);
    expect(requests[1]!.params!.get('text')).toHaveLength(2);
    expect(requests[1]!.params!.get('context')).toEqual(['non']);
    expect(result.condense).toEqual({ overBudgetFirst: 2, overBudgetSecond: 0, billedSecondPass: 2 * billedLong });
  });

  it('delivers the first drafts of the units held back when their second request fails, billed once', async () => {
    const many: Unit[] = ['a', 'b', 'c'].map((id) => ({ id, cueIds: [`${id}1`, `${id}2`], source: [...long.source] }));
    // The first request (3 × 53 + 3 characters) fits the quota; the second (3 × 53) does not.
    const { server, connection } = await setup({ characterLimit: 3 * billedLong + 3 + 10 });
    const delivered: Draft[][] = [];
    const manyBudgets = new Map<string, number[]>([...many.map((u): [string, number[]] => [u.id, [10, 10]]), ['3', [20]]]);
    const run = translateUnits(connection, [...many, short], { pair: { source: 'fr', target: 'en-US' }, budgets: manyBudgets, onBatch: (d) => void delivered.push(d) });
    await expect(run).rejects.toMatchObject({ code: 'DEEPL_QUOTA' });
    expect(server.state.requests.filter((r) => r.path === '/v2/translate')).toHaveLength(2);
    const first = { origin: 'machine', provider: 'deepl', billedCharacters: billedLong, targets: ['[EN-US] UN DEUX', 'SEPT HUIT'] };
    // Marked held: the next run asks for them again.
    expect(delivered).toEqual([[expect.objectContaining({ unitId: '3' })], many.map((u) => ({ ...first, unitId: u.id, held: true }))]);
  });

  it('keeps every billed draft when the quota runs out between second requests sent while the first pass goes on', async () => {
    const many: Unit[] = Array.from({ length: 120 }, (_, i) => ({ id: `u${i}`, cueIds: [`u${i}a`, `u${i}b`], source: [...long.source] }));
    // One at a time: the first two first requests (50 units each), then the second request of the first 50; the
    // next one (the second request of units 50 to 99) is over the quota.
    const { server, connection } = await setup({ characterLimit: 3 * 50 * billedLong + 10 });
    const delivered: Draft[] = [];
    const heldFirst: Draft[] = [];
    const manyBudgets = new Map(many.map((u): [string, number[]] => [u.id, [10, 10]]));
    const run = translateUnits(connection, many, {
      pair: { source: 'fr', target: 'en-US' },
      budgets: manyBudgets,
      concurrency: 1,
      onBatch: (d) => void delivered.push(...d),
      onHeld: (d) => void heldFirst.push(...d),
    });
    await expect(run).rejects.toMatchObject({ code: 'DEEPL_QUOTA' });
    const answered = server.state.requests.filter((r) => r.path === '/v2/translate' && r.status === 200);
    expect(answered.map((r) => r.params!.get('custom_instructions')!.includes(STRICT_INSTRUCTION))).toEqual([false, false, true]);
    // Every unit DeepL billed is delivered once: the first 50 with both requests billed, the next 50 with their first
    // draft, which was also kept as soon as it came; the last 20 were never asked.
    expect(delivered.map((d) => d.unitId)).toEqual(many.slice(0, 100).map((u) => u.id));
    expect(delivered.slice(0, 50).every((d) => d.billedCharacters === 2 * billedLong)).toBe(true);
    expect(delivered.slice(50)).toEqual(heldFirst.slice(50));
    expect(delivered.reduce((n, d) => n + d.billedCharacters, 0)).toBe(server.state.billedCharacters);
  });

  it('fails with DEEPL_TEXT_TOO_LARGE for a unit the stricter request cannot carry, once the requests in flight have delivered', async () => {
    // Alone in its first request this unit fits DeepL's 128 KiB; with the three instructions of the second it does not.
    const huge: Unit = { id: 'huge', cueIds: ['h'], source: ['a'.repeat(130_400)] };
    // Too long to share the request: asked in one of its own, which is still under way when the second pass is planned.
    const next: Unit = { id: 'next', cueIds: ['n'], source: ['oui '.repeat(100)] };
    const { server, connection } = await setup({ characterLimit: 1e9, latencyMs: 50 });
    const events: string[] = [];
    const run = translateUnits(connection, [huge, next], {
      pair: { source: 'fr', target: 'en-US' },
      budgets: new Map([['huge', [10]], ['next', [400]]]),
      concurrency: 1,
      onBatch: (d) => void events.push(`delivered ${d.map((x) => x.unitId).join(',')}`),
    }).catch((error: unknown) => {
      events.push('rejected');
      throw error;
    });
    await expect(run).rejects.toMatchObject({ code: 'DEEPL_TEXT_TOO_LARGE' });
    // Both first requests were answered; the other unit's draft is delivered before the run fails, not after.
    expect(server.state.requests.filter((r) => r.path === '/v2/translate' && r.status === 200).map((r) => r.texts)).toEqual([1, 1]);
    expect(events).toEqual(['delivered next', 'rejected']);
  });

  it('keeps the first draft when the second loses the cue markup', async () => {
    const { connection } = await setup({
      postprocess: (text, _i, ctx) => ((ctx.params.get('custom_instructions') ?? []).length > 2 ? text.replace(/<\/?c\b[^>]*>/g, '') : text),
    });
    const result = await translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets });
    expect(result.drafts[0]).toEqual({ unitId: '1', targets: ['[EN-US] UN DEUX', 'SEPT HUIT'], origin: 'machine', provider: 'deepl', billedCharacters: 2 * billedLong });
    expect(result.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 1, billedSecondPass: billedLong });
  });

  // The first draft says DEUX, the second drops it: a glossary finding on either decides which draft is kept.
  it.each([
    ['keeps the first draft when the second fails the glossary check the first passes', { failsWithDeux: false, kept: ['[EN-US] UN DEUX', 'SEPT HUIT'], overBudgetSecond: 1 }],
    ['keeps the second draft when the first fails the glossary check', { failsWithDeux: true, kept: ['[EN-US] UN', 'SEPT HUIT'], overBudgetSecond: 0 }],
  ])('%s', async (_name, { failsWithDeux, kept, overBudgetSecond }) => {
    const { connection } = await setup();
    const glossaryFindings = (_unit: Unit, targets: readonly string[]) => (targets.join(' ').includes('DEUX') === failsWithDeux ? 1 : 0);
    const result = await translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets, glossaryFindings });
    expect(result.drafts[0]?.targets).toEqual(kept);
    expect(result.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond, billedSecondPass: billedLong });
  });

  it('asks nothing again when every first draft is within its budget and the tolerance', async () => {
    const { server, connection } = await setup();
    const roomy = new Map([
      ['1', [40, 30]],
      ['3', [20]],
    ]);
    const result = await translateUnits(connection, [long, short], { pair: { source: 'fr', target: 'en-US' }, budgets: roomy });
    expect(server.state.translateRequests).toBe(1);
    expect(result.condense).toEqual({ overBudgetFirst: 0, overBudgetSecond: 0, billedSecondPass: 0 });
  });
});
