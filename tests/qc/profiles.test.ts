import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSublocError, type SublocError } from '../../src/errors.js';
import { textWidth } from '../../src/model/language.js';
import { forLanguage } from '../../src/qc/profile.js';
import { loadProfile } from '../../src/qc/load-profile.js';
import { parseProfile } from '../../src/qc/profile-file.js';
import { profiles } from '../../src/qc/profiles/index.js';
import { tempDir } from '../helpers/cli.js';

function thrown(fn: () => unknown): SublocError {
  try {
    fn();
  } catch (error) {
    if (isSublocError(error)) return error;
    throw error;
  }
  throw new Error('expected a SublocError');
}

describe('a figure for a language', () => {
  it('takes the key naming the most subtags, whatever its case, then default, then the first figure', () => {
    const table = { default: 15, zh: 9, 'ZH-hant': 7, 'zh-Hant-TW': 6, en: 17 };
    expect(['zh-Hant-TW', 'zh-hant-hk', 'zh-Hans', 'zh', 'EN-gb', 'fr-FR', 'zhx'].map((l) => forLanguage(table, l))).toEqual([6, 7, 9, 9, 17, 15, 15]);
    expect(forLanguage({ en: 17, fr: 15 }, 'de-DE')).toBe(17);
    // Two keys alike but for case: the first written wins.
    expect(forLanguage({ 'en-us': 1, 'EN-US': 2 }, 'en-US')).toBe(1);
    expect(forLanguage({}, 'en')).toBe(Infinity);
  });
});

describe('built-in profiles', () => {
  it('default holds the Netflix figures', () => {
    const p = profiles['default']!;
    expect([p.maxLines.value, p.minDurationMs.value, p.maxDurationMs.value, p.minGapFrames.value]).toEqual([2, 833, 7000, 2]);
    expect(['en-US', 'fr-FR', 'zh-Hans', 'ja-JP', 'ko-KR'].map((l) => forLanguage(p.maxCharsPerLine.value, l))).toEqual([42, 42, 16, 13, 16]);
    expect(['en-US', 'fr-FR', 'zh-Hans', 'zh', 'ja-JP', 'ko-KR'].map((l) => forLanguage(p.readingSpeed.value, l))).toEqual([20, 17, 9, 9, 4, 12]);
  });

  it('takes the Japanese figures from the Netflix Japanese guide, counted as it counts', () => {
    const p = profiles['default']!;
    expect(p.maxCharsPerLine.source).toMatch(/Netflix Japanese Timed Text Style Guide[^;]*13 full-width characters/);
    expect(p.readingSpeed.source).toMatch(/Netflix Japanese Timed Text Style Guide[^;]*4 characters a second/);
    expect(p.readingSpeed.source).toMatch(/full-width characters, spaces and punctuation count 1, half-width ones 0\.5/);
    // As the guide counts: a full-width space 1, each half-width digit 0.5.
    expect(textWidth('はい　12345です', 'ja-JP')).toBe(7.5);
  });

  it('festival holds the Banff figures and keeps the rest of the default', () => {
    const p = profiles['festival']!;
    expect([p.maxLines.value, p.minDurationMs.value, p.maxDurationMs.value, p.minGapFrames.value]).toEqual([2, 2000, 7000, 2]);
    expect(['en-US', 'fr-FR', 'zh-Hans'].map((l) => forLanguage(p.maxCharsPerLine.value, l))).toEqual([40, 40, 16]);
    expect(['en-US', 'fr-FR', 'zh-Hans'].map((l) => forLanguage(p.readingSpeed.value, l))).toEqual([20, 20, 9]);
  });

  it('cites a source for every figure', () => {
    for (const p of Object.values(profiles)) {
      for (const key of ['maxLines', 'maxCharsPerLine', 'minDurationMs', 'maxDurationMs', 'minGapFrames', 'readingSpeed'] as const) {
        expect(p[key].source, `${p.id}.${key}`).toMatch(/Netflix|Banff/);
      }
    }
    expect(profiles['festival']!.minDurationMs.source).toMatch(/Banff/);
  });
});

describe('profile files', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(
      join(dir, 'profiles', 'channel.json'),
      JSON.stringify(
        {
          extends: 'festival',
          name: 'Channel 7',
          maxCharsPerLine: { value: { default: 37, zh: 14 }, source: 'Channel 7 delivery spec §4' },
          minGapFrames: { value: 3, source: 'Channel 7 delivery spec §5' },
          rules: { numbers: 'off', 'reading-speed': 'error' },
        },
        null,
        2,
      ),
    );
  });

  it('extends a built-in profile, overrides figures and merges language tables', () => {
    const p = loadProfile('profiles/channel.json', dir);
    expect(p.id).toBe('channel');
    expect(p.name).toBe('Channel 7');
    expect(p.maxCharsPerLine.value).toEqual({ default: 37, zh: 14, ja: 13, ko: 16 });
    expect(p.maxCharsPerLine.source).toMatch(/^Channel 7 delivery spec §4; ja, ko: Banff/);
    expect(p.minGapFrames).toEqual({ value: 3, source: 'Channel 7 delivery spec §5' });
    expect(p.minDurationMs.value).toBe(2000);
    expect(p.rules).toEqual({ numbers: 'off', 'reading-speed': 'error' });
  });

  it('loads built-in profiles by name', () => {
    expect(loadProfile('festival', dir)).toBe(profiles['festival']);
  });

  it('refuses an unknown name with the choices', () => {
    const e = thrown(() => loadProfile('netflix', dir));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe('unknown profile `netflix`; expected `default`, `festival` or a profile file (.json)');
  });

  it('refuses a missing file', () => {
    const e = thrown(() => loadProfile('profiles/none.json', dir));
    expect(e.code).toBe('INPUT_UNREADABLE');
    expect(e.message).toBe('cannot read the profile profiles/none.json: no such file');
  });

  it('lists every problem of a bad file with its line, column, field, what was found and what was expected', () => {
    const text = `{
  "extends": "netflix",
  "maxLines": { "value": 2.5, "source": "spec" },
  "readingSpeed": { "value": { "english": 17, "fr": "fast" } },
  "rules": { "spelling": "off", "numbers": "warn" },
  "colour": "red"
}
`;
    const e = thrown(() => parseProfile(text, 'bad.json', 'bad'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.file).toBe('bad.json');
    expect(e.line).toBe(6);
    expect(e.message.split('\n')).toEqual([
      'bad.json:6:3: `colour` is not a profile field; expected one of `$schema`, `extends`, `name`, `maxLines`, `maxCharsPerLine`, `minDurationMs`, `maxDurationMs`, `minGapFrames`, `readingSpeed`, `rules`',
      'bad.json:2:14: `extends` must name a built-in profile (`default`, `festival`), found "netflix"',
      'bad.json:3:26: `maxLines.value` must be a whole number of at least 1, found 2.5',
      'bad.json:4:19: `readingSpeed.source` is required, found nothing',
      'bad.json:4:32: `readingSpeed.value.english` must be `default` or a BCP 47 language tag such as `zh-Hans` or `en`',
      'bad.json:4:53: `readingSpeed.value.fr` must be a number above 0, found "fast"',
      'bad.json:5:14: `rules.spelling` is not a QC rule; expected one of `empty-cue`, `untranslated`, `reading-speed`, `line-length`, `line-count`, `min-duration`, `max-duration`, `min-gap`, `overlap`, `glossary`, `numbers`, `unbalanced-tags`',
      'bad.json:5:44: `rules.numbers` must be `off`, `warning` or `error`, found "warn"',
    ]);
    expect(e.diagnostics[0]).toMatchObject({ code: 'qc/profile-invalid', severity: 'error', line: 6, column: 3 });
  });

  it('refuses a maximum duration not above the minimum', () => {
    const e = thrown(() => parseProfile('{ "maxDurationMs": { "value": 500, "source": "x" } }', 'p.json', 'p'));
    expect(e.message).toBe('p.json:1:31: `maxDurationMs.value` must be above `minDurationMs` (833 ms), found 500 ms');
  });

  it('refuses a minimum duration not below the maximum it inherits, naming where that comes from', () => {
    const e = thrown(() => parseProfile('{ "minDurationMs": { "value": 8000, "source": "x" } }', 'p.json', 'p'));
    expect(e.message).toMatch(/^p\.json:1:31: `minDurationMs\.value` must be below `maxDurationMs` \(7000 ms, from .+\), found 8000 ms$/);
  });

  it('locates JSON syntax errors', () => {
    const e = thrown(() => parseProfile('{ "name": "x", }', 'p.json', 'p'));
    expect(e.message).toMatch(/^p\.json:1:16: not valid JSON: expected/);
  });

  it('refuses a profile nested thousands deep with a located message', () => {
    const e = thrown(() => parseProfile(`{ "rules": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)} }`, 'deep.json', 'deep'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/^deep\.json:1:\d+: .*nested arrays and objects/);
  });
});
