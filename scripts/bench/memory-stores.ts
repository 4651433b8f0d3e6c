/**
 * The Postgres memory beside the SQLite one (the peer), both holding the same
 * 10,000 entries of one language pair, measured in this process: an exact
 * match (median of single lookups, each awaited, as `localize` asks them),
 * a 1,000-entry batch write of new units (median of runs), and a fuzzy
 * lookup with one character changed. Postgres is a real server started here
 * the way the tests start it (loopback TCP, password login, fsync off), so
 * its figures include a network round trip per statement; SQLite's are
 * in-process calls on a WAL file.
 */
import { join } from 'node:path';
import { openMemoryStore } from '../../src/memory/open.js';
import type { MemoryEntry, MemoryStore } from '../../src/memory/store.js';
import { tempDir } from '../../tests/helpers/cli.js';
import { chineseSentences } from '../../tests/helpers/sentences.js';
import { postgresBinDir, startPostgres } from '../../tests/helpers/postgres-server.js';
import { median } from './in-turn.js';

const ENTRIES = 10_000;
const BATCH = 1_000;
const LOOKUPS = 2_000;
/** A feature film's sentence units. */
const TRACK = 1_500;
const PAIR = { source: 'zh-Hans', target: 'en-US' };

const entryOf = (s: string): MemoryEntry => ({ sourceLang: PAIR.source, targetLang: PAIR.target, source: [s], target: [`EN ${s}`], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: '2026-11-01T10:00:00.000Z' });

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Figures {
  exact: number;
  /** One `exactMany` of a film's worth of units (TRACK), as `localize` asks a language's. */
  track: number;
  batch: number;
  fuzzy: number;
  /** A fuzzy lookup at 50% of a sentence with nothing near: every entry of a reachable length must be ruled out. */
  far: number;
}

async function measure(store: MemoryStore, source: string[]): Promise<Figures> {
  await store.put(source.map(entryOf));
  const exact: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const s = source[(i * 7919) % source.length]!;
    exact.push(
      await timed(async () => {
        if ((await store.exact([s], PAIR, 'g1'))?.source[0] !== s) throw new Error(`${store.location}: no exact match for ${s}`);
      }),
    );
  }
  const track: number[] = [];
  const units = Array.from({ length: TRACK }, (_, i) => [source[(i * 7919) % source.length]!]);
  for (let run = 0; run < 11; run++) {
    track.push(
      await timed(async () => {
        const found = await store.exactMany(units, PAIR, 'g1');
        if (found.some((e, i) => e?.source[0] !== units[i]![0])) throw new Error(`${store.location}: exactMany missed a unit`);
      }),
    );
  }
  const batch: number[] = [];
  for (let run = 0; run < 5; run++) {
    const fresh = chineseSentences(BATCH, 1000 + run).map((s) => entryOf(`${run}${s}`));
    batch.push(await timed(() => store.put(fresh)));
  }
  const wanted = source[7_777]!;
  const query = [`${wanted.slice(0, 5)}啊${wanted.slice(6)}`];
  const fuzzy: number[] = [];
  for (let i = 0; i < 25; i++) {
    fuzzy.push(
      await timed(async () => {
        if ((await store.fuzzy(query, PAIR, 0.7))?.entry.source[0] !== wanted) throw new Error(`${store.location}: fuzzy lookup missed ${wanted}`);
      }),
    );
  }
  const far: number[] = [];
  for (const [i, stranger] of chineseSentences(25, 44).entries()) {
    far.push(
      await timed(async () => {
        if ((await store.fuzzy([stranger], PAIR, 0.5)) !== undefined) throw new Error(`${store.location}: sentence ${i} of seed 44 found within 50%`);
      }),
    );
  }
  return { exact: median(exact), track: median(track), batch: median(batch), fuzzy: median(fuzzy), far: median(far) };
}

/** The figures as text: Postgres and SQLite per task, and Postgres ÷ SQLite. */
export async function benchMemoryStores(): Promise<string> {
  // The block needs a Postgres server binary, which `npm test` installs; without one the rest of the bench still runs.
  try {
    postgresBinDir();
  } catch (error) {
    return `Translation memory stores: skipped, ${(error as Error).message}`;
  }
  const server = await startPostgres();
  const stores: MemoryStore[] = [];
  try {
    const source = chineseSentences(ENTRIES, 42);
    const sqlite = await openMemoryStore(join(tempDir('subloc-bench-memory-'), 'memory.sqlite'));
    stores.push(sqlite);
    const postgres = await openMemoryStore(await server.createDatabase('bench'));
    stores.push(postgres);
    const peer = await measure(sqlite, source);
    const ours = await measure(postgres, source);
    const row = (task: string, key: keyof Figures) => `  ${task.padEnd(62)} ${ours[key].toFixed(3).padStart(9)} ms  ${peer[key].toFixed(3).padStart(9)} ms  ${(ours[key] / peer[key]).toFixed(1).padStart(7)}×`;
    return [
      `Translation memory, ${ENTRIES.toLocaleString('en')} entries of one pair: Postgres (a server on loopback, one round trip a statement) beside SQLite (in-process, WAL file)`,
      `  ${'task'.padEnd(62)} ${'Postgres'.padStart(12)}  ${'SQLite'.padStart(12)}  ${'ratio'.padStart(8)}`,
      row(`exact match (median of ${LOOKUPS.toLocaleString('en')} lookups)`, 'exact'),
      row(`exact matches of a ${TRACK.toLocaleString('en')}-unit track at once (median of 11)`, 'track'),
      row(`batch write of ${BATCH.toLocaleString('en')} new entries (median of 5)`, 'batch'),
      row('fuzzy match, one character changed (median of 25)', 'fuzzy'),
      row('fuzzy match at 50%, nothing near (median of 25)', 'far'),
      '  ratio = Postgres time ÷ SQLite time: what sharing the memory between machines costs',
    ].join('\n');
  } finally {
    for (const store of stores) await store.close();
    await server.stop();
  }
}
