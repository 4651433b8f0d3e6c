import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../../src/errors.js';
import { createDeepLConnection } from '../../../src/translate/deepl/client.js';
import { ATTEMPTS } from '../../../src/translate/deepl/attempts.js';
import { billableAtMost, type DeepLGate } from '../../../src/translate/deepl/gate.js';
import { syncGlossary } from '../../../src/translate/deepl/glossary-sync.js';
import { translateUnits } from '../../../src/translate/deepl/translate.js';
import type { Unit } from '../../../src/model/unit.js';
import { start, type FakeDeepL } from '../../helpers/deepl-server.js';

const KEY = 'gate-test-key:fx';
let server: FakeDeepL | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Ten units of one cue. */
const units: Unit[] = Array.from({ length: 10 }, (_, i) => ({ id: String(i + 1), cueIds: [String(i + 1)], source: [`cue number ${i + 1} of the film`] }));

/** A gate in this process that keeps a budget as the workers' Redis gate does: reserve at most, settle to the bill. */
function budgetGate(budget: number) {
  const seen = { acquired: 0, reserved: 0, used: 0, settled: [] as number[], asked: [] as number[] };
  const gate: DeepLGate = {
    async acquire(characters) {
      if (seen.used + seen.reserved + characters > budget) throw new SublocError('DEEPL_BUDGET', `budget of ${budget} reached`);
      seen.acquired++;
      seen.asked.push(characters);
      seen.reserved += characters;
      return {
        async settle(billed) {
          seen.reserved -= characters;
          seen.used += billed;
          seen.settled.push(billed);
        },
      };
    },
  };
  return { gate, seen };
}

describe('translateUnits with a gate', () => {
  it('passes every request through the gate and settles each at what DeepL billed', async () => {
    server = await start({ authKey: KEY });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    const { gate, seen } = budgetGate(1_000_000);
    const result = await translateUnits(connection, units, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 2 });
    expect(seen.acquired).toBe(server.state.translateRequests);
    expect(seen.used).toBe(server.state.billedCharacters);
    expect(seen.used).toBe(result.billedCharacters);
    expect(seen.reserved).toBe(0);
    // Each request reserves what DeepL bills it, the text without its markup: not the `<c n max>` tags, three times as many.
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    expect(sorted(seen.asked)).toEqual(sorted(seen.settled));
  });

  it('passes each attempt of a request through the gate: 429, 5xx and a broken connection are tried again there, not inside deepl-node', async () => {
    server = await start({ authKey: KEY });
    server.fail({ type: 'status', status: 503, times: 1 });
    server.fail({ type: 'status', status: 429, times: 1 });
    server.fail({ type: 'drop', times: 1 });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    const { gate, seen } = budgetGate(1_000_000);
    const result = await translateUnits(connection, units.slice(0, 1), { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 });
    expect(result.drafts[0]!.targets).not.toBeNull();
    const arrived = server.state.requests.filter((r) => r.path === '/v2/translate').length;
    expect(arrived).toBe(4);
    expect(seen.acquired).toBe(arrived);
    // The dropped attempt may have been billed: its reservation stays; the refused ones billed nothing.
    expect(seen.settled.filter((n) => n > 0)).toHaveLength(2);
    expect(seen.reserved).toBe(0);
  }, 60_000);

  it('stops when the gate refuses: the refused request is never sent, nothing is billed for it, DEEPL_BUDGET', async () => {
    server = await start({ authKey: KEY });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    // Room for the first units' text, not for the rest: what does not fit is refused before it leaves.
    const { gate, seen } = budgetGate(units.reduce((n, u) => n + u.source[0]!.length, 0));
    const error = await translateUnits(connection, [...units, ...units.map((u) => ({ ...u, id: `${u.id}b`, source: [`${u.source[0]} again`] }))], {
      pair: { source: 'en', target: 'fr' },
      gate,
      concurrency: 1,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SublocError);
    expect((error as SublocError).code).toBe('DEEPL_BUDGET');
    expect(server.state.translateRequests).toBe(seen.acquired);
    expect(seen.used).toBe(server.state.billedCharacters);
    expect(seen.reserved).toBe(0);
  });

  it('a failed request settles at 0: its reservation is given back', async () => {
    server = await start({ authKey: KEY, faults: [{ type: 'status', status: 456, times: 1 }] });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    const { gate, seen } = budgetGate(1_000_000);
    await expect(translateUnits(connection, units, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 })).rejects.toMatchObject({ code: 'DEEPL_QUOTA' });
    expect(seen.settled).toContain(0);
    expect(seen.reserved).toBe(0);
    expect(seen.used).toBe(server.state.billedCharacters);
  });

  it('a request that timed out keeps its reservation as billed, each of its attempts: DeepL may have translated it', async () => {
    let release = () => {};
    server = await start({ authKey: KEY, hold: (_, path) => (path === '/v2/translate' ? new Promise<void>((r) => (release = r)) : undefined) });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, minTimeout: 200 });
    const { gate, seen } = budgetGate(1_000_000);
    await expect(translateUnits(connection, units, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 }).finally(() => release())).rejects.toMatchObject({ code: 'DEEPL_FAILED' });
    expect(seen.settled).toHaveLength(ATTEMPTS);
    for (const settled of seen.settled) expect(settled).toBeGreaterThanOrEqual(units.reduce((n, u) => n + u.source[0]!.length, 0));
    expect(seen.used).toBe(seen.settled.reduce((a, b) => a + b, 0));
    expect(seen.reserved).toBe(0);
  }, 60_000);

  it("a gateway's 504 keeps its reservation as billed, each of its attempts: DeepL may have finished the request the gateway stopped waiting for", async () => {
    const page = '<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>';
    server = await start({ authKey: KEY, faults: [{ type: 'raw', status: 504, contentType: 'text/html', body: page, times: ATTEMPTS }] });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url }, minTimeout: 200 });
    const { gate, seen } = budgetGate(1_000_000);
    const input = units.slice(0, 2);
    await expect(translateUnits(connection, input, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 })).rejects.toMatchObject({ code: 'DEEPL_FAILED' });
    expect(seen.settled).toHaveLength(ATTEMPTS);
    for (const settled of seen.settled) expect(settled).toBe(billableAtMost(input.map((u) => u.source[0]!)));
    expect(seen.reserved).toBe(0);
  }, 60_000);

  it('an answer cut short (a 200 whose JSON ends midway) keeps its reservation as billed: DeepL translated it', async () => {
    server = await start({ authKey: KEY, faults: [{ type: 'raw', status: 200, contentType: 'application/json', body: '{"translations":[{"text":"cue num' }] });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    const { gate, seen } = budgetGate(1_000_000);
    const input = units.slice(0, 2);
    await expect(translateUnits(connection, input, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 })).rejects.toMatchObject({ code: 'DEEPL_ANSWER_MISMATCH' });
    expect(seen.settled).toEqual([billableAtMost(input.map((u) => u.source[0]!))]);
    expect(seen.reserved).toBe(0);
  });

  it('an answer with a translation left out keeps the reservation of the text left out: DeepL billed it, the answer does not say what', async () => {
    server = await start({ authKey: KEY, misbehaviour: 'drop-translation' });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    const { gate, seen } = budgetGate(1_000_000);
    const input = units.slice(0, 3);
    await expect(translateUnits(connection, input, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 })).rejects.toMatchObject({ code: 'DEEPL_ANSWER_MISMATCH' });
    expect(server.state.billedCharacters).toBe(billableAtMost(input.map((u) => u.source[0]!)));
    expect(seen.used).toBe(server.state.billedCharacters);
    expect(seen.reserved).toBe(0);
  });

  it('a refused connection bills nothing: its reservation is given back', async () => {
    server = await start({ authKey: KEY });
    const url = server.url;
    await server.stop();
    server = undefined;
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: url }, minTimeout: 200 });
    const { gate, seen } = budgetGate(1_000_000);
    await expect(translateUnits(connection, units, { pair: { source: 'en', target: 'fr' }, gate, concurrency: 1 })).rejects.toMatchObject({ code: 'DEEPL_UNREACHABLE' });
    expect(seen.settled).toEqual([0]);
    expect(seen.reserved).toBe(0);
  });
});

describe('syncGlossary with a gate', () => {
  it('passes each of its requests through the gate, billing none', async () => {
    server = await start({ authKey: KEY });
    const connection = createDeepLConnection({ env: { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url } });
    const { gate, seen } = budgetGate(1_000_000);
    const sync = (hash: string) => syncGlossary(connection, { title: 'Film', sourceLang: 'zh-Hans', targetLangs: ['en-US'], entriesFor: () => ({ 胡同: 'hutong' }), contentHash: hash, gate });
    await sync('first');
    // A new version: listed, created, and the first one deleted.
    await sync('second');
    expect(seen.acquired).toBe(server.state.requests.length);
    expect(server.state.requests.some((r) => r.method === 'DELETE')).toBe(true);
    expect(seen.used).toBe(0);
    expect(seen.reserved).toBe(0);
  });
});
