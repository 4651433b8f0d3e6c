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
import { postgresBinDir, startPostgres } from '../../tests/helpers/postgres-server.js';
import { median } from './in-turn.js';

const ENTRIES = 10_000;
const BATCH = 1_000;
const LOOKUPS = 2_000;
/** A feature film's sentence units. */
const TRACK = 1_500;
const PAIR = { source: 'zh-Hans', target: 'en-US' };

/** Deterministic Chinese sentences of 12 to 27 characters. */
function sentences(count: number, seed: number): string[] {
  const alphabet = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域';
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => Array.from({ length: 12 + Math.floor(random() * 16) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
}

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
    const fresh = sentences(BATCH, 1000 + run).map((s) => entryOf(`${run}${s}`));
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
  return { exact: median(exact), track: median(track), batch: median(batch), fuzzy: median(fuzzy) };
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
    const source = sentences(ENTRIES, 42);
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
      '  ratio = Postgres time ÷ SQLite time: what sharing the memory between machines costs',
    ].join('\n');
  } finally {
    for (const store of stores) await store.close();
    await server.stop();
  }
}
