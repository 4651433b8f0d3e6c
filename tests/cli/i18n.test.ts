import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp } from '../../src/cli/help.js';
import { pickLanguage, t, withLanguage } from '../../src/cli/i18n.js';
import { commandNames } from '../../src/cli/run.js';
import { styleFor } from '../../src/cli/style.js';
import { cli, tempDir } from '../helpers/cli.js';

const CLI = resolve(process.cwd(), 'src/cli');
type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const catalog = (language: string) => flatten(JSON.parse(readFileSync(join(CLI, 'locales', `${language}.json`), 'utf8')) as Catalog);
const en = catalog('en');
const zh = catalog('zh-CN');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
const commandKeys = commandNames.flatMap((name) => [`${name}.summary`, `${name}.usage`]);
const used = new Set([...sources(CLI).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!)), ...commandKeys]);
const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have every key the CLI uses, in both languages', () => {
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
    expect([...used].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('have a summary and a usage for every command, under its name', () => {
    expect(commandNames.length).toBeGreaterThan(5);
    expect(commandKeys.filter((k) => !en.has(k))).toEqual([]);
    expect(commandKeys.filter((k) => !zh.has(k))).toEqual([]);
  });

  it('have the same keys, none unused and none empty', () => {
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !used.has(k))).toEqual([]);
    for (const c of [en, zh]) expect([...c].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('use the same interpolation variables in both languages', () => {
    expect([...en].filter(([k, v]) => variables(v).join() !== variables(zh.get(k) ?? '').join()).map(([k]) => k)).toEqual([]);
  });
  it('are what `npm run i18n:extract` (i18next-parser) would write', () => {
    const dir = tempDir();
    for (const language of ['en', 'zh-CN']) copyFileSync(join(CLI, 'locales', `${language}.json`), join(dir, `${language}.json`));
    const extract = spawnSync(process.execPath, [resolve('node_modules/i18next-parser/bin/cli.js'), '--silent', '--fail-on-update', '--output', join(dir, '$LOCALE.json')], { encoding: 'utf8' });
    expect(extract.status, `${extract.stdout}${extract.stderr}`).toBe(0);
  });
});

describe('messages', () => {
  it('fill each {{variable}} once, keep one without a value, and fall back to the key', async () => {
    expect(t('usage.badLang', { value: 'fr', expected: 'en, zh-CN' })).toBe('--lang `fr` is not supported; expected one of en, zh-CN');
    // A value that looks like a variable is text, not a template: a file may be named `{{expected}}.srt`.
    expect(t('usage.badLang', { value: '{{expected}}', expected: 'en' })).toBe('--lang `{{expected}}` is not supported; expected one of en');
    expect(t('usage.badLang', { value: 'fr' })).toBe('--lang `fr` is not supported; expected one of {{expected}}');
    expect(t('no.such.key')).toBe('no.such.key');
    expect(t('usage')).toBe('usage');
    expect(await withLanguage('zh-CN', () => Promise.resolve(t('help.options')))).toBe(zh.get('help.options'));
  });
});

describe('language choice', () => {
  it('takes --lang, else LC_ALL, LC_MESSAGES, LANG', () => {
    expect(pickLanguage('zh-CN', { LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(pickLanguage(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(pickLanguage(undefined, { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(pickLanguage(undefined, { LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'de_DE.UTF-8' })).toBe('zh-CN');
    expect(pickLanguage(undefined, { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(pickLanguage(undefined, {})).toBe('en');
  });

  it('speaks Chinese with --lang zh-CN or a Chinese locale, English otherwise', async () => {
    const dir = tempDir();
    expect((await cli(['qc', 'x.srt'], dir)).stderr).toContain('cannot tell the language of x.srt; pass --language');
    expect((await cli(['qc', 'x.srt', '--lang', 'zh-CN'], dir)).stderr).toContain('无法判断 x.srt 的语言');
    expect((await cli(['--lang', 'zh-CN', 'qc', '--help'], dir)).stdout).toContain('选项：');
    expect((await cli(['qc', '--help'], dir, { LANG: 'zh_CN.UTF-8' })).stdout).toContain('全局选项：');
    const bad = await cli(['--lang', 'fr', 'qc'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang `fr` is not supported; expected one of en, zh-CN');
  });

  it('holds the language of a run through its awaits, lets runs in one language overlap, and refuses a second language meanwhile', async () => {
    const later = () => new Promise<void>((done) => setTimeout(done, 5));
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    const first = withLanguage('zh-CN', async () => {
      await held;
      return t('help.options');
    });
    const second = withLanguage('zh-CN', async () => {
      await later();
      return t('help.options');
    });
    await expect(withLanguage('en', () => Promise.resolve(t('help.options')))).rejects.toThrow('the CLI is running in zh-CN in this process; it cannot run in en at the same time');
    expect(await second).toBe(zh.get('help.options'));
    release();
    expect(await first).toBe(zh.get('help.options'));
    expect(t('help.options')).toBe(en.get('help.options'));
    expect(await withLanguage('en', () => Promise.resolve(t('help.options')))).toBe(en.get('help.options'));
  });
});

describe('help and wrong command lines', () => {
  it("opens a command's help with the summary and usage named after it", async () => {
    const help = (language: 'en' | 'zh-CN') => withLanguage(language, () => Promise.resolve(commandHelp({ name: 'qc', options: {}, run: () => Promise.resolve(0) })));
    for (const [language, catalog] of [['en', en], ['zh-CN', zh]] as const) {
      const [summary, usage] = (await help(language)).split('\n');
      expect(summary).toBe(catalog.get('qc.summary'));
      expect(usage).toContain(catalog.get('qc.usage'));
    }
  });

  it('lists every option with its description and default', async () => {
    const r = await cli(['localize', '--help'], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--concurrency <n> +DeepL requests in flight \(default: 4\)/);
    for (const option of ['config', 'input', 'target', 'provider', 'dry-run', 'json', 'lang', 'quiet']) expect(r.stdout).toContain(`--${option}`);
    const all = await cli(['--help'], tempDir());
    for (const option of ['--strict', '--allow-qc-errors', '--reviewer', '--status', '--source-language']) expect(all.stdout).toContain(option);
  });

  it('suggests the nearest option and command, exit 2', async () => {
    const option = await cli(['localize', '--concurrancy', '3'], tempDir());
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('unknown option --concurrancy; did you mean --concurrency?');
    const command = await cli(['locallize'], tempDir());
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command `locallize`; did you mean localize?');
    expect((await cli(['frobnicate'], tempDir())).stderr).toContain('expected one of catalog, convert, deliver');
    expect((await cli(['convert', 'x.srt', '--to'], tempDir())).stderr).toContain('--to expects a value <format>');
  });
});

describe('colours and --quiet', () => {
  const io = (interactive: boolean, env: Record<string, string> = {}) => ({ interactive, env });
  it('colours only a terminal without NO_COLOR', () => {
    expect(styleFor(io(false)).red('error')).toBe('error');
    expect(styleFor(io(true, { NO_COLOR: '1' })).red('error')).toBe('error');
    expect(styleFor(io(true, { NO_COLOR: '' })).red('error')).toBe('\x1b[31merror\x1b[39m');
    expect(styleFor(io(true)).yellow('warning')).toBe('\x1b[33mwarning\x1b[39m');
  });

  it('drops summary lines and warnings under --quiet, keeps the output', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'sloppy.srt'), '00:00:01.000 --> 00:00:02.000\nNo index, dots\n');
    const loud = await cli(['convert', 'sloppy.srt', '--to', 'vtt'], dir);
    expect(loud.stderr).toMatch(/warning/);
    const quiet = await cli(['--quiet', 'convert', 'sloppy.srt', '--to', 'vtt'], dir);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(loud.stdout);
    const stats = await cli(['memory', 'stats', '--memory', 'none.sqlite', '-q'], dir);
    expect(stats.stdout).toContain('no translation memory yet');
  });
});
