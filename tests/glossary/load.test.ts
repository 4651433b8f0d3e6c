import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { loadGlossary, parseGlossary } from '../../src/glossary/load.js';
import { tempDir } from '../helpers/temp-dir.js';
import { bundled, bundledText, ROOT, TARGETS } from './helpers.js';

/** The thrown message, or a failure when nothing is thrown. */
function messageOf(text: string, file = 'glossary.json'): string {
  try {
    parseGlossary(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(SublocError);
    expect((error as SublocError).code).toBe('GLOSSARY_INVALID');
    return (error as Error).message;
  }
  throw new Error('expected the glossary to be refused');
}

const workOrder = { id: 'work-order', source: '工单', targets: { 'en-US': { preferred: 'work order' } } };
const hotline = { id: 'hotline-number', source: '12345', doNotTranslate: true };
const file = (terms: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ version: 1, sourceLanguage: 'zh-Hans', terms, ...extra }, null, 2);

describe('the bundled glossary', () => {
  const g = bundled();

  it('loads and passes validation', () => {
    expect(g.sourceLanguage).toBe('zh-Hans');
    expect(g.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('references its schema', () => {
    expect(JSON.parse(bundledText()).$schema).toBe('./glossary.schema.json');
  });

  it('has at least 40 terms, each with all six target languages or do-not-translate', () => {
    expect(g.terms.length).toBeGreaterThanOrEqual(40);
    for (const term of g.terms) {
      if (term.doNotTranslate) continue;
      expect(Object.keys(term.targets).sort(), term.id).toEqual([...TARGETS].sort());
    }
  });

  it('covers the terms the issue names', () => {
    const sources = new Set(g.terms.flatMap((t) => [t.source, ...t.variants]));
    for (const s of ['12345', '12345市民服务热线', '接诉即办', '未诉先办', '全过程人民民主', '以人民为中心', '胡同', '街道', '居委会', '社区党委书记', '工单', '话务员', '北京市接诉即办工作条例', '老旧小区加装电梯']) {
      expect(sources, s).toContain(s);
    }
  });

  it('prefers the official rendering of 接诉即办 and allows the press release one', () => {
    const t = g.terms.find((x) => x.source === '接诉即办')!;
    expect(t.targets['en-US']).toMatchObject({ preferred: 'swift response to public complaints', allowed: expect.arrayContaining(['immediate response to citizen appeals']) });
  });

  it('keeps 12345 untranslated', () => {
    expect(g.terms.find((t) => t.source === '12345')).toMatchObject({ doNotTranslate: true });
  });

  it('says where every rendering comes from', () => {
    for (const term of g.terms) {
      for (const [lang, r] of Object.entries(term.targets)) {
        expect(r.note, `${term.id} ${lang}`).toMatch(/S\d+|SEED|unsourced suggestion/);
        if (r.note?.startsWith('preferred: unsourced')) continue;
        expect(term.sources.length, term.id).toBeGreaterThan(0);
      }
    }
  });

  it('loads from a path', async () => {
    await expect(loadGlossary(join(ROOT, 'glossary.json'))).resolves.toMatchObject({ version: bundled().version });
  });
});

describe('normalization and version', () => {
  it('defaults the optional fields', () => {
    const g = parseGlossary(file([workOrder]), 'g.json');
    expect(g.terms[0]).toEqual({
      id: 'work-order',
      source: '工单',
      variants: [],
      targets: { 'en-US': { preferred: 'work order', allowed: [], forbidden: [] } },
      doNotTranslate: false,
      caseSensitive: false,
      sources: [],
    });
  });

  it('hashes content, not order, ids or notes', () => {
    const a = parseGlossary(file([workOrder, hotline]), 'a.json');
    const b = parseGlossary(file([{ ...hotline, note: 'x' }, { ...workOrder, id: 'renamed', sources: ['S27'] }], { note: 'n' }), 'b.json');
    const c = parseGlossary(file([{ ...workOrder, targets: { 'en-US': { preferred: 'ticket' } } }, hotline]), 'c.json');
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
  });
});

describe('validation messages name the file, entry, field, what was found and what was expected', () => {
  it('a wrong type, at its line and column', () => {
    const text = `{
  "version": 1,
  "sourceLanguage": "zh-Hans",
  "terms": [
    { "id": "hotline-number", "source": "12345", "doNotTranslate": true },
    {
      "id": "work-order",
      "source": "工单",
      "targets": { "fr-FR": { "preferred": 42 } }
    }
  ]
}`;
    expect(messageOf(text)).toBe('glossary.json:9:44: terms[1] (id "work-order"): `targets.fr-FR.preferred` must be a non-empty string, found 42');
  });

  it.each<[string, unknown[], Record<string, unknown>, string]>([
    ['a missing source', [{ id: 'work-order', targets: workOrder.targets }], {}, 'terms[0] (id "work-order"): `source` is required, found nothing'],
    ['a bad id', [{ ...workOrder, id: 'Work Order' }], {}, 'terms[0] (id "Work Order"): `id` must be a kebab-case id (lower-case letters and digits joined by single hyphens), found "Work Order"'],
    ['a misspelt field', [{ ...workOrder, targets: { 'en-US': { prefered: 'work order' } } }], {}, 'terms[0] (id "work-order"): `targets.en-US.prefered` is not a field of a rendering; expected one of `preferred`, `allowed`, `forbidden`, `note`'],
    ['an unknown term field', [{ ...workOrder, dnt: true }], {}, '`dnt` is not a field of a term'],
    ['duplicate ids', [workOrder, { ...workOrder, source: '派单' }], {}, 'terms[1] (id "work-order"): `id` repeats the id of terms[0]'],
    ['a source form used by two terms', [workOrder, { id: 'ticket', source: '工作单', variants: ['工单'], targets: workOrder.targets }], {}, 'terms[1] (id "ticket"): `variants[0]` "工单" is already a source form of terms[0] (id "work-order")'],
    ['a variant repeating the source', [{ ...workOrder, variants: ['工单'] }], {}, '`variants[0]` repeats "工单", already given at `source`'],
    ['an invalid BCP 47 key', [{ ...workOrder, targets: { en_US: { preferred: 'work order' } } }], {}, 'terms[0] (id "work-order"): `targets.en_US` must be a BCP 47 language tag in canonical case such as `zh-Hans` or `fr-FR`, found "en_US"'],
    ['a non-canonical BCP 47 key', [{ ...workOrder, targets: { 'en-us': { preferred: 'work order' } } }], {}, '`targets.en-us` must be a BCP 47 language tag'],
    ['a tab in a rendering', [{ ...workOrder, targets: { 'en-US': { preferred: 'work\torder' } } }], {}, '`targets.en-US.preferred` must not contain tabs, line breaks or other control characters, nor start or end with whitespace, found "work\\torder"'],
    // Not control characters, but line breaks all the same: deepl-node refuses them in a glossary entry, which then went without a word to DeepL.
    ['a line separator inside a rendering', [{ ...workOrder, targets: { 'en-US': { preferred: 'work\u2028order' } } }], {}, '`targets.en-US.preferred` must not contain tabs, line breaks or other control characters'],
    ['a paragraph separator inside a source', [{ ...workOrder, source: '工\u2029单' }], {}, '`source` must not contain tabs, line breaks or other control characters'],
    ['an empty rendering', [{ ...workOrder, targets: { 'en-US': { preferred: '' } } }], {}, '`targets.en-US.preferred` must be a non-empty string, found ""'],
    ['surrounding whitespace', [{ ...workOrder, source: ' 工单' }], {}, '`source` must not contain tabs'],
    ['no targets on a term to translate', [{ id: 'work-order', source: '工单' }], {}, '`targets` is required unless `doNotTranslate` is true, found nothing'],
    ['empty targets', [{ ...workOrder, targets: {} }], {}, '`targets` must name at least one language, found an empty object'],
    ['a rendering both allowed and forbidden', [{ ...workOrder, targets: { 'en-US': { preferred: 'work order', allowed: ['case'], forbidden: ['Case'] } } }], {}, '`targets.en-US.forbidden[0]` "Case" is also listed in `targets.en-US.allowed[0]`'],
    ['forbidding the preferred rendering', [{ ...workOrder, targets: { 'en-US': { preferred: 'work order', forbidden: ['work  order'] } } }], {}, 'is also listed in `targets.en-US.preferred`'],
    ['a non-boolean flag', [{ ...workOrder, caseSensitive: 'yes' }], {}, '`caseSensitive` must be true or false, found "yes"'],
    ['a bad source id', [{ ...workOrder, sources: ['s1'] }], {}, '`sources[0]` must be a source id such as `S12` or `SEED`, found "s1"'],
    ['a do-not-translate term rendered differently', [{ ...hotline, targets: { 'fr-FR': { preferred: '12 345' } } }], {}, '`targets.fr-FR.preferred` must equal the source "12345" on a doNotTranslate term, found "12 345"'],
    ['a wrong file version', [workOrder], { version: 2 }, '`version` must be 1 (the file format version), found 2'],
    ['a bad source language', [workOrder], { sourceLanguage: 'chinese' }, '`sourceLanguage` must be a BCP 47 language tag'],
    ['an unknown top-level field', [workOrder], { title: 'x' }, '`title` is not a field of the glossary'],
    ['no terms', [], {}, '`terms` must hold at least one entry, found an empty array'],
    ['a term that is not an object', ['工单'], {}, '`terms[0]` must be an object, found "工单"'],
  ])('%s', (_name, terms, extra, expected) => {
    expect(messageOf(file(terms, extra))).toContain(expected);
  });

  describe('against the language of the source track', () => {
    const text = file([workOrder]);
    const refusal = (source: string) => {
      try {
        parseGlossary(text, 'glossary.json', { source });
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };

    it.each(['zh-Hans', 'zh', 'zh-CN', 'zh-SG', 'zh-Hans-CN', 'ZH-hans'])('takes a zh-Hans glossary for a %s track', (source) => {
      expect(refusal(source)).toBeUndefined();
    });

    it.each([
      // Simplified terms are never found in Traditional text: every check would pass for want of a match, without a word.
      ['zh-Hant', 'glossary.json:3:21: `sourceLanguage` is "zh-Hans", but the source track is zh-Hant; expected a glossary written as the track is (`sourceLanguage` zh-Hant): its terms would never be found in the track. Pass --glossary <file> to name the glossary for this track'],
      // Taiwan, Hong Kong and Macau write Traditional Chinese when the tag names no script.
      ['zh-TW', 'glossary.json:3:21: `sourceLanguage` is "zh-Hans", but the source track is zh-TW; expected a glossary written as the track is (`sourceLanguage` zh-TW): its terms would never be found in the track. Pass --glossary <file> to name the glossary for this track'],
      ['ja-JP', 'glossary.json:3:21: `sourceLanguage` is "zh-Hans", but the source track is ja-JP; expected a glossary written as the track is (`sourceLanguage` ja-JP): its terms would never be found in the track. Pass --glossary <file> to name the glossary for this track'],
    ])('refuses a zh-Hans glossary for a %s track, at its `sourceLanguage`', (source, message) => {
      expect(refusal(source)).toBe(message);
    });
  });

  describe('in the encoding it was saved in', () => {
    const text = file([workOrder, { id: 'district', source: '街道', targets: { 'en-US': { preferred: 'subdistrict' } } }]);
    const gb18030 = (t: string) => new Uint8Array(iconv.encode(t, 'gb18030'));

    it('refuses bytes that are not UTF-8 where the first stands, naming the encoding they look like', async () => {
      // Read as U+FFFD, a small glossary saved as GBK loaded without a word, and none of its terms was ever found.
      const path = join(tempDir(), 'glossary.json');
      writeFileSync(path, gb18030(text));
      const error = await loadGlossary(path).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toMatchObject({ code: 'GLOSSARY_INVALID', line: 7 });
      expect(error?.message).toBe(`${path}:7:18: not valid JSON: found bytes that are not UTF-8; expected a JSON file in UTF-8: save it as UTF-8`);
      // A file with enough Chinese in it for the detector to be sure says what it looks like.
      expect(() => parseGlossary(gb18030(bundledText()), 'glossary.json')).toThrow(/^glossary\.json:\d+:\d+: not valid JSON: found bytes that are not UTF-8 \(they look like GB18030\); expected a JSON file in UTF-8/);
    });

    it('reads UTF-8 with or without a byte order mark, and UTF-16 with one (Windows Notepad\'s "Unicode")', () => {
      const terms = (bytes: Uint8Array) => parseGlossary(bytes, 'glossary.json').terms.map((t) => t.source);
      expect(terms(new TextEncoder().encode(text))).toEqual(['工单', '街道']);
      expect(terms(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual(['工单', '街道']);
      expect(terms(new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true })))).toEqual(['工单', '街道']);
    });
  });

  it('a missing top-level field', () => {
    expect(messageOf(JSON.stringify({ version: 1, terms: [workOrder] }))).toContain('glossary.json:1:1: `sourceLanguage` is required, found nothing');
  });

  it('a file that is not an object', () => {
    expect(messageOf('[]')).toBe('glossary.json:1:1: the glossary must be an object, found an array');
  });

  it('JSON syntax errors with line and column', () => {
    expect(messageOf('{\n  "version": 1,\n  "terms": [],\n}')).toBe('glossary.json:4:1: not valid JSON: expected a property name in double quotes, found `}`');
  });

  it('lists every problem, and carries them as diagnostics', () => {
    const text = file([{ ...workOrder, id: 'A' }, { id: 'b', source: 7, targets: { 'en-US': {} } }]);
    let error: SublocError | undefined;
    try {
      parseGlossary(text, 'g.json');
    } catch (e) {
      error = e as SublocError;
    }
    expect(error?.message.split('\n')).toHaveLength(3);
    expect(error?.diagnostics.map((d) => d.code)).toEqual(['glossary/invalid', 'glossary/invalid', 'glossary/invalid']);
    expect(error?.diagnostics[1]).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) });
    expect(error?.file).toBe('g.json');
  });

  it('an unreadable file', async () => {
    const dir = tempDir('subloc-glossary-');
    await expect(loadGlossary(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'INPUT_UNREADABLE', message: `cannot read the glossary ${join(dir, 'missing.json')}: no such file` });
    writeFileSync(join(dir, 'bad.json'), '{');
    await expect(loadGlossary(join(dir, 'bad.json'))).rejects.toThrow(`${join(dir, 'bad.json')}:1:2: not valid JSON`);
  });

  it('refuses a glossary nested thousands deep with a located message', () => {
    const message = messageOf(`{ "version": 1, "terms": ${'['.repeat(10_000)}${']'.repeat(10_000)} }`, 'deep.json');
    expect(message).toMatch(/^deep\.json:1:\d+: .*nested arrays and objects/);
  });
});
