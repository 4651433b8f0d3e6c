/**
 * A real Postgres server for tests and the benchmark: initdb into a
 * temporary folder, `postgres` on 127.0.0.1 and a free port, stopped and
 * deleted by `stop()` (and killed when the process exits). One server per
 * test file; `createDatabase()` gives each test a fresh database.
 *
 * Clients log in over TCP with a password (scram-sha-256), so every URL a
 * test hands to subloc carries one: the tests can check it never shows. The
 * password has characters a URL must percent-encode.
 *
 * Postgres refuses to run as root: as root the server runs as the `postgres`
 * user (Debian's package creates it), otherwise as the current user. With no
 * server binary found, starting fails and says what installs one: the tests
 * never skip silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const POSTGRES_SETUP = 'node scripts/test-servers.mjs';

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** `postgres://subloc:<password>@127.0.0.1:<port>/<database>`, the password percent-encoded. */
  url(database: string): string;
  /** A new empty database (UTF-8); its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Runs SQL as the superuser in `database` (default `postgres`). */
  sql(text: string, database?: string): Promise<pg.QueryResult>;
  /** Stops the server as `pg_ctl restart -m fast` does (every session ended, the data kept) and starts it again on its port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder of `initdb` and `postgres`: the newest of Debian's, else the one `pg_config` names. */
export function postgresBinDir(): string {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest !== undefined) return join(debian, newest, 'bin');
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = config.status === 0 ? config.stdout.trim() : '';
  if (dir !== '' && existsSync(join(dir, 'postgres'))) return dir;
  throw new Error(`no Postgres server binary found (looked in ${debian}/*/bin and \`pg_config --bindir\`); expected PostgreSQL 13 or newer: run \`${POSTGRES_SETUP}\``);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** uid and gid to run the server as: `postgres` when we are root, else ourselves. */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error(`running as root and no \`postgres\` user to run the server as; expected the one Debian's postgresql package creates: run \`${POSTGRES_SETUP}\``);
  return { uid, gid: id('-g') };
}

function run(bin: string, args: string[], as: { uid: number; gid: number } | undefined): void {
  const result = spawnSync(bin, args, { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', LC_ALL: 'C.UTF-8' }, ...as });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
}

async function untilReady(child: ChildProcess, log: () => string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Postgres did not start within 60 s:\n${log()}`)), 60_000);
    const check = () => {
      if (log().includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Postgres exited (${code}) before accepting connections:\n${log()}`));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const as = serverIdentity();
  const dir = mkdtempSync(join(tmpdir(), 'subloc-pg-'));
  const data = join(dir, 'data');
  const user = 'subloc';
  const password = `pw:${randomBytes(6).toString('hex')}/@?`;
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, `${password}\n`);
  if (as) {
    chownSync(dir, as.uid, as.gid);
    chownSync(pwfile, as.uid, as.gid);
  }
  run(join(bin, 'initdb'), ['-D', data, '-U', user, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], as);

  let port = 0;
  let child: ChildProcess | undefined;
  let output = '';
  const launch = async (): Promise<ChildProcess> => {
    output = '';
    const started = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env['PATH'] ?? '', LC_ALL: 'C.UTF-8' }, ...as },
    );
    started.stderr!.setEncoding('utf8').on('data', (t: string) => (output += t));
    try {
      await untilReady(started, () => output);
      return started;
    } catch (error) {
      started.kill('SIGKILL');
      throw error;
    }
  };
  // Another process may take the free port before the server binds it: try another.
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch();
    } catch (error) {
      if (attempt >= 3 || !output.includes('could not bind')) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  let server = child;
  const killAtExit = () => server.kill('SIGQUIT');
  process.once('exit', killAtExit);
  /** SIGINT: fast shutdown, open sessions are ended. */
  const shutDown = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  };

  const host = '127.0.0.1';
  const url = (database: string) => `postgres://${user}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
  let databases = 0;
  const sql = async (text: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  return {
    host,
    port,
    user,
    password,
    url,
    sql,
    async createDatabase(prefix = 'memory') {
      const name = `${prefix}_${process.pid}_${++databases}`;
      await sql(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      return url(name);
    },
    async restart() {
      await shutDown();
      server = await launch();
    },
    async stop() {
      process.off('exit', killAtExit);
      await shutDown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
