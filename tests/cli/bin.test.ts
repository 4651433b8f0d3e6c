import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir.js';

const root = resolve(import.meta.dirname, '../..');

/** What a new user runs after `npm ci`: the build `prepare` does, then `npx subloc`. */
describe('the subloc executable', () => {
  it('is built executable and answers through npx', () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(statSync(resolve(root, 'dist/cli/main.js')).mode & 0o111).not.toBe(0);
    const help = spawnSync('npx', ['--no-install', 'subloc', '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: subloc /);
    // Data the build must carry beside the code: the named character references, read when a file first has one.
    const input = resolve(tempDir(), 'named-references.vtt');
    writeFileSync(input, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCaf&eacute; &frac12;\n');
    const convert = spawnSync('npx', ['--no-install', 'subloc', 'convert', input, '--to', 'srt'], { cwd: root, encoding: 'utf8' });
    expect(convert.status, convert.stderr).toBe(0);
    expect(convert.stdout).toContain('Café ½');
  }, 120_000);
});
