import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNDATED, type MemoryEntry } from '../../src/memory/store.js';
import { exportTmx, importTmx } from '../../src/memory/tmx.js';
import { span } from '../../src/model/spans.js';
import type { Span } from '../../src/model/track.js';
import { toTagged } from '../../src/model/tagged-text.js';
import { entry } from './entries.js';

import { SCHEMAS, validateText } from '../helpers/schemas.js';


// ---- arbitraries: tagged text as the pipeline makes it, and as anything may hand it over ----

const words = fc.constantFrom('这座城市', '胡同', '12345', 'hotline', 'Ça va', '&', '<', '>', 'a&b', '<x>', ' ', '“引号”', '市民', 'l’appel', '𠀋');
const styledSpan = fc.record({ text: words, italic: fc.boolean(), bold: fc.boolean(), underline: fc.boolean() }).map(({ text, ...flags }) =>
  span(text, { ...(flags.italic ? { italic: true } : {}), ...(flags.bold ? { bold: true } : {}), ...(flags.underline ? { underline: true } : {}) }),
);
const line = fc.tuple(fc.boolean(), fc.array(styledSpan, { minLength: 1, maxLength: 4 })).map(([dialogue, spans]): Span[] => (dialogue ? [span('- '), ...spans] : spans));
const cueFromModel = fc.tuple(fc.array(line, { minLength: 1, maxLength: 3 }), fc.constantFrom('zh-Hans', 'en-US', 'ja-JP')).map(([lines, lang]) => toTagged(lines, lang));
/** Any sequence of tokens, unbalanced and nested tags included. */
const cueFromTokens = fc.array(fc.constantFrom('<i>', '</i>', '<b>', '</b>', '<u>', '</u>', '\n', '&amp;', '&lt;', '&gt;', 'word', '中文', ' ', '\t'), { maxLength: 12 }).map((t) => t.join(''));
const cue = fc.oneof(cueFromModel, cueFromTokens);

/** A reviewer's comment on a cue, white space of its own included ('': none). */
const comment = fc.constantFrom('', 'ok', ' leading', 'trailing ', '  both\n', '\tindented', 'two\nlines', 'a & b <c>', ' ');

/** Entries as the memory holds them: what comes back from an export is these, unchanged. */
function arbEntries(target: fc.Arbitrary<string>, note: fc.Arbitrary<string>): fc.Arbitrary<MemoryEntry> {
  return fc
    .record({
      cues: fc.array(fc.tuple(cueFromModel, target, note), { minLength: 1, maxLength: 3 }),
      sourceLang: fc.constantFrom('zh-Hans', 'en-US'),
      targetLang: fc.constantFrom('en-US', 'fr-FR', 'ja-JP', 'de-DE'),
      glossaryVersion: fc.constantFrom('', 'a1b2c3', 'v&<"2">'),
      provider: fc.constantFrom('deepl', 'pseudo', 'tmx', 'xliff & co'),
      status: fc.constantFrom('draft', 'reviewed', 'approved'),
      reviewer: fc.option(fc.constantFrom('Lin', 'Ana "QA" Ruiz', '王芳', ' Mei '), { nil: undefined }),
      byReviewer: fc.boolean(),
      // To the millisecond, a whole second, or undated.
      time: fc.oneof(fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).map((s) => s * 1000), fc.constant(0)),
    })
    .filter((e) => e.sourceLang !== e.targetLang)
    .map(({ cues, time, reviewer, byReviewer, ...rest }) => {
      const e: MemoryEntry = {
        ...rest,
        // A source is a track's cue as `toTagged` keys it; a target may be any tagged text.
        source: cues.map(([s]) => s),
        // An empty translation is not imported: keep one word in it.
        target: cues.map(([, t], k) => (k === 0 ? `${t}OK` : t)),
        updatedAt: time === 0 ? UNDATED : new Date(time).toISOString(),
      };
      if (reviewer !== undefined) e.reviewer = reviewer;
      if (byReviewer) e.byReviewer = true;
      const comments = cues.map(([, , c]) => c);
      if (comments.some((c) => c !== '')) e.comments = comments;
      return e;
    });
}

const arbEntry = arbEntries(cue, comment);

describe('TMX export and import', () => {
  it('round-trips any entries: tags, dialogue lines, several cues, CJK, & < >', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 6 }), fc.constantFrom('zh-Hans', 'en-US'), (entries, srcLang) => {
        const tmx = exportTmx(entries, { srcLang });
        const back = importTmx(tmx, 'memory.tmx');
        expect(back.diagnostics).toEqual([]);
        expect(back.skipped).toBe(0);
        expect(back.entries).toEqual(entries);
      }),
      { numRuns: 300 },
    );
  });

  it('writes again byte for byte what it read from its own export, carriage returns and separators in a translation or a comment included', () => {
    // A carriage return is a line end to every XML reader, and a line or paragraph separator a line break to subloc's:
    // the export writes them as the line breaks they are read as, so a file survives import and export unchanged.
    const breaking = fc.array(fc.constantFrom('\r', '\r\n', '\u2028', '\u2029', '\n', ' ', 'word', '<i>', '</i>', '&amp;'), { maxLength: 8 }).map((t) => t.join(''));
    const tricky = arbEntries(fc.oneof(cue, breaking), fc.oneof(comment, fc.constantFrom('cr\rhere', 'crlf\r\n', '\r')));
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 6 }), fc.constantFrom('zh-Hans', 'en-US'), (entries, srcLang) => {
        const tmx = exportTmx(entries, { srcLang });
        const back = importTmx(tmx, 'memory.tmx');
        expect(back.diagnostics).toEqual([]);
        expect(exportTmx(back.entries, { srcLang })).toBe(tmx);
      }),
      { numRuns: 300 },
    );
    const entries = fc.sample(tricky, { numRuns: 60, seed: 11 });
    expect(validateText(exportTmx(entries, { srcLang: 'zh-Hans' }), 'tmx-1.4b', 'memory.tmx')).toEqual({ ok: true, out: '' });
    const [cr] = importTmx(exportTmx([entry({ target: ['- Yes.\r\n- No.\rFine.'], comments: [' a\r\nb '] })], { srcLang: 'zh-Hans' }), 'memory.tmx').entries;
    expect(cr).toMatchObject({ target: ['- Yes.\n- No.\nFine.'], comments: [' a\nb '] });
  });

  it('keeps the time of a change to the millisecond beside the whole second of `changedate`, while the two agree', () => {
    const tmx = exportTmx([entry({ updatedAt: '2026-11-28T16:00:00.456Z' })], { srcLang: 'zh-Hans' });
    expect(tmx).toContain('changedate="20261128T160000Z"');
    expect(tmx).toContain('<prop type="x-subloc-time">2026-11-28T16:00:00.456Z</prop>');
    expect(importTmx(tmx, 'memory.tmx').entries[0]?.updatedAt).toBe('2026-11-28T16:00:00.456Z');
    // A tool that changed the unit since wrote its own changedate: the prop is of an older state.
    expect(importTmx(tmx.replace('changedate="20261128T160000Z"', 'changedate="20261128T160001Z"'), 'memory.tmx').entries[0]?.updatedAt).toBe('2026-11-28T16:00:01.000Z');
    expect(importTmx(tmx.replace(/ (creation|change)date="[^"]*"/g, ''), 'memory.tmx').entries[0]?.updatedAt).toBe(UNDATED);
    // A whole second needs no prop.
    expect(exportTmx([entry({ updatedAt: '2026-11-28T16:00:00.000Z' })], { srcLang: 'zh-Hans' })).not.toContain('x-subloc-time');
  });

  it('keeps what a reviewer decided cue by cue, and their comments: a memory restored from its export loses no approved cue', () => {
    // One cue approved in the studio, the other still a draft: the unit is a draft as a whole. Exported without the cues'
    // own statuses, it came back a draft through and through, and a fresh memory restored from it had lost the approval.
    const decided = entry({ source: ['一', '二'], target: ['one', 'two'], status: 'draft', cueStatus: ['approved', 'draft'], comments: ['checked with the director', ''], reviewer: 'Lin' });
    const tmx = exportTmx([decided], { srcLang: 'zh-Hans' });
    const back = importTmx(tmx, 'memory.tmx');
    expect(back.diagnostics).toEqual([]);
    expect(back.entries).toEqual([decided]);
    expect(validateText(tmx, 'tmx-1.4b', 'memory.tmx')).toEqual({ ok: true, out: '' });
  });

  it('keeps that a reviewer stored an entry, so a restored memory still holds it over any later import; an older export says it by its provider', () => {
    const byMarie = entry({ source: ['北京'], target: ['Pékin'], status: 'reviewed', provider: 'xliff', reviewer: 'Marie', byReviewer: true });
    const tmx = exportTmx([byMarie], { srcLang: 'zh-Hans' });
    expect(tmx).toContain('<prop type="x-subloc-by-reviewer">yes</prop>');
    expect(importTmx(tmx, 'backup.tmx').entries).toEqual([byMarie]);
    const older = tmx.replace(/\s*<prop type="x-subloc-by-reviewer">yes<\/prop>/, '');
    expect(importTmx(older, 'backup.tmx').entries).toEqual([byMarie]);
    // A machine draft stored by a review import's provider is still no reviewer's work.
    const { byReviewer: _, ...plain } = byMarie;
    expect(importTmx(exportTmx([{ ...plain, status: 'draft' }], { srcLang: 'zh-Hans' }), 'd.tmx').entries[0]!.byReviewer).toBeUndefined();
  });

  it('reads cue statuses that do not fit the unit as the unit\'s status, and says so', () => {
    const tmx = exportTmx([entry({ source: ['一', '二'], target: ['one', 'two'], status: 'draft', cueStatus: ['approved', 'draft'] })], { srcLang: 'zh-Hans' });
    for (const bad of ['approved', 'approved final', 'approved draft reviewed']) {
      const back = importTmx(tmx.replace('>approved draft<', `>${bad}<`), 'memory.tmx');
      expect(back.entries).toMatchObject([{ status: 'draft' }]);
      expect(back.entries[0]).not.toHaveProperty('cueStatus');
      const line = tmx.slice(0, tmx.indexOf('x-subloc-cue-status')).split('\n').length;
      expect(back.diagnostics).toMatchObject([{ code: 'tmx/bad-cue-status', severity: 'warning', line }]);
    }
  });

  it('writes an undated entry without dates, so it comes back undated', () => {
    const tmx = exportTmx([entry({ updatedAt: UNDATED })], { srcLang: 'zh-Hans' });
    expect(tmx).not.toMatch(/date=/);
    expect(importTmx(tmx, 'memory.tmx').entries[0]?.updatedAt).toBe(UNDATED);
  });

  it('writes cue breaks, dialogue breaks and styles as TMX inline codes', () => {
    const tmx = exportTmx([entry({ source: ['<i>喂？</i>', '- 你好\n- 您好'], target: ['<i>Hello?</i>', '- Hi\n- Hello &amp; bye'], status: 'reviewed', reviewer: 'Lin' })], { srcLang: 'zh-Hans' });
    expect(tmx).toContain(
      '<tuv xml:lang="zh-Hans"><seg><bpt i="1" type="italic">&lt;i&gt;</bpt>喂？<ept i="1">&lt;/i&gt;</ept><ph type="x-cue-break"/>- 你好<ph type="lb"/>- 您好</seg></tuv>',
    );
    expect(tmx).toContain('- Hi<ph type="lb"/>- Hello &amp; bye</seg>');
    expect(tmx).toContain('<prop type="x-subloc-status">reviewed</prop>');
    expect(tmx).toContain('<prop type="x-subloc-glossary">g1</prop>');
    expect(tmx).toContain('<prop type="x-subloc-reviewer">Lin</prop>');
    expect(tmx).toContain('changedate="20261101T100000Z"');
    expect(exportTmx([entry({ source: ['<b>a</b><u>b</u>'] })], { srcLang: 'zh-Hans' })).toContain(
      '<bpt i="1" type="bold">&lt;b&gt;</bpt>a<ept i="1">&lt;/b&gt;</ept><bpt i="2" type="ulined">&lt;u&gt;</bpt>b<ept i="2">&lt;/u&gt;</ept>',
    );
  });

  it('reads a line or paragraph separator in a seg as the line break a tool typed', () => {
    const tmx = exportTmx([entry({ source: ['你好'], target: ['Hi'] })], { srcLang: 'zh-Hans' }).replace('>Hi</seg>', '>- Hi\u2028- Hello\u2029there</seg>');
    expect(importTmx(tmx, 'memory.tmx').entries[0]?.target).toEqual(['- Hi\n- Hello\nthere']);
  });

  it('keys a source cue as its track does: a line break inside one speaker\'s words, as a CAT tool keeps the subtitle\'s layout, is joined', () => {
    const lines = (...texts: string[]): Span[][] => texts.map((t) => [span(t)]);
    const zh = ['这座城市有两千多万人口，', '每天有六万个电话。'];
    const en = ['Over twenty million people', 'live in this city.'];
    const dialogue = ['-您在哪个区？', '-东城区。'];
    const tmx = exportTmx([entry({ source: ['x', 'y', 'z'], target: ['a', 'b', 'c'] })], { srcLang: 'zh-Hans' })
      .replace('<seg>x<ph type="x-cue-break"/>y<ph type="x-cue-break"/>z</seg>', `<seg>${zh.join('<ph type="lb"/>')}<ph type="x-cue-break"/>${dialogue.join('<ph type="lb"/>')}<ph type="x-cue-break"/>${zh[0]}\n${zh[1]}</seg>`);
    expect(importTmx(tmx, 'memory.tmx').entries[0]?.source).toEqual([toTagged(lines(...zh), 'zh-Hans'), toTagged(lines(...dialogue), 'zh-Hans'), toTagged(lines(...zh), 'zh-Hans')]);
    const english = exportTmx([entry({ sourceLang: 'en-US', targetLang: 'fr-FR', source: ['x'], target: ['a'] })], { srcLang: 'en-US' }).replace('<seg>x</seg>', `<seg>${en.join('<ph type="lb"/>')}</seg>`);
    expect(importTmx(english, 'memory.tmx').entries[0]?.source).toEqual([toTagged(lines(...en), 'en-US')]);
    expect(toTagged(lines(...en), 'en-US')).toBe('Over twenty million people live in this city.');
    // White space a tool left at the break: a subtitle reader keeps none at a line's end.
    const spaced = english.replace('people<ph type="lb"/>live', 'people <ph type="lb"/> live');
    expect(importTmx(spaced, 'memory.tmx').entries[0]?.source).toEqual([toTagged(lines(...en), 'en-US')]);
    const zhSpaced = tmx.replace(`${zh[0]}<ph type="lb"/>${zh[1]}`, `${zh[0]} <ph type="lb"/>${zh[1]}`);
    expect(importTmx(zhSpaced, 'memory.tmx').entries[0]?.source[0]).toBe(toTagged(lines(...zh), 'zh-Hans'));
  });

  it('writes TMX that validates against the TMX 1.4b DTD', () => {
    const entries = fc.sample(arbEntry, { numRuns: 60, seed: 7 });
    entries.push(entry({ sourceLang: 'en-US', source: ['<i>unclosed', 'closed</b>'], target: ['a', 'b'] }));
    const valid = validateText(exportTmx(entries, { srcLang: 'zh-Hans' }), 'tmx-1.4b', 'memory.tmx');
    expect(valid).toEqual({ ok: true, out: '' });
    // The check itself can fail: a header without its required o-tmf does not validate.
    const invalid = validateText(exportTmx(entries.slice(0, 1), { srcLang: 'zh-Hans' }).replace(' o-tmf="subloc"', ''), 'tmx-1.4b', 'memory.tmx');
    expect(invalid.ok).toBe(false);
    expect(invalid.out).toMatch(/^memory\.tmx:\d+: .*header does not carry attribute o-tmf/m);
  });

  it('imports the example of the subloc TMX format', () => {
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="subloc" creationtoolversion="0.1.0" segtype="block" o-tmf="subloc" adminlang="en" srclang="zh-Hans" datatype="plaintext"/>
  <body>
    <tu tuid="hotline-beijing-2" creationdate="20261128T160000Z" changedate="20261128T160000Z">
      <prop type="x-subloc-status">reviewed</prop>
      <prop type="x-subloc-provider">tmx</prop>
      <tuv xml:lang="zh-Hans"><seg>这座城市有两千多万人口，<ph type="x-cue-break"/>每天超过60,000个来电打进12345市民服务热线。</seg></tuv>
      <tuv xml:lang="en-US"><seg>This city is home to over 20 million people,<ph type="x-cue-break"/>and more than 60,000 calls a day reach the 12345 citizen service hotline.</seg></tuv>
    </tu>
  </body>
</tmx>`;
    expect(importTmx(tmx, 'hotline.tmx')).toEqual({
      entries: [
        {
          sourceLang: 'zh-Hans',
          targetLang: 'en-US',
          source: ['这座城市有两千多万人口，', '每天超过60,000个来电打进12345市民服务热线。'],
          target: ['This city is home to over 20 million people,', 'and more than 60,000 calls a day reach the 12345 citizen service hotline.'],
          glossaryVersion: '',
          provider: 'tmx',
          status: 'reviewed',
          updatedAt: '2026-11-28T16:00:00.000Z',
        },
      ],
      diagnostics: [],
      skipped: 0,
    });
  });
});

describe('TMX from other tools', () => {
  const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="SomeCAT" creationtoolversion="9" srclang="EN-US" adminlang="en" datatype="html" o-tmf="cat" segtype="sentence">
</header>
<body>
<tu tuid="1" creationdate="20250102T030405Z">
<tuv lang="en-US"><seg>Call the <bpt i="1">&lt;b&gt;</bpt>hotline<ept i="1">&lt;/b&gt;</ept> now &amp; wait.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Appelez la <bpt i="1">&lt;b&gt;</bpt>ligne<ept i="1">&lt;/b&gt;</ept> &amp; attendez.</seg></tuv>
<tuv xml:lang="de-DE"><seg>Rufen Sie die Hotline an.</seg></tuv>
</tu>
<tu tuid="2">
<tuv xml:lang="en-US"><seg>Press <bpt i="1" type="link">&lt;a href="x"&gt;</bpt>here<ept i="1">&lt;/a&gt;</ept><ph x="2">{br}</ph></seg></tuv>
<tuv xml:lang="fr-FR"><seg>Appuyez <hi type="x-term">ici</hi></seg></tuv>
<tuv xml:lang="es-ES"><seg></seg></tuv>
</tu>
</body>
</tmx>`;

  it('reads plain segs as one cue, recognised styles from their content, and several targets per unit', () => {
    const { entries, diagnostics } = importTmx(foreign, 'cat.tmx', { status: 'approved' });
    expect(entries.map((e) => [e.sourceLang, e.targetLang, e.source, e.target, e.status, e.provider, e.updatedAt])).toEqual([
      // The header's `EN-US` in BCP 47's canonical case, as every tag the memory keeps.
      ['en-US', 'fr-FR', ['Call the <b>hotline</b> now &amp; wait.'], ['Appelez la <b>ligne</b> &amp; attendez.'], 'approved', 'tmx', '2025-01-02T03:04:05.000Z'],
      ['en-US', 'de-DE', ['Call the <b>hotline</b> now &amp; wait.'], ['Rufen Sie die Hotline an.'], 'approved', 'tmx', '2025-01-02T03:04:05.000Z'],
      // Undated, as many CAT tools export: older than anything a memory holds.
      ['en-US', 'fr-FR', ['Press &lt;a href="x"&gt;here&lt;/a&gt;{br}'], ['Appuyez ici'], 'approved', 'tmx', UNDATED],
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['tmx/unsupported-code', 'warning', 12],
      ['tmx/unsupported-code', 'warning', 13],
      ['tmx/empty-target', 'warning', 14],
    ]);
    expect(diagnostics[0]?.message).toMatch(/`<bpt type="link">`, `<ept>`, `<ph>`.*kept their content as text/);
  });

  it('reads language tags in any case and with underscores (`ZH-HANS`, `en_US`, as OmegaT and Trados write them) as the memory keeps them', () => {
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="OmegaT" creationtoolversion="6" srclang="ZH_HANS" adminlang="EN-US" datatype="plaintext" o-tmf="OmegaT TMX" segtype="sentence"/>
<body>
<tu><tuv xml:lang="zh-Hans"><seg>一</seg></tuv><tuv xml:lang="en_US"><seg>one</seg></tuv><tuv xml:lang="FR-fr"><seg>un</seg></tuv></tu>
<tu srclang="zh_hans"><tuv xml:lang="ZH-HANS"><seg>二</seg></tuv><tuv xml:lang="EN-us"><seg>two</seg></tuv></tu>
</body>
</tmx>`;
    const { entries, diagnostics, skipped } = importTmx(tmx, 'omegat.tmx');
    expect(diagnostics).toEqual([]);
    expect(skipped).toBe(0);
    expect(entries.map((e) => [e.sourceLang, e.targetLang, e.source, e.target])).toEqual([
      ['zh-Hans', 'en-US', ['一'], ['one']],
      ['zh-Hans', 'fr-FR', ['一'], ['un']],
      ['zh-Hans', 'en-US', ['二'], ['two']],
    ]);
  });

  it('reads a real TMX made by OpenXLIFF without an error', () => {
    const text = readFileSync(join(SCHEMAS, 'tmx-1.4b/samples/openxliff/OpenXLIFF_Java_es.tmx'), 'utf8');
    const { entries, diagnostics, skipped } = importTmx(text, 'OpenXLIFF_Java_es.tmx');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(skipped).toBe(0);
    // A sentence the file repeats is one entry, as the memory keeps it.
    expect(entries.length).toBe(new Set(entries.map((e) => e.source.join('\u001f'))).size);
    expect(entries.length).toBeGreaterThan(400);
    expect(entries[0]).toMatchObject({ sourceLang: 'en', targetLang: 'es', source: ['Wrong XLIFF version'], target: ['Versión de XLIFF incorrecta'], status: 'reviewed' });
  });
});

describe('TMX import diagnostics', () => {
  const wrap = (header: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n${header}\n<body>\n${body}\n</body>\n</tmx>\n`;
  const HEADER = '<header creationtool="t" creationtoolversion="1" segtype="block" o-tmf="t" adminlang="en" srclang="zh-Hans" datatype="plaintext"/>';

  it('reports a header without srclang and skips the units that name none', () => {
    const text = wrap(
      '<header creationtool="t" creationtoolversion="1" segtype="block" o-tmf="t" adminlang="en" datatype="plaintext"/>',
      '<tu><tuv xml:lang="zh-Hans"><seg>一</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu>\n<tu srclang="zh-Hans"><tuv xml:lang="zh-Hans"><seg>二</seg></tuv><tuv xml:lang="en"><seg>two</seg></tuv></tu>',
    );
    const r = importTmx(text, 'x.tmx');
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/missing-srclang', severity: 'error', line: 3 }]);
    expect(r.entries.map((e) => e.target)).toEqual([['two']]);
    expect(r.skipped).toBe(1);
  });

  it('takes the source language given for units a srclang="*all*" header leaves without one, and says once how many it skipped without it', () => {
    const all = HEADER.replace('srclang="zh-Hans"', 'srclang="*all*"');
    const tus = ['一', '二', '三'].map((zh, i) => `<tu><tuv xml:lang="en-US"><seg>${i + 1}</seg></tuv><tuv xml:lang="zh-Hans"><seg>${zh}</seg></tuv></tu>`).join('\n');
    const given = importTmx(wrap(all, tus), 'x.tmx', { source: 'zh-Hans' });
    expect(given.diagnostics).toEqual([]);
    expect(given.entries.map((e) => [e.sourceLang, e.source, e.targetLang, e.target])).toEqual([
      ['zh-Hans', ['一'], 'en-US', ['1']],
      ['zh-Hans', ['二'], 'en-US', ['2']],
      ['zh-Hans', ['三'], 'en-US', ['3']],
    ]);
    const none = importTmx(wrap(all, tus), 'x.tmx');
    expect(none.diagnostics).toMatchObject([{ code: 'tmx/tu-without-srclang', severity: 'error', line: 5 }]);
    expect(none.diagnostics[0]!.message).toContain('3 have no `srclang`');
    expect(none.skipped).toBe(3);
  });

  it('settles a sentence the file translates twice as the memory would, and says so: the newer, else the later at equal date', () => {
    const tu = (en: string, date = '') => `<tu${date}><tuv xml:lang="zh-Hans"><seg>好。</seg></tuv><tuv xml:lang="en-US"><seg>${en}</seg></tuv></tu>`;
    const undated = importTmx(wrap(HEADER, [tu('Okay.'), tu('Fine.'), tu('Good.'), tu('Good.')].join('\n')), 'x.tmx');
    expect(undated.entries.map((e) => e.target)).toEqual([['Good.']]);
    expect(undated.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['tmx/repeated-unit', 6],
      ['tmx/repeated-unit', 7],
    ]);
    expect(undated.diagnostics[1]!.message).toContain('at line 6 too, differently; the memory keeps one translation a sentence: kept this one');
    const dated = importTmx(wrap(HEADER, [tu('Newer.', ' changedate="20261201T000000Z"'), tu('Older.', ' changedate="20250101T000000Z"')].join('\n')), 'x.tmx');
    expect(dated.entries.map((e) => e.target)).toEqual([['Newer.']]);
    expect(dated.diagnostics[0]!.message).toContain('kept the earlier one');
  });

  it('reports a unit without a source variant, with its line', () => {
    const r = importTmx(wrap(HEADER, '<tu>\n<tuv xml:lang="en"><seg>one</seg></tuv>\n</tu>'), 'x.tmx');
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/no-source-tuv', severity: 'error', line: 5 }]);
    expect(r.diagnostics[0]?.message).toContain('found `en`');
    expect(r.entries).toEqual([]);
    expect(r.skipped).toBe(1);
  });

  it('skips a target whose cue count differs from the source, and keeps the others', () => {
    const r = importTmx(
      wrap(
        HEADER,
        '<tu>\n<tuv xml:lang="zh-Hans"><seg>一<ph type="x-cue-break"/>二</seg></tuv>\n<tuv xml:lang="en"><seg>one two</seg></tuv>\n<tuv xml:lang="fr"><seg>un<ph type="x-cue-break"/>deux</seg></tuv>\n</tu>',
      ),
      'x.tmx',
    );
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/cue-count-mismatch', severity: 'error', line: 7 }]);
    expect(r.diagnostics[0]?.message).toMatch(/the en `<seg>` has 1 cue and the source has 2/);
    expect(r.entries.map((e) => [e.targetLang, e.target])).toEqual([['fr', ['un', 'deux']]]);
    expect(r.skipped).toBe(1);
  });

  it('imports an unknown status as a draft, with a warning on the prop', () => {
    const r = importTmx(wrap(HEADER, '<tu>\n<prop type="x-subloc-status">final</prop>\n<tuv xml:lang="zh-Hans"><seg>一</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu>'), 'x.tmx');
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/unknown-status', severity: 'warning', line: 6 }]);
    expect(r.entries[0]?.status).toBe('draft');
  });

  it('refuses a DOCTYPE that declares entities (a billion laughs) and reads nothing', () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!ENTITY l0 "lol">\n${laughs}\n]>\n<tmx version="1.4">${HEADER}<body><tu><tuv xml:lang="zh-Hans"><seg>&l9;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`;
    const r = importTmx(bomb, 'bomb.tmx');
    expect(r.entries).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/doctype-entities', severity: 'error', line: 3 }]);

    const external = `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<tmx version="1.4">${HEADER}<body><tu><tuv xml:lang="zh-Hans"><seg>&secret;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`;
    expect(importTmx(external, 'external.tmx').diagnostics).toMatchObject([{ code: 'tmx/doctype-entities', severity: 'error', line: 2 }]);
  });

  it('reports a document that is not well-formed, or not TMX, with its line', () => {
    const broken = importTmx(wrap(HEADER, '<tu>\n<tuv xml:lang="zh-Hans"><seg>一</tuv>\n</tu>'), 'x.tmx');
    expect(broken.diagnostics).toMatchObject([{ code: 'tmx/not-well-formed', severity: 'error', line: 6 }]);
    const twice = importTmx(wrap(HEADER, '<tu>\n<tuv xml:lang="zh-Hans" xml:lang="en"><seg>一</seg></tuv>\n</tu>'), 'x.tmx');
    expect(twice.diagnostics).toMatchObject([{ code: 'tmx/not-well-formed', severity: 'error', line: 6 }]);
    const xliff = importTmx('<?xml version="1.0"?>\n<xliff version="1.2"/>', 'x.xlf');
    expect(xliff.diagnostics).toMatchObject([{ code: 'tmx/not-tmx', severity: 'error', line: 2 }]);
    expect(xliff.diagnostics[0]?.message).toContain('x.xlf has the root element `<xliff>`');
  });

  it('warns about a date it cannot read and takes the unit as undated', () => {
    const r = importTmx(wrap(HEADER, '<tu changedate="2026-11-28">\n<tuv xml:lang="zh-Hans"><seg>一</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu>'), 'x.tmx');
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/bad-date', severity: 'warning', line: 5 }]);
    expect(r.diagnostics[0]?.message).toContain('took the unit as undated (older than any entry in the memory)');
    expect(r.entries[0]?.updatedAt).toBe(UNDATED);
  });

  it.each(['20261399T999999Z', '20260230T120000Z', '20261128T246000Z'])('takes %s, a date that does not exist, as undated: rolled over, it would outrank real later work', (date) => {
    const r = importTmx(wrap(HEADER, `<tu changedate="${date}">\n<tuv xml:lang="zh-Hans"><seg>一</seg></tuv><tuv xml:lang="en"><seg>one</seg></tuv></tu>`), 'x.tmx');
    expect(r.diagnostics).toMatchObject([{ code: 'tmx/bad-date', severity: 'warning', line: 5 }]);
    expect(r.entries[0]?.updatedAt).toBe(UNDATED);
  });

  it('dates a variant by its own changedate, else its unit’s changedate or creationdate, else as undated', () => {
    const r = importTmx(
      wrap(
        HEADER,
        [
          '<tu creationdate="20250101T000000Z"><tuv xml:lang="zh-Hans"><seg>一</seg></tuv><tuv xml:lang="en" changedate="20260101T000000Z"><seg>one</seg></tuv><tuv xml:lang="fr"><seg>un</seg></tuv></tu>',
          '<tu><tuv xml:lang="zh-Hans"><seg>二</seg></tuv><tuv xml:lang="en"><seg>two</seg></tuv></tu>',
        ].join('\n'),
      ),
      'x.tmx',
    );
    expect(r.entries.map((e) => [e.target[0], e.updatedAt])).toEqual([
      ['one', '2026-01-01T00:00:00.000Z'],
      ['un', '2025-01-01T00:00:00.000Z'],
      ['two', UNDATED],
    ]);
  });
});
