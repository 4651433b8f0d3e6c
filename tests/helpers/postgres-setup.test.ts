import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/test-servers/postgres.sh');

/** Runs the script, as `nobody` when we are root: the branch of a developer without root. */
function setup(env: NodeJS.ProcessEnv, asUser: boolean) {
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const [bin, ...args] = asUser && process.getuid?.() === 0 ? ['/usr/sbin/runuser', '-u', 'nobody', '--', '/usr/bin/env', ...vars, '/bin/bash', SCRIPT] : ['/usr/bin/env', ...vars, '/bin/bash', SCRIPT];
  return spawnSync(bin!, args, { encoding: 'utf8' });
}

describe('scripts/test-servers/postgres.sh', () => {
  it('does nothing when a PostgreSQL server is installed', () => {
    const r = setup({}, false);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('prints the one command to run, and fails, when none is and it may not install one', () => {
    // No server where Debian puts it, and no pg_config on PATH.
    const r = setup({ SUBLOC_POSTGRES_LIB_DIR: tempDir('subloc-no-pg-'), PATH: '/nonexistent' }, true);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the tests start their own PostgreSQL server, which is not installed; run\n  sudo apt-get install -y --no-install-recommends postgresql\n');
  });
});
