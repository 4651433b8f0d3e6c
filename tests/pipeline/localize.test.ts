import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];

describe('subloc localize (walking skeleton)', () => {
  let out: string;
  let report: RunReport;

  beforeAll(async () => {
    out = tempDir();
    const r = await cli(['localize', '--config', join(root, 'subloc.config.json'), '--out', out, '--json'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.stdout) as RunReport;
  });

  it('reports every language, with where each draft came from', () => {
    const source = parse(readFileSync(sample)).track;
    expect(report.cues).toBe(source.cues.length);
    expect(report.languages.map((l) => l.language)).toEqual(TARGETS);
    for (const l of report.languages) {
      expect(l).toMatchObject({ cues: source.cues.length, drafted: source.cues.length, untranslated: 0, providers: { pseudo: source.cues.length } });
    }
    expect(JSON.parse(readFileSync(join(out, 'hotline-beijing/run.json'), 'utf8'))).toEqual(report);
  });

  it('writes each language in each format with the source timing, cue for cue', () => {
    const source = parse(readFileSync(sample)).track;
    for (const lang of TARGETS) {
      for (const ext of ['srt', 'vtt', 'ttml']) {
        const { track, diagnostics } = parse(readFileSync(join(out, 'hotline-beijing', lang, `hotline-beijing.${lang}.${ext}`)));
        expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        expect(track.cues.map((c) => [c.start, c.end])).toEqual(source.cues.map((c) => [c.start, c.end]));
        expect(track.cues.every((c) => c.lines.length > 0)).toBe(true);
        if (ext === 'ttml') expect(track.language).toBe(lang);
      }
    }
  });

  it('keeps the phone voice in italics', () => {
    const source = parse(readFileSync(sample)).track;
    const en = parse(readFileSync(join(out, 'hotline-beijing/en-US/hotline-beijing.en-US.srt'))).track;
    const italic = (c: (typeof source.cues)[number]) => c.lines.some((l) => l.some((s) => s.italic));
    expect(en.cues.map(italic)).toEqual(source.cues.map(italic));
    expect(en.cues.filter(italic).length).toBeGreaterThan(0);
  });

  it('works from the command line alone, without a config file', async () => {
    const dir = tempDir();
    const r = await cli(['localize', '--input', sample, '--target', 'fr-FR', '--formats', 'vtt', '--out', dir], root);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'hotline-beijing/fr-FR/hotline-beijing.fr-FR.vtt'), 'utf8')).toMatch(/^WEBVTT/);
  });

  it('says what is wrong with a config, naming the file', async () => {
    const r = await cli(['localize', '--input', sample, '--target', 'english', '--out', tempDir()], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('`english` is not a BCP 47 language tag');
  });
});
