import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import type { Cue } from '../../src/model/track.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { UNTRANSLATED_MARK } from '../../src/model/untranslated.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];
const source = parse(readFileSync(sample)).track;
const italic = (c: Cue) => c.lines.some((l) => l.some((s) => s.italic));

describe('subloc localize on the bundled sample, offline (no key)', () => {
  let out: string;
  let report: RunReport;

  beforeAll(async () => {
    out = tempDir();
    const r = await cli(['localize', '--config', join(root, 'subloc.config.json'), '--out', out, '--memory', join(out, 'memory.sqlite'), '--json'], root, {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as RunReport;
  });

  it('drafts every cue of every language from the reviewed memory, and says so', () => {
    expect(report.provider).toBe('offline');
    expect(report.cues).toBe(source.cues.length);
    expect(report.languages.map((l) => l.language)).toEqual(TARGETS);
    for (const l of report.languages) {
      expect(l).toMatchObject({ cues: source.cues.length, drafted: source.cues.length, fromMemory: source.cues.length, untranslated: 0, billedCharacters: 0 });
      expect(new Set(Object.values(l.origins))).toEqual(new Set(['memory-exact']));
    }
    expect(report.imported.map((i) => i.written + i.unchanged + i.kept)).toEqual(TARGETS.map(() => report.units));
    expect(JSON.parse(readFileSync(join(out, 'hotline-beijing/run.json'), 'utf8'))).toEqual(report);
  });

  it('writes each language in each format with the source timing, cue for cue, italics kept', () => {
    for (const lang of TARGETS) {
      for (const ext of ['srt', 'vtt', 'imsc.ttml']) {
        const { track, diagnostics } = parse(readFileSync(join(out, 'hotline-beijing', lang, `hotline-beijing.${lang}.${ext}`)));
        expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        expect(track.cues.map((c) => [c.start, c.end])).toEqual(source.cues.map((c) => [c.start, c.end]));
        expect(track.cues.every((c) => c.lines.length > 0 && c.lines.length <= 2)).toBe(true);
        expect(track.cues.map(italic)).toEqual(source.cues.map(italic));
        if (ext === 'imsc.ttml') expect(track.language).toBe(lang);
      }
    }
  });

  it('checks every draft against the glossary and reports findings on their cues', () => {
    const en = report.languages.find((l) => l.language === 'en-US')!;
    expect(en.glossaryViolations).toBe(en.diagnostics.filter((d) => d.code.startsWith('glossary/')).length);
    for (const d of en.diagnostics) expect(source.cues.some((c) => c.id === d.cueId)).toBe(true);
  });

  it('marks cues without a draft as untranslated instead of passing off the source', async () => {
    const dir = tempDir();
    const r = await cli(['localize', '--input', sample, '--target', 'fr-FR', '--formats', 'srt', '--out', dir, '--memory', join(dir, 'm.sqlite'), '--json'], root, {});
    expect(r.code).toBe(0);
    const fr = (JSON.parse(r.stdout) as RunReport).languages[0]!;
    expect(fr).toMatchObject({ drafted: 0, untranslated: source.cues.length });
    const track = parse(readFileSync(join(dir, 'hotline-beijing/fr-FR/hotline-beijing.fr-FR.srt'))).track;
    expect(track.cues.every((c) => c.lines[0]![0]!.text.startsWith(UNTRANSLATED_MARK))).toBe(true);
  });

  it('offers the pseudo provider for layout tests', async () => {
    const dir = tempDir();
    const r = await cli(['localize', '--input', sample, '--target', 'de-DE', '--provider', 'pseudo', '--formats', 'vtt', '--out', dir, '--memory', join(dir, 'm.sqlite')], root, {});
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'hotline-beijing/de-DE/hotline-beijing.de-DE.vtt'), 'utf8')).toContain('[de-DE ');
    expect(r.stderr).toContain(`${source.cues.length} cues (`);
    expect(r.stderr).toMatch(/sentence units\) × 1 language, provider pseudo;/);
  });

  it('refuses a glossary named for a track written otherwise (Simplified terms for a Traditional track) before anything is drafted or written', async () => {
    const dir = tempDir();
    const glossary = join(root, 'glossary.json');
    const r = await cli(['localize', '--input', sample, '--source', 'zh-Hant', '--target', 'fr-FR', '--glossary', glossary, '--out', dir, '--memory', join(dir, 'm.sqlite')], root, {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${glossary}:4:21: \`sourceLanguage\` is "zh-Hans", but the source track is zh-Hant; expected a glossary written as the track is`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says what is wrong with the options, naming the place', async () => {
    // A value typed wrong is a usage error (exit 2); a job this machine cannot run (no key) fails (exit 1).
    const r = await cli(['localize', '--input', sample, '--target', 'english', '--out', tempDir()], root, {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`english` is not a BCP 47 language tag');
    const d = await cli(['localize', '--input', sample, '--target', 'fr-FR', '--provider', 'deepl', '--out', tempDir()], root, {});
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('DEEPL_AUTH_KEY');
  });
});
