import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, tsxArgs } from '../helpers/cli.js';

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
const LOADED = pathToFileURL(resolve(import.meta.dirname, '../helpers/loaded-modules.mjs')).href;
const HEAVY = ['deepl-node', 'better-sqlite3', 'pg', 'fast-xml-parser', 'p-limit', 'cli-progress', 'chardet', 'iconv-lite'];

/** The packages under node_modules that running `subloc <argv>` loaded. */
function packagesLoaded(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { packages: string[]; files: string[]; stdout: string } {
  const log = join(cwd, 'loaded.txt');
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', LOADED, ...tsxArgs(MAIN, ...argv)], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: '', LANG: 'C', ...env, SUBLOC_LOADED_LOG: log },
  });
  expect(result.status, result.stderr).toBe(0);
  const files = readFileSync(log, 'utf8').split('\n').filter((f) => f !== '');
  const packages = new Set(files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []));
  return { packages: [...packages].filter((p) => p !== 'tsx' && p !== 'esbuild' && p !== 'get-tsconfig' && p !== 'resolve-pkg-maps'), files, stdout: result.stdout };
}

/** `subloc --help` and a small `convert` start fast because they load only what they use. */
describe('what a command loads', () => {
  it('`subloc --help` loads no translation provider, database, XML parser or progress bar', () => {
    const { packages, stdout } = packagesLoaded(['--help'], tempDir());
    expect(stdout).toMatch(/^usage: subloc /);
    expect(packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('loads no node:async_hooks: on Node 20 an AsyncLocalStorage slows every promise after it, the module loader too', () => {
    const { files } = packagesLoaded(['--lang', 'zh-CN', '--help'], tempDir());
    expect(files).not.toContain('node:async_hooks');
  });

  it('`subloc convert` of a UTF-8 SRT to WebVTT loads none of them either', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'small.srt'), '1\n00:00:01,000 --> 00:00:02,000\n市民热线 <i>hotline</i>\n');
    const { packages, stdout } = packagesLoaded(['convert', 'small.srt', '--to', 'vtt'], dir);
    expect(stdout).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n市民热线 <i>hotline</i>\n');
    expect(packages.filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('`subloc localize` drafting offline never loads DeepL, nor the Postgres driver', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'film.zh-Hans.srt'), '1\n00:00:01,000 --> 00:00:03,000\n市民热线接通了。\n');
    const { packages } = packagesLoaded(['localize', '--input', 'film.zh-Hans.srt', '--target', 'fr-FR', '--provider', 'offline', '--memory', join(dir, 'memory.sqlite')], dir, { DEEPL_AUTH_KEY: '' });
    expect(packages).toContain('better-sqlite3');
    expect(packages.filter((p) => p === 'deepl-node' || p === 'axios' || p === 'pg')).toEqual([]);
  });

  it('a command on an SQLite memory never loads the Postgres driver', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.tmx'), '<tmx version="1.4"><header srclang="zh-Hans"/><body><tu><tuv xml:lang="zh-Hans"><seg>您好</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg></tuv></tu></body></tmx>');
    const { packages } = packagesLoaded(['memory', 'import', 'a.tmx', '--memory', join(dir, 'memory.sqlite')], dir);
    expect(packages).toContain('better-sqlite3');
    expect(packages).not.toContain('pg');
  });

  it('`subloc --help` loads no format adapter and `subloc convert` no other command', () => {
    const dir = tempDir();
    const help = packagesLoaded(['--help'], dir).files.filter((f) => f.includes('/src/'));
    expect(help.filter((f) => /\/src\/formats\/(index\.ts|parse\.ts|serialize\.ts|[^/]+\/)/.test(f))).toEqual([]);
    writeFileSync(join(dir, 'small.srt'), '1\n00:00:01,000 --> 00:00:02,000\nhotline\n');
    const convert = packagesLoaded(['convert', 'small.srt', '--to', 'vtt'], dir).files.filter((f) => f.includes('/src/cli/commands/'));
    expect(convert.map((f) => f.replace(/.*\/commands\//, ''))).toEqual(['convert.ts']);
  });

  it('`subloc convert` of an SRT to WebVTT loads the SRT reader and the WebVTT writer alone: no XML reader, no reader or writer of another format', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'small.srt'), '1\n00:00:01,000 --> 00:00:02,000\nhotline\n');
    const formats = packagesLoaded(['convert', 'small.srt', '--to', 'vtt'], dir)
      .files.filter((f) => f.includes('/src/formats/'))
      .map((f) => f.replace(/.*\/src\/formats\//, ''));
    expect(formats).toContain('srt/read.ts');
    expect(formats).toContain('webvtt/write.ts');
    // Sniffing the content asks every row's detect(): those small modules load, and nothing else of the XML formats.
    const sniffing = /\/(identity|detect|prolog)\.ts$/;
    expect(formats.filter((f) => (/^(ttml|dcp|ebu-tt-d|shared\/xml)\//.test(f) && !sniffing.test(f)) || f === 'srt/write.ts' || f === 'webvtt/read.ts')).toEqual([]);
  });

  it('the Chinese message catalog is read only for a run in Chinese', () => {
    const dir = tempDir();
    const catalog = (files: string[]): boolean => files.some((f) => f.endsWith('locales/zh-CN.json'));
    expect(catalog(packagesLoaded(['--help'], dir).files)).toBe(false);
    const chinese = packagesLoaded(['--help'], dir, { LANG: 'zh_CN.UTF-8', LC_ALL: '' });
    expect(catalog(chinese.files)).toBe(true);
    expect(chinese.stdout).toMatch(/用法/);
  });
});
