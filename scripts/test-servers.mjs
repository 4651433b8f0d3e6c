#!/usr/bin/env node
/**
 * The servers the tests start for themselves (on loopback ports, with
 * temporary data folders) must be installed: `npm test` runs this first.
 * A missing one is installed with apt-get when we are root on Debian;
 * otherwise the one command to run is printed and the tests do not start.
 * Nothing is started here and no system service is touched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Each server binary the tests start, and the Debian package that brings it. */
const SERVERS = [{ binary: 'redis-server', debianPackage: 'redis-server' }];

const onPath = (binary) => spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;

const missing = SERVERS.filter((s) => !onPath(s.binary));
if (missing.length === 0) process.exit(0);

const packages = missing.map((s) => s.debianPackage);
const names = missing.map((s) => s.binary).join(', ');
const debian = existsSync('/etc/debian_version');
const root = process.getuid?.() === 0;
if (!debian || !root) {
  const command = debian ? `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}` : `install ${names} (Redis >= 6.2) with this system's package manager`;
  process.stderr.write(`npm test: the tests start their own ${names}, which is not installed; run\n  ${command}\nthen npm test again\n`);
  process.exit(1);
}
process.stderr.write(`npm test: installing ${packages.join(', ')} for the tests (apt-get; no service is started)\n`);
const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1;
const status = apt(['update']) || apt(['install', '-y', '--no-install-recommends', ...packages]);
const still = missing.filter((s) => !onPath(s.binary)).map((s) => s.binary);
if (status !== 0 || still.length > 0) {
  process.stderr.write(`npm test: apt-get could not install ${still.join(', ') || names} (exit ${status}); install it by hand, then npm test again\n`);
  process.exit(1);
}
