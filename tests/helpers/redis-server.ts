/**
 * A real Debian `redis-server` for tests, on 127.0.0.1 and a free port, with
 * a temporary data folder, no persistence and BullMQ's required
 * `maxmemory-policy noeviction`; stopped (and its folder removed) by `stop()`.
 * `npm test` installs the binary first when it is missing (scripts/test-servers.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A port nobody listens on now: the kernel's pick for port 0, released for redis to take (redis needs an explicit port). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was given');
  return address.port;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

/** `port`: the port of a server stopped before, to bring it back where its clients look; by default a free one. */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'subloc-redis-'));
  const port = options.port ?? (await freePort());
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (output += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (output += t));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start redis-server (${error.message}); run \`npm test\`, which installs it, or apt-get install redis-server`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it listened on ${port}:\n${output}`)));
  });
  failed.catch(() => {});
  const stop = async () => {
    child.kill('SIGKILL');
    await exited(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; !(await Promise.race([accepts(port), failed])); i++) {
      if (i > 200) throw new Error(`redis-server did not listen on ${port} within 10 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
