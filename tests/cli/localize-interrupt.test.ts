import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, startCli, tempDir, type RunningProcess } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const KEY = 'interrupt-key:fx';

describe('Ctrl-C while DeepL drafts', () => {
  const servers: FakeDeepL[] = [];
  const running: RunningProcess[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  const args = (dir: string) => ['localize', '--input', sample, '--target', 'fr-FR', '--formats', 'srt', '--out', join(dir, 'out'), '--memory', join(dir, 'memory.sqlite'), '--concurrency', '1', '--no-condense'];

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s stores the answer on its way, asks nothing more, exits 130; the next run bills only the rest, nothing twice', async (signal) => {
    // What drafting the whole track costs, in one run.
    const whole = await start({ authKey: KEY });
    servers.push(whole);
    const reference = tempDir('subloc-interrupt-');
    expect((await cli(args(reference), reference, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: whole.url })).code).toBe(0);

    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const deepl = await start({
      authKey: KEY,
      hold: (_method, path) => {
        if (path !== '/v2/translate' || held) return undefined;
        held = true;
        arrived();
        return released;
      },
    });
    servers.push(deepl);
    const dir = tempDir('subloc-interrupt-');
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    const run = startCli(args(dir), dir, env);
    running.push(run);
    await firstArrived;
    run.child.kill(signal);
    // The answer leaves DeepL after the Ctrl-C: billed, so it must reach the memory.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('stopping: the answers DeepL is sending now are stored in the memory first');
    expect(stopped.stderr).toContain('stopped (Ctrl-C, or SIGTERM)');
    expect(deepl.state.translateRequests).toBe(1);
    const billedBefore = deepl.state.billedCharacters;
    expect(billedBefore).toBeGreaterThan(0);

    const resumed = await cli(args(dir), dir, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(deepl.state.billedCharacters).toBe(whole.state.billedCharacters);
  }, 60_000);

  it('with DeepL answering nothing, sends no attempt after the Ctrl-C and exits 130, saying what failed meanwhile', async () => {
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    // Every request held past the attempt's timeout: the glossary sync's and the translations'.
    const never = new Promise<void>(() => {});
    const deepl = await start({
      authKey: KEY,
      hold: () => {
        arrived();
        return never;
      },
    });
    servers.push(deepl);
    const dir = tempDir('subloc-interrupt-');
    const run = startCli([...args(dir), '--glossary', join(root, 'glossary.json')], dir, { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url });
    running.push(run);
    await firstArrived;
    await new Promise((resolve) => setTimeout(resolve, 200));
    run.child.kill('SIGINT');
    const sentBefore = deepl.state.requests.length;
    const stopped = await run.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('stopped (Ctrl-C, or SIGTERM)');
    expect(stopped.stderr).toContain('a request on its way got no answer, and was not tried again');
    expect(stopped.stderr).not.toContain('lower concurrency');
    // deepl-node tries each attempt once; subloc made none after the Ctrl-C.
    expect(deepl.state.requests.length).toBe(sentBefore);
  }, 60_000);
});
