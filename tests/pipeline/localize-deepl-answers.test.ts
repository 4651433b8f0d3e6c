import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry } from '../../src/memory/store.js';
import { lineText } from '../../src/model/spans.js';
import type { Cue } from '../../src/model/track.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { segment } from '../../src/translate/segment.js';
import { plainOf } from '../../src/model/tagged-text.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';
import type { Misbehaviour } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const KEY = 'answers-test-key:fx';
const source = parse(readFileSync(sample)).track;
const units = segment(source);

/**
 * The server's translation is its source with an `[EN-US] ` mark (CJK has no
 * case), so a cue's translated words name the cue they came from. No glossary
 * here (the run is in an empty folder): its terms would replace words.
 */
const words = (text: string) =>
  plainOf(text.replace(/<\/?[A-Za-z][^>]*>/g, ''))
    .replace(/\[[A-Z-]+\] /g, '')
    .replace(/\s+/g, '')
    .toUpperCase();
const cueWords = (cue: Cue) => words(cue.lines.map((l) => lineText(l)).join(' '));
const unitWords = (texts: readonly string[]) => texts.map(words).join('');

describe('subloc localize when DeepL answers do not match their requests (a proxy altering them)', () => {
  const t = deeplPerTest(KEY);

  const out = (...path: string[]) => join(t.dir, 'out/hotline-beijing/en-US', ...path);
  const run = (...extra: string[]) =>
    cli(['localize', '--input', sample, '--target', 'en-US', '--formats', 'srt', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), ...extra], t.dir, t.env);
  const stored = async (): Promise<MemoryEntry[]> => {
    const memory = openMemory(join(t.dir, 'memory.sqlite'));
    try {
      return await memory.entries();
    } finally {
      await memory.close();
    }
  };
  /** The units DeepL was asked for (one text each), as their words. */
  const requested = () => new Set(t.deepl.state.requests.filter((r) => r.path === '/v2/translate').flatMap((r) => (r.params?.get('text') ?? []).map(words)));
  const expectNothingMisplaced = async () => {
    const track = parse(readFileSync(out('hotline-beijing.en-US.srt'))).track;
    const misplaced = track.cues.filter((c, i) => !c.lines.some((l) => lineText(l).startsWith('[untranslated]')) && cueWords(c) !== cueWords(source.cues[i]!));
    expect(misplaced.map((c) => c.id)).toEqual([]);
    for (const entry of await stored()) expect(entry.target.map(words)).toEqual(entry.source.map(words));
  };

  it.each<Misbehaviour>(['swap-cues', 'drop-cue-tags', 'empty-cues', 'invent-cues'])('gives every cue its own text when the answers come back with %s', async (misbehaviour) => {
    t.deepl.options.misbehaviour = misbehaviour;
    const r = await run('--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.languages[0]).toMatchObject({ untranslated: 0, unplaced: 0, machine: source.cues.length });
    expect(report.totals.billedCharacters).toBe(t.deepl.state.billedCharacters);
    await expectNothingMisplaced();
    expect((await stored())).toHaveLength(units.length);
  });

  it('keeps each protected number with the words DeepL moved it with, from one cue of a sentence to the other, and swaps none by position', async () => {
    const input = join(t.dir, 'calls.zh-Hans.srt');
    writeFileSync(input, '1\n00:00:01,000 --> 00:00:03,000\n市民拨打12345，\n\n2\n00:00:03,200 --> 00:00:05,000\n反映了3个问题。\n');
    // English puts the purpose first: every <c> and <x> element kept, the clauses in the other order.
    t.deepl.options.postprocess = (text) => (text.includes('<x>12345</x>') && text.includes('<x>3</x>') ? '<c n="0">To report <x>3</x> problems,</c> <c n="1">citizens called <x>12345</x>.</c>' : text);
    const r = await cli(['localize', '--input', input, '--target', 'en-US', '--glossary', join(root, 'glossary.json'), '--no-condense', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json'], t.dir, t.env);
    expect(r.code, r.stderr).toBe(0);
    const track = parse(readFileSync(join(t.dir, 'out/calls/en-US/calls.en-US.srt'))).track;
    expect(track.cues.map((c) => c.lines.map(lineText).join(' '))).toEqual(['To report 3 problems,', 'citizens called 12345.']);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.languages[0]!.diagnostics.map((d) => d.code)).not.toContain('glossary/protected-changed');
  });

  it('rejects a batch answered one translation short, stores nothing of it, exits 1, and a healthy re-run asks only for what is missing', async () => {
    t.deepl.fail({ type: 'misbehave', misbehaviour: 'drop-translation' });
    t.deepl.options.latencyMs = 30;
    const bad = await run('--concurrency', '2');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DeepL at http:\/\/127\.0\.0\.1:\d+ answered a request of \d+ texts \(units \d+ to \d+, \d+ of them\) with \d+ translations/);
    expect(bad.stderr).toContain('rejected whole');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const kept = (await stored());
    // The other batch was in flight and is kept; the rejected one left nothing behind.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(units.length);
    expect(t.deepl.state.requests.filter((q) => q.path === '/v2/translate')).toHaveLength(2);

    t.deepl.reset();
    t.deepl.options.latencyMs = 0;
    const again = await run('--json');
    expect(again.code).toBe(0);
    const keptUnits = new Set(kept.map((e) => unitWords(e.source)));
    const missing = units.map((u) => unitWords(u.source)).filter((u) => !keptUnits.has(u));
    expect([...requested()].sort()).toEqual(missing.sort());
    expect((JSON.parse(again.stdout) as RunReport).languages[0]).toMatchObject({ fromMemory: expect.any(Number), untranslated: 0 });
    await expectNothingMisplaced();
    expect((await stored())).toHaveLength(units.length);
  });

  it('rejects a batch answered in the wrong order (the right count, a protected number on another text), stores nothing of it, and a re-run asks only for it', async () => {
    t.deepl.fail({ type: 'misbehave', misbehaviour: 'rotate-translations' });
    t.deepl.options.latencyMs = 30;
    const glossary = ['--glossary', join(root, 'glossary.json'), '--no-condense'];
    const bad = await run('--concurrency', '2', ...glossary);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DeepL at http:\/\/127\.0\.0\.1:\d+ answered a request of \d+ texts \(units \d+ to \d+, \d+ of them\) with translations out of their texts' order/);
    expect(bad.stderr).toContain('rejected whole');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const rotated = new Set((t.deepl.state.requests.find((q) => q.path === '/v2/translate')?.params?.get('text') ?? []).map(words));
    expect(rotated.size).toBeGreaterThan(0);
    const kept = await stored();
    expect(kept.filter((e) => rotated.has(unitWords(e.source)))).toEqual([]);

    t.deepl.reset();
    t.deepl.options.latencyMs = 0;
    const again = await run(...glossary);
    expect(again.code, again.stderr).toBe(0);
    expect([...requested()].sort()).toEqual([...rotated].sort());
    expect(await stored()).toHaveLength(units.length);
  });

  it('marks a cue DeepL answers nothing for even alone, in every output, and stores nothing of its unit', async () => {
    // Every <c> dropped, so each unit of several cues is asked again cue by cue; then cue 3 comes back empty.
    const cue3 = source.cues[2]!;
    t.deepl.options.postprocess = (text) => (/<c\b/.test(text) ? text.replace(/<\/?c\b[^>]*>/g, '') : words(text) === cueWords(cue3) ? '' : text);
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/en-US .*1 unplaced/);
    const report = JSON.parse(readFileSync(join(t.dir, 'out/hotline-beijing/run.json'), 'utf8')) as RunReport;
    expect(report.languages[0]).toMatchObject({ unplaced: 1, untranslated: 1 });
    expect(report.languages[0]!.diagnostics).toContainEqual(expect.objectContaining({ code: 'translate/cue-unplaced', severity: 'warning', cueId: cue3.id }));
    const qc = JSON.parse(readFileSync(out('qc.json'), 'utf8')) as { findings: { code: string; cueId?: string }[] };
    expect(qc.findings).toContainEqual(expect.objectContaining({ code: 'translate/cue-unplaced', cueId: cue3.id }));
    expect(readFileSync(out('hotline-beijing.en-US.xlf'), 'utf8')).toMatch(/<note [^>]*>warning: translate\/cue-unplaced: DeepL&apos;s answer for unit 2|<note [^>]*>warning: translate\/cue-unplaced: DeepL's answer for unit 2/);
    expect(readFileSync(out('hotline-beijing.en-US.review.html'), 'utf8')).toContain('translate/cue-unplaced');
    const track = parse(readFileSync(out('hotline-beijing.en-US.srt'))).track;
    expect(lineText(track.cues[2]!.lines[0]!)).toMatch(/^\[untranslated\]/);
    expect(cueWords(track.cues[1]!)).toBe(cueWords(source.cues[1]!));
    await expectNothingMisplaced();
    expect((await stored()).map((e) => unitWords(e.source))).not.toContain(unitWords(units[1]!.source));

    t.deepl.reset();
    delete t.deepl.options.postprocess;
    const again = await run('--json');
    expect(again.code).toBe(0);
    expect([...requested()]).toEqual([unitWords(units[1]!.source)]);
    expect((JSON.parse(again.stdout) as RunReport).languages[0]).toMatchObject({ unplaced: 0, untranslated: 0 });
  });

  it('leaves the cue whose text DeepL refuses (400) untranslated, says which, and writes every cue and language else, on this run and the next', async () => {
    const detail = 'Text contains unsupported characters';
    /** A run of two languages with DeepL refusing cue 43's text: it ends well, that cue alone untranslated in each. */
    const refusedRun = async (): Promise<RunReport> => {
      t.deepl.reset();
      t.deepl.fail({ type: 'status', status: 400, message: 'Bad request', detail, contains: '接听大厅', times: 1000 });
      const r = await cli(['localize', '--input', sample, '--target', 'en-US,fr-FR', '--formats', 'srt', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json'], t.dir, t.env);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout) as RunReport;
      expect(report.languages.map((l) => [l.language, l.untranslated, l.unplaced])).toEqual([
        ['en-US', 1, 1],
        ['fr-FR', 1, 1],
      ]);
      expect(report.totals.billedCharacters).toBe(t.deepl.state.billedCharacters);
      return report;
    };
    const report = await refusedRun();
    for (const language of report.languages) {
      const found = language.diagnostics.filter((d) => d.code === 'translate/cue-unplaced');
      expect(found.map((d) => d.cueId)).toEqual(['43']);
      expect(found[0]!.message).toContain('接听大厅里依然坐满了人');
      expect(found[0]!.message).toContain(detail);
      const track = parse(readFileSync(join(t.dir, `out/hotline-beijing/${language.language}/hotline-beijing.${language.language}.srt`))).track;
      const marked = track.cues.filter((c) => c.lines.some((l) => lineText(l).startsWith('[untranslated]')));
      expect(marked.map((c) => c.id)).toEqual(['43']);
    }
    // Every other unit asked and billed once per language, and the refused one not stored.
    expect(t.deepl.state.texts).toBe(2 * (units.length - 1));
    expect(await stored()).toHaveLength(2 * (units.length - 1));
    // The next run asks for that sentence alone, and DeepL refuses it again: the run still writes every language.
    await refusedRun();
  });

  it('says, when it stops, what an answer cut short may have cost beside what DeepL reported', async () => {
    t.deepl.fail({ type: 'raw', status: 200, contentType: 'application/json; charset=utf-8', body: '{"translations":[{"text":"[EN-US] 北' });
    const r = await run('--concurrency', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('truncated JSON');
    expect(r.stderr).toMatch(/up to \d+ more characters may have been billed, by 1 request that timed out or was cut short after DeepL may have translated it\)/);
  });
});
