import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const ROOT = process.cwd();
const SAMPLE = join(ROOT, 'subtitles', 'hotline-beijing.zh-Hans.srt');

const SOURCE = `1
00:00:01,000 --> 00:00:03,000
每天超过60,000个来电

2
00:00:03,500 --> 00:00:06,000
打进12345市民服务热线。

3
00:00:06,500 --> 00:00:09,000
北京，早上七点。
`;

const TARGET = `1
00:00:01,000 --> 00:00:03,000
Over 60,000 calls a day

2
00:00:03,500 --> 00:00:04,000
reach the 12345 citizen service hotline.

3
00:00:06,500 --> 00:00:09,000
北京，早上七点。
`;

describe('subloc qc', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'source.srt'), SOURCE);
    writeFileSync(join(dir, 'target.srt'), TARGET);
    writeFileSync(join(dir, 'lenient.json'), JSON.stringify({ name: 'Lenient', rules: { 'min-duration': 'off', 'reading-speed': 'off', untranslated: 'warning' } }));
  });

  it('prints one `file: cue N: severity: message [code]` line a finding, and exits 1 when an error remains', async () => {
    const r = await cli(['qc', 'target.srt', '--language', 'en-US', '--source', 'source.srt', '--source-language', 'zh-Hans'], dir);
    expect(r.stdout.split('\n')).toEqual([
      'target.srt: cue 2: warning: reading speed 80 characters/s, expected at most 20 (en-US, Netflix); 60 over — shorten by about 30 characters or extend the cue by 1.5 s [qc/reading-speed]',
      'target.srt: cue 2: error: duration 0.5 s, expected at least 0.833 s (Netflix); 0.333 s short — extend the cue or merge it with a neighbour [qc/min-duration]',
      'target.srt: cue 3: error: identical to the zh-Hans source "北京，早上七点。", expected a translation into en-US [qc/untranslated]',
      '',
    ]);
    expect(r.stderr).toBe('subloc qc: target.srt: 2 errors, 1 warnings in 3 cues (profile default, en-US)\n');
    expect(r.code).toBe(1);
  });

  it('does not take a cue identical to a source of unknown language for untranslated', async () => {
    const r = await cli(['qc', 'target.srt', '--language', 'en-US', '--source', 'source.srt', '--profile', 'lenient.json'], dir);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('takes the source language from the glossary and reports glossary findings by their own codes', async () => {
    const r = await cli(['qc', 'target.srt', '--language', 'en-US', '--source', 'source.srt', '--glossary', join(ROOT, 'glossary.json'), '--profile', 'lenient.json'], dir);
    expect(r.stdout.split('\n')).toEqual([
      'target.srt: cue 3: warning: identical to the zh-Hans source "北京，早上七点。", expected a translation into en-US [qc/untranslated]',
      'target.srt: cue 3: warning: expected `Beijing` for 北京 (term `beijing`), found none of its renderings [glossary/missing-term]',
      '',
    ]);
    expect(r.code).toBe(0);
  });

  it('writes JSON with --json', async () => {
    const r = await cli(['qc', 'target.srt', '--language', 'en-US', '--profile', 'lenient.json', '--json'], dir);
    expect(JSON.parse(r.stdout)).toEqual({ file: 'target.srt', language: 'en-US', profile: 'lenient', findings: [] });
    expect(r.code).toBe(0);
  });

  it('finds no error in the bundled sample, written to the Netflix Chinese figures', async () => {
    const r = await cli(['qc', SAMPLE, '--language', 'zh-Hans'], dir);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/: 0 errors, 0 warnings in 112 cues \(profile default, zh-Hans\)\n$/);
    expect(r.code).toBe(0);
  });

  it('checks the sample against the festival profile, 2 s minimum, at 25 fps', async () => {
    const r = await cli(['qc', SAMPLE, '--language', 'zh-Hans', '--profile', 'festival', '--fps', '25', '--json'], dir);
    const report = JSON.parse(r.stdout) as { profile: string; findings: { code: string; cueId: string }[] };
    expect(report.profile).toBe('festival');
    expect(new Set(report.findings.map((f) => f.code))).toEqual(new Set(['qc/min-duration']));
    expect(report.findings[0]).toMatchObject({ cueId: '1', severity: 'error' });
    expect(r.code).toBe(1);
  });

  it.each([
    [['qc', 'target.srt'], 'cannot tell the language of target.srt; pass --language'],
    [['qc', 'target.srt', '--language', 'English'], '--language `English` is not a BCP 47 tag'],
    [['qc', 'target.srt', '--language', 'en', '--fps', 'fast'], '--fps `fast` is not a frame rate'],
    [['qc', 'target.srt', '--language', 'en', '--glossary', 'g.json'], '--glossary needs --source'],
    [['qc', '--language', 'en'], 'expected one track file, found 0'],
  ])('refuses %j as a usage error', async (argv, message) => {
    const r = await cli(argv, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('takes the language a TTML file states when neither --language nor its name says one', async () => {
    writeFileSync(join(dir, 'film.ttml'), '<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="ja"><body><div><p begin="00:00:01.000" end="00:00:03.000">これはとても長い字幕の行で十三文字を超えています</p></div></body></tt>\n');
    const r = await cli(['qc', 'film.ttml', '--json'], dir);
    const report = JSON.parse(r.stdout) as { language: string; findings: { code: string }[] };
    expect(report.language).toBe('ja');
    expect(report.findings.map((f) => f.code)).toContain('qc/line-length');
    writeFileSync(join(dir, 'nolang.ttml'), '<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">x</p></div></body></tt>\n');
    const unknown = await cli(['qc', 'nolang.ttml'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('cannot tell the language of nolang.ttml');
  });

  it('fails on an unknown profile, a bad profile file and an unreadable track', async () => {
    writeFileSync(join(dir, 'bad.json'), '{ "maxLines": { "value": 0, "source": "x" } }');
    const unknown = await cli(['qc', 'target.srt', '--language', 'en', '--profile', 'netflix'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown profile `netflix`; expected `default`, `festival` or a profile file (.json)');
    const bad = await cli(['qc', 'target.srt', '--language', 'en', '--profile', 'bad.json'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.json:1:26: `maxLines.value` must be a whole number of at least 1, found 0');
    const missing = await cli(['qc', 'none.srt', '--language', 'en'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });
});
