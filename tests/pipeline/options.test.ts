import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');

/** A folder with a config naming `title`, and the options resolved from it (or the error). */
async function withTitle(title: unknown): Promise<{ dir: string; config: string; error: unknown }> {
  const dir = tempDir();
  const config = join(dir, 'subloc.config.json');
  writeFileSync(config, JSON.stringify({ title, input: sample, targets: ['fr-FR'] }));
  const error = await resolveLocalizeOptions({ config }, dir, {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { dir, config, error };
}

describe('the title is one file name', () => {
  it.each(['../../../escaped', 'a/b', 'a\\b', '..', '.', 'tab\there', 'nul\u0000byte', 'line\nbreak'])('refuses %j in the config, naming the file and the field', async (title) => {
    const { config, error } = await withTitle(title);
    expect(error).toMatchObject({ name: 'SublocError', code: 'CONFIG_INVALID', file: config });
    expect((error as Error).message).toContain(config);
    expect((error as Error).message).toContain('`title`');
    expect((error as Error).message).toContain(JSON.stringify(title));
  });

  it('keeps an ordinary title, dots and spaces included', async () => {
    const dir = tempDir();
    const options = await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'], title: 'Hotline Beijing v1.2' }, dir, {});
    expect(options.title).toBe('Hotline Beijing v1.2');
  });

  it('refuses --title with a path for localize, review and deliver, writing nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'nested/out');
    mkdirSync(out, { recursive: true });
    const edited = join(dir, 'nested/edited.fr-FR.srt');
    writeFileSync(edited, '1\n00:00:01,000 --> 00:00:02,000\nBonjour\n');
    for (const argv of [
      ['localize', '--input', sample, '--target', 'fr-FR', '--title', '../../escaped', '--out', out, '--memory', ':memory:'],
      ['deliver', '--input', sample, '--language', 'fr-FR', '--title', '../../escaped', '--out', out, '--memory', ':memory:'],
      ['review', 'import', edited, '--input', sample, '--title', '../../escaped', '--memory', ':memory:'],
    ]) {
      const r = await cli(argv, dir, {});
      expect(r.stderr).toContain('--title');
      expect(r.stderr).toContain('"../../escaped"');
      expect(r.stderr).not.toContain('internal error');
      expect(r.code).toBe(2);
    }
    expect(readdirSync(dir)).toEqual(['nested']);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['edited.fr-FR.srt', 'out']);
  });

  it('refuses an input whose name gives no title, saying to pass --title', async () => {
    const dir = tempDir();
    const input = join(dir, '..zh-Hans.srt');
    writeFileSync(input, '1\n00:00:01,000 --> 00:00:02,000\n你好\n');
    const error = await resolveLocalizeOptions({ input, targets: ['fr-FR'] }, dir, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain('--title');
  });
});

describe('--out names a folder', () => {
  it.each([
    ['a file', (file: string) => file],
    ['a path below a file', (file: string) => join(file, 'below')],
  ])('refuses %s up front, for localize and deliver, naming it', async (_, outOf) => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a folder');
    const out = outOf(file);
    for (const argv of [
      ['localize', '--input', sample, '--target', 'fr-FR', '--out', out, '--memory', join(dir, 'm.sqlite')],
      ['deliver', '--input', sample, '--language', 'fr-FR', '--out', out, '--memory', join(dir, 'm.sqlite')],
    ]) {
      const r = await cli(argv, dir, {});
      expect(r.stderr).toContain(`--out ${out}`);
      expect(r.stderr).toContain(`${file} is a file`);
      expect(r.stderr).not.toContain('internal error');
      expect(r.code).toBe(2);
    }
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses `out` in the config naming a file, naming the config', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'out'), '');
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, JSON.stringify({ input: sample, targets: ['fr-FR'] }));
    const error = await resolveLocalizeOptions({ config }, dir, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: config });
    expect((error as Error).message).toContain('`out`');
  });
});

describe('a config nested thousands deep', () => {
  it.each(['targets', 'title', 'fps', 'concurrency'])('is refused at the line and column where `%s` goes past 256 arrays deep', async (field) => {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    const fields = { input: JSON.stringify(sample), targets: '["fr-FR"]', [field]: `${'['.repeat(10_000)}${']'.repeat(10_000)}` };
    // Written by hand: JSON.stringify itself overflows at this depth.
    const text = `{\n${Object.entries(fields).map(([k, v]) => `"${k}": ${v}`).join(',\n')}\n}`;
    writeFileSync(config, text);
    const error = await resolveLocalizeOptions({ config }, dir, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    const line = text.slice(0, text.indexOf(`"${field}": [`)).split('\n').length;
    expect(error).toMatchObject({ name: 'SublocError', code: 'CONFIG_INVALID', file: config, line });
    // The 256th `[` after the key, its colon and a space: the file's own object is the first of the 256.
    expect((error as Error).message).toBe(`${config}:${line}:${field.length + 4 + 256}: not valid JSON: expected at most 256 nested arrays and objects, found \`[\``);
  });
});

describe('the DeepL key stays at the edge', () => {
  it('picks DeepL when a key is set, but resolved options never hold the key: they are logged, reported and handed to workers', async () => {
    const key = 'secret-key-3f9a:fx';
    const options = await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'] }, tempDir(), { DEEPL_AUTH_KEY: key, DEEPL_SERVER_URL: 'http://127.0.0.1:9' });
    expect(options.provider).toBe('deepl');
    expect(JSON.stringify(options)).not.toContain(key);
    expect(JSON.stringify(options)).not.toContain('DEEPL_');
  });

  it('drafts offline without a key, and refuses DeepL without one unless the run is dry', async () => {
    const dir = tempDir();
    expect((await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'] }, dir, { DEEPL_AUTH_KEY: '  ' })).provider).toBe('offline');
    const error = await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'], provider: 'deepl' }, dir, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'SublocError', code: 'CONFIG_INVALID' });
    expect((error as Error).message).toContain('the deepl provider needs a key in the DEEPL_AUTH_KEY environment variable (never in a file); use --provider offline');
    expect((await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'], provider: 'deepl', dryRun: true }, dir, {})).provider).toBe('deepl');
  });

  it('condenses by default; `--no-condense` or `"condense": false` turns it off; anything but a boolean is refused', async () => {
    const dir = tempDir();
    expect((await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'] }, dir, {})).condense).toBe(true);
    expect((await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'], condense: false }, dir, {})).condense).toBe(false);
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, JSON.stringify({ input: sample, targets: ['fr-FR'], condense: false }));
    expect((await resolveLocalizeOptions({ config }, dir, {})).condense).toBe(false);
    const text = JSON.stringify({ input: sample, targets: ['fr-FR'], condense: 'no' });
    writeFileSync(config, text);
    const error = await resolveLocalizeOptions({ config }, dir, {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    // The column of the value, wherever the clone (and so the sample's path before it) lies.
    expect(error?.message).toBe(`${config}:1:${text.indexOf('"no"') + 1}: \`condense\` must be true or false, found "no"`);
  });
});

describe('the memory option', () => {
  it('keeps a Postgres URL from the config file as it is, not as a path under the config folder', async () => {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, JSON.stringify({ title: 'film', input: sample, targets: ['fr-FR'], memory: 'postgres://tm:secret@db.example/memory' }));
    expect((await resolveLocalizeOptions({ config }, dir, {})).memory).toBe('postgres://tm:secret@db.example/memory');
    writeFileSync(config, JSON.stringify({ title: 'film', input: sample, targets: ['fr-FR'], memory: 'tm/memory.sqlite' }));
    expect((await resolveLocalizeOptions({ config }, tempDir(), {})).memory).toBe(join(dir, 'tm/memory.sqlite'));
  });
});

describe('the config file, field by field', () => {
  /** The error of a config holding `fields` besides an input and a target, one field a line, or undefined when it resolves. */
  async function configError(fields: Record<string, unknown>, cli: Record<string, unknown> = {}): Promise<{ config: string; text: string; error: Error | undefined }> {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    const text = JSON.stringify({ input: sample, targets: ['fr-FR'], ...fields }, null, 2);
    writeFileSync(config, text);
    const error = await resolveLocalizeOptions({ config, ...cli }, dir, {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    return { config, text, error };
  }

  /** `file:line:column` of the first `needle` in `text`, counted as editors count. */
  function placeIn(file: string, text: string, needle: string): { label: string; line: number } {
    const before = text.slice(0, text.indexOf(needle));
    const line = before.split('\n').length;
    return { label: `${file}:${line}:${before.length - before.lastIndexOf('\n')}`, line };
  }

  it.each([
    ['title', 42, '`title` must be a non-empty string, found 42'],
    ['source', ' ', '`source` must be a non-empty string, found " "'],
    ['targets', ['fr-FR', 2], '`targets` must be a list of strings, found ["fr-FR",2]'],
    ['formats', { srt: true }, '`formats` must be a list of strings, found an object'],
    ['tmx', 7, '`tmx` must be a list of strings, found 7'],
    ['concurrency', 0, '`concurrency` must be a whole number from 1 to 64, found 0'],
    ['concurrency', 2.5, '`concurrency` must be a whole number from 1 to 64, found 2.5'],
    ['concurrency', '4', '`concurrency` must be a whole number from 1 to 64, found "4"'],
    ['fps', true, '`fps` must be a frame rate such as 24 or "29.97df", found true'],
    ['fixTiming', 'yes', '`fixTiming` must be true or false, found "yes"'],
    ['fps', 'fast', '`fast` is not a frame rate; expected 23.976, 24, 25, 29.97, 29.97df, 30, 48, 50, 59.94, 59.94df, 60 or N/D'],
    ['provider', 'deepel', 'unknown provider `deepel`; expected one of deepl, offline, pseudo'],
    ['formats', ['srt', 'sbv'], 'unknown format `sbv`; expected one of ttml, vtt, srt, ebu-tt-d, dcp-smpte, dcp-interop'],
    ['source', 'zh_Hans', '`zh_Hans` is not a BCP 47 language tag; expected something like zh-Hans, en-US, fr-FR'],
    ['title', 'a/b', '`title` "a/b" contains a path separator; expected one file name such as `hotline-beijing`, which names the output folder and files'],
    ['profile', 'festivl', 'unknown profile `festivl`; expected `default`, `festival` or a profile file (.json)'],
    ['encoding', 'latin-l', 'unknown encoding `latin-l`; expected a name such as utf-8, utf-16le, gb18030, big5 or windows-1252'],
    ['targets', ['fr-FR', 'ZH-hans'], '`targets` lists `ZH-hans`, the source language zh-Hans; expected the languages to translate into'],
  ])('refuses `%s`: %j at the line and column of its value', async (field, value, message) => {
    const { config, text, error } = await configError({ [field]: value });
    const at = placeIn(config, text, `"${field}": `);
    const column = Number(at.label.split(':').pop()) + field.length + 4;
    expect(error).toMatchObject({ name: 'SublocError', code: 'CONFIG_INVALID', file: config, line: at.line });
    expect(error?.message).toBe(`${config}:${at.line}:${column}: ${message}`);
  });

  it('refuses an empty list of targets where it was given: at its line, or on the command line', async () => {
    const empty = await configError({ targets: [] });
    const at = placeIn(empty.config, empty.text, '"targets": ');
    expect(empty.error?.message).toBe(`${empty.config}:${at.line}:${Number(at.label.split(':').pop()) + 11}: no target languages; pass --target en-US,fr-FR or set \`targets\``);
    // `--target ,,` is the command line's empty list, not the config's.
    const cli = await configError({ targets: ['fr-FR'] }, { targets: [] });
    expect(cli.error).toMatchObject({ code: 'USAGE', file: 'command line' });
    expect(cli.error?.message).toBe('command line: no target languages; pass --target en-US,fr-FR or set `targets`');
  });

  it('refuses an unknown field at its key, and a field given twice at the second', async () => {
    const unknown = await configError({ targts: ['fr-FR'] });
    const at = placeIn(unknown.config, unknown.text, '"targts"');
    expect(unknown.error).toMatchObject({ code: 'CONFIG_INVALID', file: unknown.config, line: at.line });
    expect(unknown.error?.message).toBe(`${at.label}: unknown field \`targts\`; expected one of title, input, source, targets, provider, formats, out, encoding, glossary, memory, tmx, concurrency, profile, fps, fixTiming, condense`);

    // JSON.parse would keep the second list without a word, and the run would draft other languages than the first line says.
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, `{\n  "input": ${JSON.stringify(sample)},\n  "targets": ["fr-FR"],\n  "targets": ["de-DE"]\n}\n`);
    const error = await resolveLocalizeOptions({ config }, dir, {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: config, line: 4 });
    expect(error?.message).toBe(`${config}:4:3: not valid JSON: \`targets\` is given twice in this object; expected each property name once (JSON.parse would keep the last without a word)`);
  });

  it('says a config that is a folder is one, not a raw EISDIR', async () => {
    const dir = tempDir();
    const error = await resolveLocalizeOptions({ config: dir }, dir, {}).then(() => undefined, (e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: `cannot read config ${dir}: it is a folder; expected a JSON file such as subloc.config.json` });
  });

  it('refuses an input or glossary that is not there at its line, saying which folder a relative path is read from', async () => {
    for (const field of ['input', 'glossary']) {
      const { config, text, error } = await configError({ [field]: 'subtitles/nope.x' });
      const at = placeIn(config, text, `"${field}": `);
      const column = Number(at.label.split(':').pop()) + field.length + 4;
      const dir = resolve(config, '..');
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: config, line: at.line });
      expect(error?.message).toBe(`${config}:${at.line}:${column}: \`${field}\` names ${join(dir, 'subtitles/nope.x')}, which does not exist; expected a file (a relative path in the config is read from its folder, ${dir})`);
      // A folder where the file belongs, at its line too, not a raw EISDIR from the read.
      const folder = await configError({ [field]: '.' });
      expect(folder.error).toMatchObject({ code: 'CONFIG_INVALID', file: folder.config, line: placeIn(folder.config, folder.text, `"${field}": `).line });
      expect(folder.error?.message).toMatch(new RegExp(`\`${field}\` names \\S+, which is a folder; expected a file$`));
    }
  });

  it('refuses a TMX file or a profile file the config names that is not there, at the line of its own value', async () => {
    const tmx = await configError({ tmx: [sample, 'tm/nope.tmx'] });
    const dir = resolve(tmx.config, '..');
    const item = placeIn(tmx.config, tmx.text, '"tm/nope.tmx"');
    expect(tmx.error).toMatchObject({ code: 'CONFIG_INVALID', file: tmx.config, line: item.line });
    expect(tmx.error?.message).toBe(`${item.label}: \`tmx\` names ${join(dir, 'tm/nope.tmx')}, which does not exist; expected a file (a relative path in the config is read from its folder, ${dir})`);
    const profile = await configError({ profile: 'profiles/house.json' });
    const at = placeIn(profile.config, profile.text, '"profile": ');
    expect(profile.error).toMatchObject({ code: 'CONFIG_INVALID', file: profile.config, line: at.line });
    expect(profile.error?.message).toContain(`\`profile\` names ${join(resolve(profile.config, '..'), 'profiles/house.json')}, which does not exist`);
  });

  it('quotes a runaway value by its start and its length, so the message fits a screen', async () => {
    for (const fields of [{ targets: ['x'.repeat(10_000)] }, { [`f${'x'.repeat(10_000)}`]: 1 }, { title: `a/${'b'.repeat(10_000)}` }]) {
      const { error } = await configError(fields);
      expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
      expect(error?.message).toContain('characters)');
      expect(error!.message.length).toBeLessThan(400);
    }
  });

  it('blames a refused value on the command line when the command line gave it, though a config is named', async () => {
    const { error } = await configError({ targets: ['fr-FR'] }, { targets: ['fr_FR'] });
    expect(error).toMatchObject({ code: 'USAGE', file: 'command line' });
    expect(error?.message).toBe('command line: `fr_FR` is not a BCP 47 language tag; expected something like zh-Hans, en-US, fr-FR');
  });

  it('says the command line list, not `targets`, holds the source language when --target gave it', async () => {
    const { error } = await configError({ targets: ['fr-FR'] }, { targets: ['fr-FR', 'zh-hans'] });
    expect(error?.message).toBe('command line: the languages asked for include `zh-hans`, the source language zh-Hans; expected the languages to translate into');
  });

  it('reads subloc.config.json in the working folder when no --config is named, as deliver and review do', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'subloc.config.json'), JSON.stringify({ title: 'from-config', input: sample, source: 'zh-Hans', targets: ['de-DE'] }));
    const run = await cli(['localize', '--dry-run', '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ title: 'from-config', source: 'zh-Hans', languages: [{ language: 'de-DE' }] });
    // Named, another config is read, and the working folder's is not (beside it: the memory the first run made is its default too).
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ input: sample, source: 'zh-Hans', targets: ['it-IT'] }));
    const named = await cli(['localize', '--dry-run', '--json', '--config', other], dir);
    expect(JSON.parse(named.stdout)).toMatchObject({ languages: [{ language: 'it-IT' }] });
    // A run of one file names it, and the working folder's config stays out of it.
    const alone = await cli(['localize', '--dry-run', '--json', '--input', sample, '--target', 'es-ES'], dir);
    expect(JSON.parse(alone.stdout)).toMatchObject({ title: 'hotline-beijing', languages: [{ language: 'es-ES' }] });
  });

  it('spells every language tag one way, and drafts a language listed twice (in any case) once', async () => {
    // `en-us` beside `en-US` drafted both, billed twice, into two folders that a festival drive (exFAT, APFS) sees as one;
    // alone it found no glossary rendering when the glossary has en-US and en-GB ones (which rendering is `en-us`?).
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, JSON.stringify({ input: sample, source: 'ZH-hans', targets: ['en-us', 'FR-fr', 'en-US', 'es-419'] }));
    const options = await resolveLocalizeOptions({ config }, dir, {});
    expect(options).toMatchObject({ source: 'zh-Hans', targets: ['en-US', 'fr-FR', 'es-419'] });
    expect((await resolveLocalizeOptions({ input: sample, targets: ['DE-de', 'de-DE'] }, dir, {})).targets).toEqual(['de-DE']);
  });

  it('takes glossary.json from the working folder by default only for a track written as its terms are', async () => {
    // The default is a convenience: a film in another language or script run from the same folder is drafted without it,
    // as a named glossary of the wrong language is refused (see localize.test.ts).
    expect((await resolveLocalizeOptions({ input: sample, targets: ['fr-FR'] }, root, {})).glossary).toBe(join(root, 'glossary.json'));
    expect((await resolveLocalizeOptions({ input: sample, source: 'zh-Hant', targets: ['fr-FR'] }, root, {})).glossary).toBeUndefined();
    expect((await resolveLocalizeOptions({ input: sample, source: 'ja-JP', targets: ['fr-FR'] }, root, {})).glossary).toBeUndefined();
  });

  it('reads a config saved as UTF-16, and refuses one in another encoding at its first byte that is not UTF-8', async () => {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    const text = JSON.stringify({ title: '您的声音', input: sample, targets: ['fr-FR'] }, null, 2);
    writeFileSync(config, iconv.encode(text, 'utf-16le', { addBOM: true }));
    expect((await resolveLocalizeOptions({ config }, dir, {})).title).toBe('您的声音');
    writeFileSync(config, iconv.encode(text, 'gb18030'));
    const error = await resolveLocalizeOptions({ config }, dir, {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', file: config, line: 2 });
    expect(error?.message).toBe(`${config}:2:13: not valid JSON: found bytes that are not UTF-8; expected a JSON file in UTF-8: save it as UTF-8`);
  });

  it('reads a config saved with a byte order mark, as Windows editors save it', async () => {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, `\uFEFF${JSON.stringify({ input: sample, targets: ['fr-FR'] })}`);
    expect((await resolveLocalizeOptions({ config }, dir, {})).targets).toEqual(['fr-FR']);
  });

  it('reads every field it accepts, `$schema` aside', async () => {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    writeFileSync(
      config,
      JSON.stringify({ $schema: './subloc.schema.json', title: 'film', input: sample, source: 'zh-Hans', targets: 'fr-FR, en-US', formats: ['vtt'], concurrency: 8, fps: 25, fixTiming: true, condense: false }),
    );
    const options = await resolveLocalizeOptions({ config }, dir, {});
    expect(options).toMatchObject({ title: 'film', source: 'zh-Hans', targets: ['fr-FR', 'en-US'], formats: ['vtt'], concurrency: 8, fixTiming: true, condense: false });
    expect(options.frameRate).toBeDefined();
    // The config's rate comes with --config in the commands a refusal names; one typed on the command line is repeated.
    expect(options.fpsOption).toBeUndefined();
    expect((await resolveLocalizeOptions({ config, fps: '29.97df' }, dir, {})).fpsOption).toEqual({ numerator: 30000, denominator: 1001, dropFrame: true });
  });
});

describe('a damaged config file', () => {
  async function errorOf(text: string): Promise<{ config: string; error: unknown }> {
    const dir = tempDir();
    const config = join(dir, 'subloc.config.json');
    writeFileSync(config, text);
    const error = await resolveLocalizeOptions({ config }, dir, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    return { config, error };
  }

  it.each([
    ['cut short', `{\n  "input": ${JSON.stringify(sample)},\n  "targets": ["fr-FR"`, 3, 'expected `,` or `]`'],
    ['a stray comma', `{\n  "input": ${JSON.stringify(sample)},\n  "targets": ["fr-FR",]\n}`, 3, 'expected a value, found `]`'],
    ['a NUL byte', `{\n  "input": ${JSON.stringify(sample)},\n\n  "targets": \u0000["fr-FR"]\n}`, 4, 'found'],
  ])('is refused at its line and column when %s', async (_, text, line, found) => {
    const { config, error } = await errorOf(text);
    expect(error).toMatchObject({ name: 'SublocError', code: 'CONFIG_INVALID', file: config, line });
    expect((error as Error).message).toMatch(new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: not valid JSON: `));
    expect((error as Error).message).toContain(found);
  });

  it('names the config file when its `profile` names no profile', async () => {
    const { config, error } = await errorOf(JSON.stringify({ input: sample, targets: ['fr-FR'], profile: 'festivl' }));
    expect(error).toMatchObject({ name: 'SublocError', code: 'CONFIG_INVALID', file: config });
    expect((error as Error).message).toMatch(/^.*subloc\.config\.json:1:\d+: unknown profile `festivl`; expected `default`/);
  });
});
