import { createServer as createTcpServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresPerFile } from '../helpers/postgres-fixture.js';
import { allDone, billedTexts, catalogCli, startCatalog, startWorker, stopCatalog, until, writeFilm, type Catalog } from './catalog-fixture.js';

const pg = postgresPerFile();

let catalog: Catalog | undefined;
let proxy: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  await stopCatalog(catalog);
  catalog = undefined;
  for (const s of sockets) s.destroy();
  await new Promise((r) => (proxy === undefined ? r(undefined) : proxy.close(r)));
  proxy = undefined;
});

/** A loopback port nobody listens on yet. */
async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

/** The memory's server reached through `port`, as a machine reaches it once the network or the server is back. */
async function forward(port: number, to: number): Promise<Server> {
  const server = createTcpServer((client) => {
    const upstream = connect(to, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return server;
}

describe('catalog workers on a Postgres memory that is out of reach a while (real redis-server, PostgreSQL, loopback DeepL)', () => {
  it('a job that finds the memory unreachable is tried again, not failed for good, and is done once the server is back, billed once', async () => {
    catalog = await startCatalog();
    const database = (await pg.server.createDatabase()).split('/').pop()!;
    const port = await freePort();
    const url = pg.server.url(database).replace(`:${pg.server.port}/`, `:${port}/`);
    catalog.env['SUBLOC_MEMORY'] = url;
    const config = writeFilm(catalog, 1, { cues: 3, targets: ['de-DE'] });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    const worker = startWorker(catalog);

    while (!worker.stderr.includes('film-1 de-DE failed')) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(worker.stderr).toContain(`film-1 de-DE failed, to be tried again: cannot use the Postgres database \`${database}\` at 127.0.0.1:${port}`);
    expect(worker.stderr).toContain(`nothing listens at 127.0.0.1:${port}`);
    expect(worker.stderr).not.toContain(pg.server.password);
    expect(worker.stderr).not.toContain(encodeURIComponent(pg.server.password));

    // The server is back before BullMQ's backoff (10 s) tries the job again.
    proxy = await forward(port, pg.server.port);
    const done = await until(catalog, allDone(1));
    expect(done.tracks[0]!.billedCharacters).toBe(catalog.deepl.state.billedCharacters);
    expect([...billedTexts(catalog.deepl).values()]).toEqual([1, 1, 1]);
    expect(worker.stderr).not.toContain('film-1 de-DE failed:');
  }, 120_000);

  it('a job failed for good after its three attempts and enqueued again gets three attempts again, not one', async () => {
    catalog = await startCatalog();
    const database = (await pg.server.createDatabase()).split('/').pop()!;
    const port = await freePort();
    catalog.env['SUBLOC_MEMORY'] = pg.server.url(database).replace(`:${pg.server.port}/`, `:${port}/`);
    const config = writeFilm(catalog, 1, { cues: 2, targets: ['de-DE'] });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    const worker = startWorker(catalog);
    // Out of reach past BullMQ's backoff (10 s, then 20 s): failed for good.
    await until(catalog, (s) => s.tracks[0]?.state === 'failed');
    expect(worker.stderr.split('\n').filter((l) => l.includes('film-1 de-DE failed'))).toHaveLength(3);

    const again = await catalogCli(catalog, ['enqueue', config]);
    expect(again.stderr).toContain('its failed languages are tried again (de-DE)');
    while (worker.stderr.split('\n').filter((l) => l.includes('film-1 de-DE failed')).length < 4) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(worker.stderr.split('\n').at(-2)).toContain('film-1 de-DE failed, to be tried again: cannot use the Postgres database');
    proxy = await forward(port, pg.server.port);
    await until(catalog, allDone(1));
  }, 150_000);
});
