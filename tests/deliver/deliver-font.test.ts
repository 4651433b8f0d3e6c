import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/deliver/manifest.js';
import { cli } from '../helpers/cli.js';
import { fontWithCharacters } from '../helpers/font-file.js';
import { localizeSample } from '../helpers/localize-sample.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');
/** Latin with its accents and punctuation: what the European languages of the sample need, and no CJK. */
const LATIN: [number, number][] = [
  [0x21, 0x24f],
  [0x2010, 0x206f],
  [0x20ac, 0x20ac],
];
/** Kana, CJK punctuation, ideographs and full-width forms besides: every language of the sample. */
const EVERY: [number, number][] = [...LATIN, [0x3000, 0x30ff], [0x4e00, 0x9fff], [0xff00, 0xffef]];

interface Delivered {
  languages: { language: string; delivered: boolean; refusal?: string; findings: { code: string; severity: string; message: string; cueId?: string }[] }[];
  manifest: Manifest;
}

describe('deliver and the font of the DCP subtitles', () => {
  let work = '';
  let memory = '';
  beforeAll(async () => {
    ({ work, memory } = await localizeSample('out', '--target', 'fr-FR,ja-JP'));
    writeFileSync(join(work, 'latin.ttf'), fontWithCharacters(LATIN));
    writeFileSync(join(work, 'every.otf'), fontWithCharacters(EVERY, { kind: 'cff' }));
    writeFileSync(join(work, 'large.ttf'), fontWithCharacters(EVERY, { padTo: 700 * 1024 }));
  }, 120_000);

  const deliver = async (out: string, ...args: string[]) => {
    const r = await cli(['deliver', '--config', config, '--memory', memory, '--language', 'fr-FR,ja-JP', '--formats', 'srt,dcp-interop,dcp-smpte', '--out', join(work, out), '--fix-timing', '--json', ...args], root, {});
    return { ...r, report: r.stdout === '' ? undefined : (JSON.parse(r.stdout) as Delivered) };
  };

  it('without a font: each language is delivered with a warning that its DCP files need one', async () => {
    const { code, report } = await deliver('none');
    expect(code).toBe(0);
    for (const l of report!.languages) {
      expect(l.delivered).toBe(true);
      expect(l.findings.filter((f) => f.code === 'deliver/font-needed')).toEqual([
        { code: 'deliver/font-needed', severity: 'warning', message: expect.stringContaining('dcp-interop and dcp-smpte draw the text with a font the DCP carries') },
      ]);
    }
    expect(existsSync(join(work, 'none/hotline-beijing/fr-FR/font.ttf'))).toBe(false);
  });

  it('with a font that covers every character: delivered as font.ttf in each language folder, listed in the manifest', async () => {
    const { code, report } = await deliver('every', '--font', join(work, 'every.otf'));
    expect(code).toBe(0);
    const font = readFileSync(join(work, 'every.otf'));
    for (const language of ['fr-FR', 'ja-JP']) {
      const l = report!.languages.find((x) => x.language === language)!;
      expect(l.delivered).toBe(true);
      expect(l.findings.filter((f) => f.code.startsWith('deliver/font'))).toEqual([]);
      expect(readFileSync(join(work, `every/hotline-beijing/${language}/font.ttf`))).toEqual(font);
    }
    const manifest = JSON.parse(readFileSync(join(work, 'every/hotline-beijing/manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.filter((f) => f.format === 'font')).toEqual(
      ['fr-FR', 'ja-JP'].map((language) => ({ path: `${language}/font.ttf`, language, format: 'font', bytes: font.byteLength, sha256: createHash('sha256').update(font).digest('hex') })),
    );
    // The Interop file loads the font by the name it is delivered under.
    expect(readFileSync(join(work, 'every/hotline-beijing/fr-FR/hotline-beijing.fr-FR.dcp-interop.xml'), 'utf8')).toContain('URI="font.ttf"');

    // Delivered again without --font, the font in the folder is checked, kept and still listed as delivered.
    const again = await deliver('every');
    expect(again.code).toBe(0);
    expect(again.report!.languages.flatMap((l) => l.findings.filter((f) => f.code.startsWith('deliver/font')))).toEqual([]);
    const kept = JSON.parse(readFileSync(join(work, 'every/hotline-beijing/manifest.json'), 'utf8')) as Manifest;
    expect(kept.files.filter((f) => f.format === 'font').map((f) => [f.path, f.unverified])).toEqual([
      ['fr-FR/font.ttf', undefined],
      ['ja-JP/font.ttf', undefined],
    ]);
  });

  it('with a font that lacks characters of a language: that language is refused, each cue named, the others delivered', async () => {
    const { code, report } = await deliver('latin', '--font', join(work, 'latin.ttf'));
    expect(code).toBe(1);
    const fr = report!.languages.find((l) => l.language === 'fr-FR')!;
    const ja = report!.languages.find((l) => l.language === 'ja-JP')!;
    expect(fr.delivered).toBe(true);
    expect(ja.delivered).toBe(false);
    expect(ja.refusal).toContain('font-glyphs');
    const glyphs = ja.findings.filter((f) => f.code === 'deliver/font-glyphs');
    expect(glyphs.length).toBeGreaterThan(50);
    expect(glyphs[0]).toMatchObject({ severity: 'error', cueId: '1', message: expect.stringMatching(/^the font .*latin\.ttf has no glyph for \d+ characters of this track: 北 京/) });
    expect(existsSync(join(work, 'latin/hotline-beijing/ja-JP'))).toBe(false);
    // --allow-qc-errors waives QC's findings, not a font that cannot draw the text.
    const allowed = await deliver('latin-allowed', '--font', join(work, 'latin.ttf'), '--allow-qc-errors');
    const jaAllowed = allowed.report!.languages.find((l) => l.language === 'ja-JP')!;
    expect(jaAllowed.delivered).toBe(false);
    expect(jaAllowed.refusal).toMatch(/font-glyphs/);
    expect(existsSync(join(work, 'latin-allowed/hotline-beijing/ja-JP'))).toBe(false);
  });

  it('a font.ttf in a language folder that is no font is said to be one, not taken for a missing font', async () => {
    const first = await deliver('unusable');
    expect(first.code).toBe(0);
    writeFileSync(join(work, 'unusable/hotline-beijing/fr-FR/font.ttf'), '<html>a download page saved as font.ttf</html>');
    const { report } = await deliver('unusable');
    const fr = report!.languages.find((l) => l.language === 'fr-FR')!;
    expect(fr.findings.filter((f) => f.code.startsWith('deliver/font'))).toEqual([
      { code: 'deliver/font-unusable', severity: 'warning', message: expect.stringContaining('fr-FR/font.ttf is in the language\'s folder, where the DCP files load their font, but it is not a subtitle font: it is not a TrueType or OpenType font') },
    ]);
  });

  it('--font for a delivery without DCP formats is said to be unused', async () => {
    const r = await cli(['deliver', '--config', config, '--memory', memory, '--language', 'fr-FR', '--formats', 'srt', '--out', join(work, 'srt-only'), '--fix-timing', '--font', join(work, 'every.otf')], root, {});
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--font is given, but no format of this delivery (srt) draws its text with a font the package carries (the DCP formats do): the font is not delivered');
    expect(existsSync(join(work, 'srt-only/hotline-beijing/fr-FR/font.ttf'))).toBe(false);
  });

  it('a font over 640 KB is said to be too large for Interop', async () => {
    const { report } = await deliver('large', '--font', join(work, 'large.ttf'));
    expect(report!.languages[0]!.findings.filter((f) => f.code === 'deliver/font-too-large')).toEqual([
      { code: 'deliver/font-too-large', severity: 'warning', message: expect.stringContaining('is 700 KB; dcp-interop packages take fonts up to 640 KB') },
    ]);
  });

  it('a file that is no font is refused before anything is delivered, saying what it is', async () => {
    writeFileSync(join(work, 'web.woff2'), Buffer.from('wOF2\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00'));
    const { code, stderr } = await deliver('woff', '--font', join(work, 'web.woff2'));
    expect(code).toBe(1);
    expect(stderr).toContain('web.woff2: not a subtitle font: it is a web font (WOFF)');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, 'woff'))).toBe(false);
    const missing = await deliver('missing', '--font', join(work, 'nowhere.ttf'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--font');
    expect(missing.stderr).toContain('nowhere.ttf');
  });
});
