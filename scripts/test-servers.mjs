#!/usr/bin/env node
/**
 * The servers the tests start for themselves (on loopback ports, with
 * temporary data folders) must be installed: `npm test` runs this first.
 * A missing one is installed with apt-get when we are root on Debian;
 * otherwise the one command to run is printed and the tests do not start.
 * Nothing is started here and no system service is touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const onPath = (binary) => spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;

/** Debian puts each major version's server in its own folder, off PATH; elsewhere pg_config names it. */
function postgresInstalled() {
  const lib = process.env.SUBLOC_POSTGRES_LIB_DIR ?? '/usr/lib/postgresql';
  const versions = existsSync(lib) ? readdirSync(lib) : [];
  if (versions.some((v) => existsSync(join(lib, v, 'bin', 'postgres')))) return true;
  const bindir = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return bindir.status === 0 && existsSync(join(bindir.stdout.trim(), 'postgres'));
}

/** Each server the tests start, how to tell it is installed, and the Debian package that brings it. */
const SERVERS = [
  { name: 'redis-server', installed: () => onPath('redis-server'), debianPackage: 'redis-server', elsewhere: 'Redis >= 6.2' },
  { name: 'PostgreSQL server', installed: postgresInstalled, debianPackage: 'postgresql', elsewhere: 'PostgreSQL >= 13 with pg_trgm' },
];

const missing = SERVERS.filter((s) => !s.installed());
if (missing.length === 0) process.exit(0);

const packages = missing.map((s) => s.debianPackage);
const names = missing.map((s) => s.name).join(' and ');
const debian = existsSync('/etc/debian_version');
const root = process.getuid?.() === 0;
if (!debian || !root) {
  const command = debian ? `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}` : `install ${missing.map((s) => s.elsewhere).join(' and ')} with this system's package manager`;
  process.stderr.write(`npm test: the tests start their own ${names}, which ${missing.length === 1 ? 'is' : 'are'} not installed; run\n  ${command}\nthen npm test again\n`);
  process.exit(1);
}
process.stderr.write(`npm test: installing ${packages.join(', ')} for the tests (apt-get; no service is started)\n`);
const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1;
const status = apt(['update']) || apt(['install', '-y', '--no-install-recommends', ...packages]);
const still = missing.filter((s) => !s.installed()).map((s) => s.name);
if (status !== 0 || still.length > 0) {
  process.stderr.write(`npm test: apt-get could not install ${still.join(' and ') || names} (exit ${status}); install it by hand, then npm test again\n`);
  process.exit(1);
}
