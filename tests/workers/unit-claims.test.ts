import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../../src/memory/open.js';
import { localizeCatalogLanguage } from '../../src/pipeline/catalog-job.js';
import type { LocalizeEvent } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { draftVersions } from '../../src/glossary/index.js';
import { unitClaimKey, type UnitClaims } from '../../src/pipeline/unit-claims.js';
import { KEYS } from '../../src/workers/keys.js';
import { connectRedis } from '../../src/workers/redis.js';
import { redisClaims } from '../../src/workers/unit-claims.js';
import { tempDir } from '../helpers/cli.js';
import { heldTranslate, start, type FakeDeepL, type FakeDeepLOptions } from '../helpers/deepl-server.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

/** A unit's claim key, its source cue by cue, as a run of these films (no glossary) makes it. */
function claimKey(...source: string[]): string {
  return unitClaimKey(PAIR, draftVersions(undefined, PAIR.target).own(source), source);
}

const KEY = 'claims-test-key:fx';
const PAIR = { source: 'en', target: 'de-DE' };

let redis: RedisServer | undefined;
let client: Redis | undefined;
let deepl: FakeDeepL | undefined;
afterEach(async () => {
  client?.disconnect();
  await redis?.stop();
  await deepl?.stop();
  client = redis = deepl = undefined;
});

async function startServers(options: Omit<FakeDeepLOptions, 'authKey'> = {}): Promise<{ client: Redis; deepl: FakeDeepL }> {
  redis = await startRedis();
  client = await connectRedis(redis.url);
  deepl = await start({ authKey: KEY, ...options });
  return { client, deepl };
}

/** One sentence a cue: each cue is one unit, its text the unit's source. */
const line = (n: number) => `The hotline takes call number ${n} of the day.`;
/** `line(1..cues)`. */
const lines = (cues: number) => Array.from({ length: cues }, (_, i) => line(i + 1));

/** A film whose cues say `texts`, as the catalog's configs name them, and its options; `file('srt')` its track once written. */
async function film(dir: string, title: string, texts: readonly string[], memory: string) {
  const folder = join(dir, title);
  mkdirSync(folder, { recursive: true });
  const srt = texts.map((text, i) => `${i + 1}\n00:00:${String(i * 2).padStart(2, '0')},000 --> 00:00:${String(i * 2 + 1).padStart(2, '0')},500\n${text}\n`).join('\n');
  writeFileSync(join(folder, `${title}.en.srt`), srt);
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl!.url };
  const options = await resolveLocalizeOptions(
    { input: join(folder, `${title}.en.srt`), targets: [PAIR.target], provider: 'deepl', formats: ['srt'], out: join(folder, 'out'), memory, condense: false, concurrency: 2 },
    folder,
    env,
  );
  return { options, env, file: (ext: string) => readFileSync(join(folder, 'out', title, PAIR.target, `${title}.${PAIR.target}.${ext}`), 'utf8') };
}

/** How often DeepL billed each text (without the cue markup subloc sends it in). */
function billed(server: FakeDeepL): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of server.state.requests) {
    if (r.path !== '/v2/translate' || r.status !== 200) continue;
    for (const sent of r.params?.get('text') ?? []) {
      const text = sent.replace(/<[^>]*>/g, '');
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  return counts;
}

describe('unit claims in Redis (real redis-server)', () => {
  it('gives each key to one run at a time: held again by its owner, refused to another, free once given back; another run cannot give it back', async () => {
    const { client } = await startServers();
    const a = redisClaims(client);
    const b = redisClaims(client);
    expect(await a.claim(['k1', 'k2'])).toEqual([true, true]);
    expect(await b.claim(['k2', 'k3'])).toEqual([false, true]);
    expect(await a.claim(['k1', 'k1'])).toEqual([true, true]);
    await b.release(['k1', 'k2']);
    expect(await client.get(KEYS.claim('k1'))).not.toBeNull();
    await a.release(['k2']);
    expect(await b.claim(['k2'])).toEqual([true]);
    await a.release(['k1']);
    await b.release(['k2', 'k3']);
    expect(await client.keys(KEYS.claim('*'))).toEqual([]);
  });

  it('keeps a claim alive while its run holds it, and lets the claim of a run that died lapse', async () => {
    const { client } = await startServers();
    const alive = redisClaims(client, { lifetimeMs: 300 });
    expect(await alive.claim(['held'])).toEqual([true]);
    // A worker that died: its claim is never renewed.
    await client.set(KEYS.claim('orphan'), 'a worker that died', 'PX', 300);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const other = redisClaims(client);
    expect(await other.claim(['held', 'orphan'])).toEqual([false, true]);
    await alive.release(['held']);
    await other.release(['orphan']);
  });

  it('lets a job run again hold the claims its earlier run left when its worker died, at once', async () => {
    const { client } = await startServers();
    expect(await redisClaims(client, { owner: 'job film-1.de-DE.abc' }).claim(['k1', 'k2'])).toEqual([true, true]);
    // The worker died: nothing gave the claims back. The same job, run again elsewhere:
    const again = redisClaims(client, { owner: 'job film-1.de-DE.abc' });
    expect(await again.claim(['k1', 'k2'])).toEqual([true, true]);
    expect(await redisClaims(client, { owner: 'job film-2.de-DE.abc' }).claim(['k1'])).toEqual([false]);
    await again.release(['k1', 'k2']);
    expect(await client.keys(KEYS.claim('*'))).toEqual([]);
  });
});

describe('catalog jobs of films that share text (real redis-server, loopback DeepL)', () => {
  it('two films drafted at once into one language on one memory: each shared unit is billed once, and both tracks are whole', async () => {
    const { deepl } = await startServers({ latencyMs: 150 });
    const dir = tempDir('subloc-claims-');
    const memory = join(dir, 'memory.sqlite');
    // The same 12 sentences in two films, as a series repeats its narration.
    const films = [await film(dir, 'episode-1', lines(12), memory), await film(dir, 'episode-2', lines(12), memory)];
    // Two workers: each its own claims, as two processes have.
    const reports = await Promise.all(films.map((f) => localizeCatalogLanguage(f.options, PAIR.target, { env: f.env, claims: redisClaims(client!, { pollMs: 50 }) })));

    const counts = billed(deepl);
    expect([...counts.keys()].sort()).toEqual(Array.from({ length: 12 }, (_, i) => line(i + 1)).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const billedChars = reports.map((r) => r.totals.billedCharacters);
    expect(billedChars.reduce((a, b) => a + b, 0)).toBe(Array.from({ length: 12 }, (_, i) => line(i + 1).length).reduce((a, b) => a + b, 0));
    for (const [k, f] of films.entries()) {
      const language = reports[k]!.languages[0]!;
      expect(language.untranslated).toBe(0);
      // What one film took from the other's drafts is reported as from the memory, billed nothing.
      expect(language.fromMemory + language.machine).toBe(12);
      const words = f.file('srt').replace(/\s+/g, ' ');
      for (let n = 1; n <= 12; n++) expect(words).toContain(line(n).toUpperCase());
    }
    expect(await client!.keys(KEYS.claim('*'))).toEqual([]);
  });

  it('waits for the units another run holds and takes them from the memory once stored, billing only its own', async () => {
    const { client, deepl } = await startServers();
    const dir = tempDir('subloc-claims-');
    const memory = join(dir, 'memory.sqlite');
    const f = await film(dir, 'episode-3', lines(6), memory);
    // Another run drafts cues 4-6 of this text; it stores them while this one waits.
    const theirs = [4, 5, 6].map((n) => claimKey(line(n)));
    const other = redisClaims(client);
    expect(await other.claim(theirs)).toEqual([true, true, true]);
    let stored: Promise<void> | undefined;
    const onEvent = (event: LocalizeEvent) => {
      if (event.type !== 'language-progress' || stored !== undefined) return;
      stored = (async () => {
        const store = await openMemoryStore(memory);
        const now = new Date().toISOString();
        await store.put([4, 5, 6].map((n) => ({ sourceLang: PAIR.source, targetLang: PAIR.target, source: [line(n)], target: [`Drafted by the other run: ${n}`], glossaryVersion: '', provider: 'deepl', status: 'draft' as const, updatedAt: now })));
        await store.close();
        await other.release(theirs);
      })();
    };
    const report = await localizeCatalogLanguage(f.options, PAIR.target, { env: f.env, onEvent, claims: redisClaims(client, { pollMs: 50 }) });
    await stored;

    expect([...billed(deepl).keys()].sort()).toEqual([1, 2, 3].map(line).sort());
    const language = report.languages[0]!;
    expect(language.fromMemory).toBe(3);
    expect(language.machine).toBe(3);
    const words = f.file('srt').replace(/\s+/g, ' ');
    for (const n of [4, 5, 6]) expect(words).toContain(`Drafted by the other run: ${n}`);
  });

  it('drafts the units a run that died had claimed once its claims lapse, each billed once', async () => {
    const { client, deepl } = await startServers();
    const dir = tempDir('subloc-claims-');
    const f = await film(dir, 'episode-4', lines(4), join(dir, 'memory.sqlite'));
    const lapse = Date.now() + 600;
    for (const n of [1, 2, 3, 4]) await client.set(KEYS.claim(claimKey(line(n))), 'a worker that died', 'PX', 600);
    const report = await localizeCatalogLanguage(f.options, PAIR.target, { env: f.env, claims: redisClaims(client, { pollMs: 50 }) });

    const translate = deepl.state.requests.filter((r) => r.path === '/v2/translate');
    expect(Math.min(...translate.map((r) => r.at))).toBeGreaterThanOrEqual(lapse - 50);
    expect([...billed(deepl).values()]).toEqual([1, 1, 1, 1]);
    expect(report.languages[0]!.machine).toBe(4);
  });
});

/** One sentence over two cues: one unit, in every film below. */
const SENTENCE = ['The caller says that the lift', 'in her building is broken again.'];
/** What the translator saves as the sentence's first cue. */
const SAVED = 'Die Anruferin sagt, dass der Aufzug';

/** A run's claims in Redis that say when the run was first refused a unit another run holds. */
function watched(claims: UnitClaims): UnitClaims & { refused: Promise<void> } {
  let refused!: () => void;
  const seen = new Promise<void>((resolve) => (refused = resolve));
  return {
    pollMs: claims.pollMs,
    release: (keys) => claims.release(keys),
    async claim(keys) {
      const held = await claims.claim(keys);
      if (held.includes(false)) refused();
      return held;
    },
    refused: seen,
  };
}

/** The translator saves the sentence's first cue alone, reviewed, in the studio of the film `options` are of. */
async function saveFirstCue(options: Awaited<ReturnType<typeof film>>['options']): Promise<void> {
  const studio = await openReviewSession({ localize: options, languages: [PAIR.target], reviewer: 'Jana' });
  try {
    const shown = (await studio.track(PAIR.target))!;
    const saved = await studio.save(PAIR.target, '1', { text: SAVED, state: 'reviewed', revision: shown.find((c) => c.id === '1')!.revision });
    expect(saved.outcome).toBe('saved');
  } finally {
    await studio.close();
  }
}

/** The sentence's memory entry holds the translator's cue as saved and reviewed, the other a machine draft: that draft's text. */
async function expectSavedKept(memory: string): Promise<string> {
  const store = await openMemoryStore(memory);
  const entry = await store.exact(SENTENCE, PAIR, 'any');
  await store.close();
  expect(entry).toMatchObject({ provider: 'studio', reviewer: 'Jana', byReviewer: true, cueStatus: ['reviewed', 'draft'], status: 'draft' });
  expect(entry!.target[0]).toBe(SAVED);
  expect(entry!.target[1]).not.toBe('');
  return entry!.target[1]!;
}

/** The film's track and XLIFF show the saved cue as saved, and the machine's draft of the other. */
function expectWritten(f: Awaited<ReturnType<typeof film>>, machine: string): void {
  const srt = f.file('srt');
  expect(srt).toContain(`\n00:00:00,000 --> 00:00:01,500\n${SAVED}\n`);
  expect(srt).toContain(`\n00:00:02,000 --> 00:00:03,500\n${machine}\n`);
  expect(f.file('xlf')).toMatch(new RegExp(`<trans-unit id="1"[^]*?<target state="signed-off"[^>]*>${SAVED}</target>`));
}

describe('a sentence a translator saves in part while a catalog job waits for another job to draft it (real redis-server, loopback DeepL)', () => {
  it('is taken from the memory with the saved cue once the drafting job has filled the other cue: billed once', async () => {
    const held = heldTranslate();
    const { client, deepl } = await startServers({ hold: held.hold });
    const dir = tempDir('subloc-claims-');
    const memory = join(dir, 'memory.sqlite');
    const a = await film(dir, 'episode-a', [...SENTENCE, line(1)], memory);
    const b = await film(dir, 'episode-b', SENTENCE, memory);
    // Film A's job is still busy once it has stored the sentence: another job holds its other unit.
    const other = redisClaims(client);
    expect(await other.claim([claimKey(line(1))])).toEqual([true]);

    // Film A's job claims the sentence and sends it to DeepL, which holds the answer.
    const first = localizeCatalogLanguage(a.options, PAIR.target, { env: a.env, claims: redisClaims(client, { pollMs: 50 }) });
    await held.reached;
    // Film B's job finds it claimed, and waits for A to store it; meanwhile the translator saves its first cue alone.
    const claims = watched(redisClaims(client, { pollMs: 50 }));
    const second = localizeCatalogLanguage(b.options, PAIR.target, { env: b.env, claims });
    await claims.refused;
    await saveFirstCue(b.options);
    held.release();
    const reportB = await second;
    await other.release([claimKey(line(1))]);
    const reportA = await first;

    expect(Object.fromEntries(billed(deepl))).toEqual({ [SENTENCE.join(' ')]: 1, [line(1)]: 1 });
    expect(reportB.totals.billedCharacters).toBe(0);
    expect(reportA.totals.billedCharacters).toBe(deepl.state.billedCharacters);
    const machine = await expectSavedKept(memory);
    expectWritten(a, machine);
    expectWritten(b, machine);
  });

  it('has its empty cue alone drafted, the saved one not billed, when the job that held it stopped without storing it', async () => {
    const { client, deepl } = await startServers();
    const dir = tempDir('subloc-claims-');
    const memory = join(dir, 'memory.sqlite');
    const b = await film(dir, 'episode-b', SENTENCE, memory);
    // A job that claimed the sentence and stops: its claim given back (or lapsed), the sentence not stored.
    const stopped = redisClaims(client);
    expect(await stopped.claim([claimKey(...SENTENCE)])).toEqual([true]);
    const claims = watched(redisClaims(client, { pollMs: 50 }));
    const run = localizeCatalogLanguage(b.options, PAIR.target, { env: b.env, claims });
    await claims.refused;
    await saveFirstCue(b.options);
    await stopped.release([claimKey(...SENTENCE)]);
    const report = await run;

    expect(Object.fromEntries(billed(deepl))).toEqual({ [SENTENCE[1]!]: 1 });
    expect(report.totals.billedCharacters).toBe(SENTENCE[1]!.length);
    expectWritten(b, await expectSavedKept(memory));
  });
});
