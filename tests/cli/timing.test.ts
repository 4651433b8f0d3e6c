import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../src/model/frame-rate.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const SRT = `1
00:00:01,000 --> 00:00:01,400
你好。

2
00:00:01,900 --> 00:00:04,000
请问您住在哪个区？

3
00:00:03,900 --> 00:00:06,000
东城区。
`;

describe('subloc timing fix', () => {
  it('writes the timed track beside the original, lists every change and leaves the original as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'call.zh-Hans.srt'), SRT);
    const result = await cli(['timing', 'fix', 'call.zh-Hans.srt'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'call.zh-Hans.srt'), 'utf8')).toBe(SRT);
    expect(result.stdout).toContain('cue 1 out: 1400 ms → 1833 ms (min-duration)');
    expect(result.stdout).toContain('cue 2 out: 4000 ms → 3833 ms (overlap)');
    const fixed = parse(readFileSync(join(dir, 'call.timed.zh-Hans.srt'))).track;
    const fps = parseFrameRate('24')!;
    expect(fixed.cues.map((c) => c.lines)).toEqual(parse(SRT).track.cues.map((c) => c.lines));
    for (const c of fixed.cues) expect(framesToMs(msToFrames(c.end, fps), fps)).toBe(c.end);
    expect(fixed.cues[1]!.end).toBeLessThan(fixed.cues[2]!.start);
  });

  it('brings the sample source closer to the festival profile, and reports as JSON', async () => {
    const dir = tempDir();
    const source = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
    const qc = async (file: string) => (await cli(['qc', file, '--language', 'zh-Hans', '--profile', 'festival', '--fps', '24', '--json'], dir)).stdout;
    const errors = (json: string) => (JSON.parse(json) as { findings: { severity: string }[] }).findings.filter((f) => f.severity === 'error').length;
    const result = await cli(['timing', 'fix', source, '--profile', 'festival', '-o', join(dir, 'festival.zh-Hans.srt'), '--json'], dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { changes: unknown[]; findings: { code: string }[] };
    expect(report.changes.length).toBeGreaterThan(0);
    const before = errors(await qc(source));
    const after = errors(await qc(join(dir, 'festival.zh-Hans.srt')));
    expect(after).toBeLessThan(before);
    expect(report.findings.filter((f) => f.code.startsWith('timing/')).length).toBeGreaterThanOrEqual(after);
  });

  it('writes a frame-timecode SRT back in frame labels at the rate read, `;` kept, each fixed time on a frame of that rate', async () => {
    const dir = tempDir();
    // A broadcast export at 25 fps: cue 1 is too short, cue 2 overlaps cue 3.
    writeFileSync(join(dir, 'call.zh-Hans.srt'), '1\n00:00:01:00 --> 00:00:01:10\n你好。\n\n2\n00:00:02:10 --> 00:00:04:00\n请问您住在哪个区？\n\n3\n00:00:03:22 --> 00:00:06:00\n东城区。\n');
    const result = await cli(['timing', 'fix', 'call.zh-Hans.srt', '--fps', '25'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/: (warning|error): /);
    const text = readFileSync(join(dir, 'call.timed.zh-Hans.srt'), 'utf8');
    const timings = text.split('\n').filter((line) => line.includes('-->'));
    expect(timings).toHaveLength(3);
    for (const line of timings) expect(line).toMatch(/^\d\d:\d\d:\d\d:\d\d --> \d\d:\d\d:\d\d:\d\d$/);
    const fps = parseFrameRate('25')!;
    const fixed = parse(readFileSync(join(dir, 'call.timed.zh-Hans.srt')), { fileName: 'call.timed.zh-Hans.srt', frameRate: fps }).track;
    expect(fixed.cues[0]!.end).toBeGreaterThan(1400);
    expect(fixed.cues[1]!.end).toBeLessThan(fixed.cues[2]!.start);
    for (const c of fixed.cues) for (const ms of [c.start, c.end]) expect(framesToMs(msToFrames(ms, fps), fps)).toBe(ms);

    writeFileSync(join(dir, 'drop.zh-Hans.srt'), '1\n01:00:00;00 --> 01:00:00;10\n你好。\n');
    expect((await cli(['timing', 'fix', 'drop.zh-Hans.srt', '--fps', '29.97df'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'drop.timed.zh-Hans.srt'), 'utf8')).toBe('1\n01:00:00;00 --> 01:00:00;25\n你好。\n');
  });

  it('refuses a file whose language it cannot tell, and an unknown action', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'call.srt'), SRT);
    expect((await cli(['timing', 'fix', 'call.srt'], dir)).stderr).toContain('cannot tell the language of call.srt');
    expect((await cli(['timing', 'shift', 'call.srt'], dir)).code).toBe(2);
  });
});

describe('subloc qc', () => {
  it('times a track at the reading speed of the language asked for, not the one its file claims', async () => {
    const dir = tempDir();
    // A WebVTT template's `Language: en` on a Japanese track: 6 characters in 1 s, English speed but not Japanese (1.5 s).
    writeFileSync(join(dir, 'd.ja.vtt'), 'WEBVTT\nLanguage: en\n\n00:00:01.000 --> 00:00:02.000\nこんにちは。\n');
    const r = await cli(['timing', 'fix', 'd.ja.vtt', '--language', 'ja', '-o', 'd2.ja.vtt', '--json'], dir);
    const report = JSON.parse(r.stdout) as { language: string; changes: { cueId: string; after: number; rule: string }[] };
    expect(report.language).toBe('ja');
    expect(report.changes).toEqual([expect.objectContaining({ cueId: '1', after: 2500, rule: 'reading-speed' })]);
  });

  it('keeps the file\'s own cue numbers (1, 2, 3, 5) and names each cue by them; in another format, as the file written numbers it', async () => {
    const dir = tempDir();
    const cues = [1, 2, 3, 5].map((n, k) => `${n}\n00:00:0${2 * k},000 --> 00:00:0${2 * k},400\n${k === 3 ? 'A line far too long to read in that time.' : 'Hi.'}\n`);
    writeFileSync(join(dir, 'h.en.srt'), cues.join('\n'));
    const r = await cli(['timing', 'fix', 'h.en.srt', '--json'], dir);
    const report = JSON.parse(r.stdout) as { changes: { cueId: string }[]; findings: { code: string; cueId?: string }[] };
    expect(new Set(report.changes.map((c) => c.cueId))).toEqual(new Set(['1', '2', '3', '5']));
    expect(report.findings.filter((f) => f.code.startsWith('timing/')).map((f) => f.cueId)).toContain('5');
    expect(parse(readFileSync(join(dir, 'h.timed.en.srt'))).track.cues.map((c) => c.id)).toEqual(['1', '2', '3', '5']);

    // A WebVTT of named cues written as SRT, which numbers them 1, 2, 3, 4: what the fix says names the written cues.
    writeFileSync(join(dir, 'v.en.vtt'), `WEBVTT\n\n${['a', 'b', 'c', 'd'].map((id, k) => `${id}\n00:00:0${2 * k}.000 --> 00:00:0${2 * k}.400\n${k === 3 ? 'A line far too long to read in that time.' : 'Hi.'}\n`).join('\n')}`);
    const v = await cli(['timing', 'fix', 'v.en.vtt', '-o', 'v.en.srt', '--json'], dir);
    const converted = JSON.parse(v.stdout) as { changes: { cueId: string }[]; findings: { code: string; cueId?: string }[] };
    expect(new Set(converted.changes.map((c) => c.cueId))).toEqual(new Set(['1', '2', '3', '4']));
    expect(converted.findings.filter((f) => f.code.startsWith('timing/')).map((f) => f.cueId)).toContain('4');
    expect(converted.findings.filter((f) => f.code.startsWith('timing/')).map((f) => f.cueId)).not.toContain('d');
    expect(parse(readFileSync(join(dir, 'v.en.srt'))).track.cues.map((c) => c.id)).toEqual(['1', '2', '3', '4']);
  });

  it('keeps a DCP or TTML file in its own format and on its own frame rate, named beside it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'film.en.srt'), '1\n00:00:01,000 --> 00:00:03,000\nHello there\n\n2\n00:00:03,200 --> 00:00:05,000\nSecond cue\n');
    expect((await cli(['convert', 'film.en.srt', '--to', 'dcp-smpte', '--fps', '25', '-o', 'film.en.dcp-smpte.xml'], dir)).code).toBe(0);
    expect((await cli(['convert', 'film.en.srt', '--to', 'ttml', '--fps', '25', '-o', 'film.en.ttml'], dir)).code).toBe(0);
    const dcp = await cli(['timing', 'fix', 'film.en.dcp-smpte.xml', '--json'], dir);
    expect(dcp.code, dcp.stderr).toBe(0);
    expect(JSON.parse(dcp.stdout)).toMatchObject({ output: 'film.timed.en.dcp-smpte.xml', language: 'en', fps: '25' });
    const written = readFileSync(join(dir, 'film.timed.en.dcp-smpte.xml'), 'utf8');
    expect(written).toContain('<SubtitleReel');
    expect(written).toContain('<EditRate>25 1</EditRate>');
    const ttml = await cli(['timing', 'fix', 'film.en.ttml', '--json'], dir);
    expect(JSON.parse(ttml.stdout)).toMatchObject({ fps: '25' });
    expect(readFileSync(join(dir, 'film.timed.en.ttml'), 'utf8')).toContain('ttp:frameRate="25"');
    // EBU-TT-D, read by the TTML reader: its own format and its authored frame rate (ebuttm:authoredFrameRate).
    expect((await cli(['convert', 'film.en.srt', '--to', 'ebu-tt-d', '--fps', '25', '-o', 'film.en.ebu-tt-d.xml'], dir)).code).toBe(0);
    const ebu = await cli(['timing', 'fix', 'film.en.ebu-tt-d.xml', '--json'], dir);
    expect(JSON.parse(ebu.stdout)).toMatchObject({ output: 'film.timed.en.ebu-tt-d.xml', fps: '25' });
    expect(readFileSync(join(dir, 'film.timed.en.ebu-tt-d.xml'), 'utf8')).toContain('<ebuttm:authoredFrameRate>25</ebuttm:authoredFrameRate>');
    // A DCP or TTML says its language itself, as `qc` reads it: a name without one is no reason to refuse.
    expect((await cli(['convert', 'film.en.srt', '--to', 'dcp-smpte', '--fps', '25', '--language', 'en', '-o', 'reel.xml'], dir)).code).toBe(0);
    const own = await cli(['timing', 'fix', 'reel.xml', '--json'], dir);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ output: 'reel.timed.xml', language: 'en', fps: '25' });
    // The output's name may still ask for another format.
    expect((await cli(['timing', 'fix', 'film.en.dcp-smpte.xml', '-o', 'fixed.en.srt'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'fixed.en.srt'), 'utf8')).toMatch(/^1\n00:00:01,000 --> /);
  });

  it('counts no move where an Interop DCP holds a time on its frame as finely as its 4 ms ticks can write it', async () => {
    const dir = tempDir();
    // 9625 ms is frame 231 at 24 fps; Interop writes it as tick 156 of its second, read back as 9624 ms.
    writeFileSync(join(dir, 'film.en.srt'), '1\n00:00:01,000 --> 00:00:03,000\nHello there\n\n2\n00:00:07,500 --> 00:00:09,625\nSecond cue\n');
    expect((await cli(['convert', 'film.en.srt', '--to', 'dcp-interop', '--fps', '24', '-o', 'film.en.dcp-interop.xml'], dir)).code).toBe(0);
    expect(parse(readFileSync(join(dir, 'film.en.dcp-interop.xml'))).track.cues[1]!.end).toBe(9624);
    const fixed = await cli(['timing', 'fix', 'film.en.dcp-interop.xml', '--json'], dir);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((JSON.parse(fixed.stdout) as { changes: unknown[] }).changes).toEqual([]);
  });

  it('never extends an out-time to 24:00:00:00, where timecodes wrap', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'late.en.srt'), '1\n23:59:59,500 --> 23:59:59,700\nA long line that needs far more time to read.\n');
    const r = await cli(['timing', 'fix', 'late.en.srt', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const fixed = parse(readFileSync(join(dir, 'late.timed.en.srt'))).track.cues[0]!;
    expect(fixed.end).toBeLessThan(24 * 3_600_000);
    expect(fixed.end).toBe(framesToMs(24 * 3600 * 24 - 1, parseFrameRate('24')!));
    // The fixed file keeps its language where qc reads it: fix, then check, as the README says.
    const qc = await cli(['qc', 'late.timed.en.srt', '--json'], dir);
    expect((JSON.parse(qc.stdout) as { language: string }).language).toBe('en');
  });

  it('reads the language from the file name as timing fix does, and --language overrides it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'call.zh-Hans.srt'), SRT);
    const language = async (...args: string[]) => (JSON.parse((await cli(['qc', 'call.zh-Hans.srt', '--json', ...args], dir)).stdout) as { language: string }).language;
    expect(await language()).toBe('zh-Hans');
    expect(await language('--language', 'zh-Hant')).toBe('zh-Hant');
  });
});
