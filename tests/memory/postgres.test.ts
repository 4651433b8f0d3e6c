import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SublocError } from '../../src/errors.js';
import { openMemoryStore } from '../../src/memory/open.js';
import { POSTGRES_MIGRATIONS } from '../../src/memory/postgres-schema.js';
import type { MemoryStore } from '../../src/memory/store.js';
import { startProcess, tempDir, tsxArgs, type RunningProcess } from '../helpers/cli.js';
import { seeded } from '../helpers/mutations.js';
import { postgresPerFile } from '../helpers/postgres-fixture.js';
import { entry, PAIR } from './entries.js';

const SCRIPT = join(import.meta.dirname, 'memory-process.ts');
const pg = postgresPerFile();

const open: MemoryStore[] = [];
const running: RunningProcess[] = [];
async function memory(location: string, options: { existing?: boolean } = {}): Promise<MemoryStore> {
  const store = await openMemoryStore(location, options);
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const store of open.splice(0)) await store.close();
});

async function refusal(promise: Promise<unknown>): Promise<SublocError> {
  return promise.then(
    () => expect.fail('expected a refusal'),
    (error: unknown) => error as SublocError,
  );
}

/** The refusal, checked to name the server and database and never to hold the password, in its message or its cause's. */
function withoutPassword(error: SublocError): SublocError {
  expect(error.name).toBe('SublocError');
  const said = `${error.message}\n${(error.cause as Error | undefined)?.message ?? ''}\n${error.file ?? ''}`;
  expect(said).not.toContain(pg.server.password);
  expect(said).not.toContain(encodeURIComponent(pg.server.password));
  return error;
}

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}

describe('a Postgres memory', () => {
  it('is named without its password', async () => {
    const url = await pg.server.createDatabase();
    const m = await memory(url);
    expect(m.location).toBe(url.replace(`:${encodeURIComponent(pg.server.password)}@`, '@'));
    expect(m.location).not.toContain(encodeURIComponent(pg.server.password));
  });

  it('is set up by several processes starting at the same moment on a new database, each step once', async () => {
    const url = await pg.server.createDatabase('race');
    const processes = Array.from({ length: 4 }, () => {
      const p = startProcess(tsxArgs(SCRIPT, 'open', url), import.meta.dirname);
      running.push(p);
      return p;
    });
    // Each has loaded its modules before any connects: the migrations collide.
    await until(() => processes.every((p) => p.stdout.includes('ready')));
    for (const p of processes) p.child.stdin!.write('go\n');
    const results = await Promise.all(processes.map((p) => p.done));
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'ready\nstored\n' });
    expect(await (await memory(url)).entries()).toHaveLength(4);
    const versions = await pg.server.sql('SELECT version FROM subloc_schema ORDER BY version', url.split('/').pop());
    expect(versions.rows).toEqual(POSTGRES_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
  }, 120_000);

  it('finds the same fuzzy matches as SQLite, also where few characters are shared', async () => {
    const sqlite = await memory(join(tempDir('subloc-memory-'), 'memory.sqlite'));
    const postgres = await memory(await pg.server.createDatabase());
    const next = seeded(7);
    const random = (n: number) => Math.floor(next() * n);
    const pieces = ['热线', '市民', '电话', '北京', '胡同', '您好', '服务', '问题', '，', '。', 'Hotline', ' call', '12345', '<i>', '</i>'];
    const sentence = () => Array.from({ length: 2 + random(6) }, () => pieces[random(pieces.length)]).join('');
    const unit = () => (random(4) === 0 ? [sentence(), sentence()] : [sentence()]);
    const entries = Array.from({ length: 600 }, (_, i) => entry({ source: unit(), status: (['draft', 'reviewed', 'approved'] as const)[random(3)]!, updatedAt: new Date(Date.UTC(2026, 0, 1 + (i % 300))).toISOString() }));
    await sqlite.put(entries);
    await postgres.put(entries);
    let found = 0;
    for (let q = 0; q < 150; q++) {
      const query = unit();
      const minScore = [0, 0.3, 0.5, 0.7, 0.9][q % 5]!;
      const [a, b] = await Promise.all([sqlite.fuzzy(query, PAIR, minScore), postgres.fuzzy(query, PAIR, minScore)]);
      expect({ query, minScore, match: b && { source: b.entry.source, score: b.score } }).toEqual({ query, minScore, match: a && { source: a.entry.source, score: a.score } });
      if (a) found++;
    }
    expect(found).toBeGreaterThan(50);
  }, 120_000);

  it('finds fuzzy matches in a memory written before change numbers, and what is written to it since', async () => {
    const url = await pg.server.createDatabase();
    const database = url.split('/').pop();
    const before = await memory(url);
    await before.put([entry({ source: ['每天超过六万个来电打进市民服务热线。'] })]);
    await before.close();
    // The memory as the first schema left it: no change numbers.
    await pg.server.sql('ALTER TABLE subloc_entry DROP COLUMN change, DROP COLUMN filled_by; DROP TABLE subloc_pair_change; DROP TABLE subloc_in_flight; DELETE FROM subloc_schema WHERE version > 1', database);
    const after = await memory(url);
    expect((await after.fuzzy(['每天超过七万个来电打进市民服务热线。'], PAIR, 0.8))?.entry.source).toEqual(['每天超过六万个来电打进市民服务热线。']);
    const other = await memory(url);
    await other.put([entry({ source: ['每天超过七万个来电打进市民服务热线。'] })]);
    expect(await after.fuzzy(['每天超过七万个来电打进市民服务热线。'], PAIR, 0.8)).toMatchObject({ score: 1, entry: { source: ['每天超过七万个来电打进市民服务热线。'] } });
  });

  it('keeps what runs have on their way to DeepL, each run seeing only the others\' records that have not run out', async () => {
    const url = await pg.server.createDatabase();
    const a = await memory(url);
    const b = await memory(url);
    const keys = ['k1', 'k2', 'k3'];
    await a.inFlight!.record(['k1', 'k2', 'k2'], { id: 'run a', purpose: 'subloc localize a' }, 60_000);
    // Run out at once: as if recorded by a run that died a while ago.
    await a.inFlight!.record(['k3'], { id: 'run a', purpose: 'subloc localize a' }, 0);
    const seen = await b.inFlight!.others(keys, 'run b');
    expect(seen.map((s) => s?.purpose)).toEqual(['subloc localize a', 'subloc localize a', undefined]);
    expect(Date.parse(seen[0]!.until)).toBeGreaterThan(Date.now());
    expect(await a.inFlight!.others(keys, 'run a')).toEqual([undefined, undefined, undefined]);
    // Another run's records are not cleared by it; those run out are, by whoever clears.
    await b.inFlight!.clear(keys, 'run b');
    expect((await b.inFlight!.others(keys, 'run b')).map((s) => s?.purpose)).toEqual(['subloc localize a', 'subloc localize a', undefined]);
    await a.inFlight!.clear(['k1'], 'run a');
    expect((await b.inFlight!.others(keys, 'run b')).map((s) => s?.purpose)).toEqual([undefined, 'subloc localize a', undefined]);
    expect((await pg.server.sql('SELECT unit_key FROM subloc_in_flight', url.split('/').pop())).rows).toEqual([{ unit_key: 'k2' }]);
  });

  it('refuses a record once the session of the run lock it names has ended, though its holder has not heard yet', async () => {
    const url = await pg.server.createDatabase();
    const a = await memory(url);
    const lock = await a.lockRuns({ purpose: 'subloc localize a' });
    expect(lock.session).toMatchObject({ pid: expect.any(Number) });
    await a.inFlight!.record(['k1'], { id: 'run a', purpose: 'subloc localize a', session: lock.session }, 60_000);
    // The server ends the lock's session (a cut the holder has not noticed): another run may take the lock at once.
    await pg.server.sql(`SELECT pg_terminate_backend(${lock.session!.pid})`, url.split('/').pop());
    await expect(a.inFlight!.record(['k2'], { id: 'run a', purpose: 'subloc localize a', session: lock.session }, 60_000)).rejects.toMatchObject({ code: 'MEMORY_LOCK_LOST' });
    expect((await pg.server.sql('SELECT unit_key FROM subloc_in_flight ORDER BY unit_key', url.split('/').pop())).rows).toEqual([{ unit_key: 'k1' }]);
    lock.release();
  });

  it('matches Chinese fuzzily in a database whose character type is C, where pg_trgm sees no Chinese words', async () => {
    const name = `c_locale_${process.pid}`;
    await pg.server.sql(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    const m = await memory(pg.server.url(name));
    await m.put([entry({ source: ['每天超过六万个来电打进市民服务热线。'] }), entry({ source: ['这座城市有两千多万人口。'] })]);
    expect((await m.fuzzy(['每天超过七万个来电打进市民服务热线。'], PAIR, 0.8))?.entry.source).toEqual(['每天超过六万个来电打进市民服务热线。']);
  });

  it('refuses a database whose encoding is not UTF-8, saying how to make one that is', async () => {
    const name = `latin_${process.pid}`;
    await pg.server.sql(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'`);
    const error = withoutPassword(await refusal(memory(pg.server.url(name))));
    expect(error.code).toBe('MEMORY_UNREADABLE');
    expect(error.message).toContain(`has the encoding SQL_ASCII; expected UTF8, which every subtitle's text fits: create the memory's database with \`createdb -E UTF8 -T template0 ${name}\``);
  });

  it('is refused by readers when the database holds no memory, and when it was made by a newer subloc', async () => {
    const url = await pg.server.createDatabase();
    const error = withoutPassword(await refusal(memory(url, { existing: true })));
    expect(error.code).toBe('MEMORY_NOT_FOUND');
    expect(error.message).toMatch(/^no translation memory in the Postgres database `memory_\d+_\d+` at 127\.0\.0\.1:\d+ \(postgres:\/\/subloc@127\.0\.0\.1:\d+\/memory_\d+_\d+\); expected one made by `subloc localize`/);
    // The reader made nothing.
    expect((await pg.server.sql("SELECT to_regclass('subloc_entry') AS t", url.split('/').pop())).rows).toEqual([{ t: null }]);

    await (await memory(url)).close();
    await pg.server.sql(`INSERT INTO subloc_schema (version) VALUES (${POSTGRES_MIGRATIONS.length + 5})`, url.split('/').pop());
    const newer = withoutPassword(await refusal(memory(url)));
    expect(newer.code).toBe('MEMORY_UNREADABLE');
    expect(newer.message).toContain(`newer subloc (memory schema version ${POSTGRES_MIGRATIONS.length + 5}); expected version ${POSTGRES_MIGRATIONS.length} or lower`);
  });

  it('says what to check when nothing listens, the login fails or the database is missing, never showing the password', async () => {
    const wrongPort = pg.server.url('memory').replace(`:${pg.server.port}/`, ':1/');
    const refused = withoutPassword(await refusal(memory(wrongPort)));
    expect(refused.code).toBe('MEMORY_UNREACHABLE');
    expect(refused.message).toContain('nothing listens at 127.0.0.1:1 (connection refused); expected a running Postgres server there');
    expect(refused.message).toContain('pg_isready -h 127.0.0.1 -p 1');

    const badLogin = `postgres://subloc:wrong-${encodeURIComponent(pg.server.password)}@127.0.0.1:${pg.server.port}/postgres`;
    const login = await refusal(memory(badLogin));
    expect(login.code).toBe('MEMORY_UNREADABLE');
    expect(login.message).toMatch(/refused the login of user `subloc` to database `postgres` \(password authentication failed for user "subloc"\); check the user name and password in the URL \(the password is never shown\)/);
    expect(`${login.message}${(login.cause as Error).message}`).not.toContain(`wrong-${pg.server.password}`);
    expect(login.message).not.toContain('wrong-');

    const missing = withoutPassword(await refusal(memory(pg.server.url('no_such_memory'))));
    expect(missing.code).toBe('MEMORY_UNREADABLE');
    expect(missing.message).toContain(`the database \`no_such_memory\` does not exist on 127.0.0.1:${pg.server.port}; create it first (\`createdb -h 127.0.0.1 -p ${pg.server.port} -U subloc no_such_memory\``);
    expect((await refusal(memory(pg.server.url('no_such_memory'), { existing: true }))).code).toBe('MEMORY_NOT_FOUND');
  });

  it('refuses a URL it cannot read, saying the form it expects, without the password', async () => {
    const error = await refusal(memory('postgres://subloc:sec ret@127.0.0.1:not-a-port/memory'));
    expect(error.code).toBe('MEMORY_UNREADABLE');
    expect(error.message).toBe(
      '`postgres://subloc@127.0.0.1:not-a-port/memory` is not a Postgres URL subloc can read (Invalid URL); expected postgres://<user>[:<password>]@<host>[:<port>]/<database>, with a space, @, :, / or % in the user or password percent-encoded (%20, %40, %3A, %2F, %25)',
    );
  });

  it('is set up by a role that may create tables but not extensions', async () => {
    const url = await pg.server.createDatabase();
    const database = url.split('/').pop()!;
    // May create tables (PostgreSQL 15 no longer lets every role), not extensions: the database is not its own.
    await pg.server.sql(`CREATE ROLE translator LOGIN PASSWORD 'trans-pass'; GRANT CREATE ON SCHEMA public TO translator`, database);
    const m = await memory(`postgres://translator:trans-pass@127.0.0.1:${pg.server.port}/${database}`);
    await m.put([entry()]);
    expect(await m.exact(entry().source, PAIR, 'g1')).toEqual(entry());
    expect((await pg.server.sql(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`, database)).rows).toEqual([]);
  });

  it('drops the trigram index a memory set up by the first schema step keeps, where its role owns it', async () => {
    const url = await pg.server.createDatabase();
    const database = url.split('/').pop()!;
    await (await memory(url)).close();
    // The memory as the first schema step left it before it stopped creating the index.
    await pg.server.sql(
      `CREATE EXTENSION pg_trgm; CREATE INDEX subloc_entry_trigrams ON subloc_entry USING gin (source_plain gin_trgm_ops); ALTER TABLE subloc_entry DROP COLUMN filled_by; DELETE FROM subloc_schema WHERE version >= 4`,
      database,
    );
    const m = await memory(url);
    await m.put([entry()]);
    expect((await pg.server.sql(`SELECT indexname FROM pg_indexes WHERE indexname = 'subloc_entry_trigrams'`, database)).rows).toEqual([]);
    expect((await pg.server.sql('SELECT max(version) AS v FROM subloc_schema', database)).rows).toEqual([{ v: POSTGRES_MIGRATIONS.length }]);
  });
});
