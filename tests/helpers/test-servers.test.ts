import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/test-servers.mjs');

/** Runs the script, as `nobody` when we are root: the branch of a developer without root. */
function setup(env: NodeJS.ProcessEnv, asUser: boolean) {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const command = ['/usr/bin/env', ...vars, process.execPath, SCRIPT];
  const [bin, ...args] = asUser && process.getuid?.() === 0 ? ['/usr/sbin/runuser', '-u', 'nobody', '--', ...command] : command;
  return spawnSync(bin!, args, { encoding: 'utf8' });
}

describe('scripts/test-servers.mjs (the first step of npm test)', () => {
  it('does nothing when the servers the tests start are installed', () => {
    const r = setup({}, false);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('prints the one command to run, and fails, when none is and it may not install them', () => {
    // No server where Debian puts PostgreSQL, and nothing on PATH (no redis-server, no pg_config).
    const empty = tempDir('subloc-no-servers-');
    chmodSync(empty, 0o755);
    const r = setup({ SUBLOC_POSTGRES_LIB_DIR: empty, PATH: '/nonexistent' }, true);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the tests start their own redis-server and PostgreSQL server, which are not installed; run\n  sudo apt-get install -y --no-install-recommends redis-server postgresql\n');
  });
});
