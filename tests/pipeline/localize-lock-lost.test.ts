import { createServer, connect, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { openMemoryStore } from '../../src/memory/open.js';
import { localize, type LocalizeEvent } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { runSource } from '../../src/pipeline/run-source.js';
import { unitClaimKey } from '../../src/pipeline/unit-claims.js';
import { draftVersions } from '../../src/glossary/index.js';
import { segment } from '../../src/translate/segment.js';
import { tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';
import { postgresPerFile } from '../helpers/postgres-fixture.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'lock-lost-key:fx';
const postgres = postgresPerFile();
let deepl: FakeDeepL | undefined;

afterEach(async () => {
  await deepl?.stop();
  deepl = undefined;
});

/** Ends every session holding an advisory lock in the database, as a server restart would. */
async function endLockSessions(url: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ ended: boolean }>(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()",
    );
    return rows.filter((r) => r.ended).length;
  } finally {
    await admin.end();
  }
}

describe('a run whose memory lock is lost (a Postgres memory whose server ended the session)', () => {
  it('stops sending requests and fails, so that no other run bills the same units beside it', async () => {
    const url = await postgres.server.createDatabase('lock_lost');
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    deepl = await start({
      authKey: KEY,
      hold: (_method, path) => {
        if (path !== '/v2/translate') return undefined;
        arrived();
        return released;
      },
    });
    const dir = tempDir('subloc-lock-lost-');
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    const options = await resolveLocalizeOptions(
      { input: join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), targets: ['fr-FR'], provider: 'deepl', formats: ['srt'], out: join(dir, 'out'), memory: url, concurrency: 1, condense: false },
      dir,
      env,
    );
    const run = localize(options, { env }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await firstArrived;
    expect(await endLockSessions(url)).toBe(1);
    // The lock is free now: another run would be let in. This one must send nothing more.
    const other = await openMemoryStore(url);
    const lock = await other.lockRuns({ purpose: 'the next run' });
    lock.release();
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const arrivals = () => deepl!.state.requests.filter((r) => r.path === '/v2/translate').length;
    const sent = arrivals();
    release();
    const error = await run;
    expect(error).toBeInstanceOf(SublocError);
    expect(error).toMatchObject({ code: 'MEMORY_LOCK_LOST', message: expect.stringContaining("the connection holding the memory's run lock") });
    expect(arrivals()).toBe(sent);
    // The answer on its way was billed: it is kept.
    const memory = await openMemoryStore(url);
    expect((await memory.entries({ source: 'zh-Hans', target: 'fr-FR' })).length).toBeGreaterThan(0);
    await memory.close();
  }, 60_000);

  it('notices a server gone silent (the network cut, no goodbye) within seconds, by asking the lock\'s connection', async () => {
    const url = new URL(await postgres.server.createDatabase('lock_silent'));
    // A relay between subloc and the server that can stop passing bytes without closing anything, as a cut cable does.
    let frozen = false;
    const sockets: Socket[] = [];
    const relay = createServer((client) => {
      const server = connect(Number(url.port), url.hostname);
      sockets.push(client, server);
      client.on('data', (d) => frozen || server.write(d));
      server.on('data', (d) => frozen || client.write(d));
      client.on('error', () => {});
      server.on('error', () => {});
    });
    await new Promise<void>((ready) => relay.listen(0, '127.0.0.1', ready));
    const relayed = new URL(url);
    relayed.port = String((relay.address() as { port: number }).port);
    try {
      const memory = await openMemoryStore(relayed.toString());
      const lock = await memory.lockRuns({ purpose: 'a run on a cut network' });
      expect(lock.lost?.aborted).toBe(false);
      frozen = true;
      await new Promise<void>((noticed) => lock.lost!.addEventListener('abort', () => noticed(), { once: true }));
      expect(lock.lost!.reason).toMatchObject({ code: 'MEMORY_LOCK_LOST', message: expect.stringContaining('did not answer for 10 s') });
      lock.release();
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((closed) => relay.close(closed));
    }
  }, 60_000);
});

/** Every text DeepL answered, and so billed, once for each time it was billed. */
function billedTexts(server: FakeDeepL): string[] {
  return server.state.requests.filter((r) => r.path === '/v2/translate' && r.status === 200).flatMap((r) => r.params?.get('text') ?? []);
}

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

describe('a run that takes the memory lock from one that lost it with requests on their way', () => {
  /**
   * The first run's first request is held by DeepL while `loseLock` takes its lock away; a second run then starts
   * on the same memory, and the held answer comes once that run has looked in the memory.
   */
  async function secondRunMeanwhile(loseLock: (url: string) => Promise<void>) {
    const url = await postgres.server.createDatabase('in_flight');
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    deepl = await start({
      authKey: KEY,
      hold: (_method, path) => {
        if (path !== '/v2/translate' || !holding) return undefined;
        holding = false;
        arrived();
        return released;
      },
    });
    const server = deepl;
    const dir = tempDir('subloc-in-flight-');
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    const optionsFor = (out: string) =>
      resolveLocalizeOptions(
        { input: join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), targets: ['fr-FR'], provider: 'deepl', formats: ['srt'], out: join(dir, out), memory: url, concurrency: 1, condense: false },
        dir,
        env,
      );
    const first = localize(await optionsFor('first'), { env }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await firstArrived;
    await loseLock(url);
    const events: LocalizeEvent[] = [];
    const second = localize(await optionsFor('second'), { env, onEvent: (event) => events.push(event) });
    const translateRequests = () => server.state.requests.filter((r) => r.path === '/v2/translate').length;
    // The second run has looked in the memory: it waits for the first run's units, or it has sent its own requests.
    await until(() => events.some((e) => e.type === 'sent-wait') || translateRequests() > 1);
    release();
    const [lost, report] = await Promise.all([first, second]);
    return { url, lost, report, events, billed: billedTexts(server) };
  }

  it('waits for what the first had sent, when the lock\'s session was ended, and bills no text twice', async () => {
    const { url, lost, report, events, billed } = await secondRunMeanwhile(async (url) => {
      expect(await endLockSessions(url)).toBe(1);
    });
    expect(lost).toMatchObject({ code: 'MEMORY_LOCK_LOST' });
    expect(billed.filter((text, i) => billed.indexOf(text) !== i)).toEqual([]);
    const waited = events.find((e) => e.type === 'sent-wait');
    expect(waited).toMatchObject({ language: 'fr-FR', others: expect.arrayContaining([expect.objectContaining({ purpose: 'subloc localize hotline-beijing' })]) });
    // What the first run had on its way came to the second from the memory, billed nothing.
    expect(waited?.type === 'sent-wait' && waited.others.length).toBeGreaterThan(0);
    expect(report.languages[0]!.fromMemory).toBeGreaterThan(0);
    // Both runs cleared their records as they ended.
    expect((await postgres.server.sql('SELECT count(*)::int AS n FROM subloc_in_flight', url.split('/').pop())).rows).toEqual([{ n: 0 }]);
  }, 60_000);

  it('waits for what the first had sent, when the server restarted, and bills no text twice', async () => {
    const { lost, report, events, billed } = await secondRunMeanwhile(() => postgres.server.restart());
    expect(lost).toMatchObject({ code: 'MEMORY_LOCK_LOST' });
    expect(billed.filter((text, i) => billed.indexOf(text) !== i)).toEqual([]);
    expect(report.languages[0]!.fromMemory).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'sent-wait')).toBe(true);
  }, 60_000);

  it('drafts itself, once their record runs out, the units a run that ended recorded as sent and never stored', async () => {
    const url = await postgres.server.createDatabase('in_flight_out');
    deepl = await start({ authKey: KEY });
    const dir = tempDir('subloc-in-flight-');
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    const options = await resolveLocalizeOptions(
      { input: join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), targets: ['fr-FR'], provider: 'deepl', formats: ['srt'], out: join(dir, 'out'), memory: url, concurrency: 1, condense: false },
      dir,
      env,
    );
    const units = segment((await runSource(options)).track).slice(0, 5);
    const versions = draftVersions(undefined, 'fr-FR');
    const memory = await openMemoryStore(url);
    // A run that died with these on their way: its record lasts a moment more, and nothing will store them.
    await memory.inFlight!.record(units.map((u) => unitClaimKey({ source: 'zh-Hans', target: 'fr-FR' }, versions.own(u.source), u.source)), { id: 'a run that died', purpose: 'subloc localize earlier' }, 1500);
    await memory.close();
    const events: LocalizeEvent[] = [];
    const report = await localize(options, { env, onEvent: (event) => events.push(event) });
    expect(events.find((e) => e.type === 'sent-wait')).toMatchObject({ others: units.map(() => expect.objectContaining({ purpose: 'subloc localize earlier' })) });
    const billed = billedTexts(deepl);
    expect(billed.filter((text, i) => billed.indexOf(text) !== i)).toEqual([]);
    expect(report.languages[0]).toMatchObject({ fromMemory: 0, untranslated: 0 });
    // The units waited for were asked last, alone.
    const last = deepl.state.requests.filter((r) => r.path === '/v2/translate').at(-1)!;
    expect(last.texts).toBe(units.length);
  }, 60_000);
});
