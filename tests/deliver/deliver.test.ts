import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/deliver/manifest.js';
import { dayFrames } from '../../src/deliver/timecode.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { formatById, formats } from '../../src/formats/index.js';
import { parse } from '../../src/formats/parse.js';
import { formatTimecode, framesToMs, msToFrames, parseFrameRate, snapToFrame } from '../../src/model/frame-rate.js';
import type { FrameRate, Track } from '../../src/model/track.js';
import { cli } from '../helpers/cli.js';
import { localizeSample } from '../helpers/localize-sample.js';
import { fileTree } from '../helpers/file-tree.js';
import { assertValidFile, type SchemaName } from '../helpers/schemas.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');
const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'];
const FESTIVAL = ['srt', 'vtt', 'ttml', 'ebu-tt-d', 'dcp-smpte', 'dcp-interop'];
/** Formats whose adapters are in this build: the others are skipped (with a warning) by `deliver`. */
const REGISTERED = FESTIVAL.filter((id) => formatById(id) !== undefined);
const source = parse(readFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt'))).track;

/** The schemas each XML deliverable must validate against. */
const SCHEMA: Record<string, SchemaName[]> = {
  ttml: ['imsc1', 'ttml2'],
  'ebu-tt-d': ['ebu-tt-d'],
  'dcp-smpte': ['dcp-smpte-2014'],
  'dcp-interop': ['dcp-interop'],
};

function validate(file: string, format: string): void {
  for (const schema of SCHEMA[format] ?? []) assertValidFile(file, schema);
}

/** Every file under `dir`, relative, `/`-separated. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

const onGrid = (ms: number, rate: FrameRate) => framesToMs(msToFrames(ms, rate), rate) === ms;
const times = (t: Track) => t.cues.map((c) => [c.start, c.end] as [number, number]);
/** Formats whose times are 4 ms ticks (Interop DCP), not frames. */
const TICKS = new Set(['dcp-interop']);

function readBack(path: string, format: string, rate: FrameRate): Track {
  const bytes = readFileSync(path);
  const parsed = parse(bytes, { fileName: path, frameRate: rate, format: format as never });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error'), path).toEqual([]);
  return parsed.track;
}

/** Checks a delivery folder against its manifest and returns it. */
function checkDelivery(folder: string, rate: FrameRate, expected: (lang: string, format: string) => [number, number][]): Manifest {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  expect(manifest.tool).toEqual({ name: 'subloc', version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version });
  expect(listFiles(folder).sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  for (const file of manifest.files) {
    const path = join(folder, file.path);
    const bytes = readFileSync(path);
    expect(file.bytes).toBe(statSync(path).size);
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const track = readBack(path, file.format, rate);
    expect(track.cues.length, file.path).toBe(file.cues);
    if (TICKS.has(file.format)) {
      // 4 ms ticks cannot say a frame boundary exactly: the nearest tick, which reads back as the same frame.
      const frames = (t: [number, number][]) => t.map(([a, b]) => [msToFrames(a, rate), msToFrames(b, rate)]);
      expect(frames(times(track)), file.path).toEqual(frames(expected(file.language, file.format)));
      for (const [i, [a, b]] of times(track).entries()) expect(Math.max(Math.abs(a - expected(file.language, file.format)[i]![0]), Math.abs(b - expected(file.language, file.format)[i]![1]))).toBeLessThanOrEqual(2);
    } else {
      expect(times(track), file.path).toEqual(expected(file.language, file.format));
      for (const c of track.cues) expect(onGrid(c.start, rate) && onGrid(c.end, rate), `${file.path} cue ${c.id}`).toBe(true);
    }
    // The manifest says what the file holds: Interop's first and last times are its ticks, on the same frames.
    const [first] = times(track);
    expect(file.first).toEqual({ ms: first![0], timecode: formatTimecode(msToFrames(expected(file.language, file.format)[0]![0], rate), rate) });
    expect(file.last?.ms).toBe(Math.max(...times(track).map(([, end]) => end)));
    validate(path, file.format);
  }
  return manifest;
}

describe('subloc deliver on the bundled sample', () => {
  let work: string;
  let memory: string;

  beforeAll(async () => {
    ({ work, memory } = await localizeSample('out'));
  });

  const run = (args: string[]) => cli(['deliver', '--config', config, '--memory', memory, ...args], root, {});

  it('delivers every language in every festival format at 24 fps, as the manifest says', async () => {
    const out = join(work, 'd24');
    const r = await run(['--fps', '24', '--out', out, '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    const rate = parseFrameRate('24')!;
    const snapped = source.cues.map((c) => [snapToFrame(c.start, rate), snapToFrame(c.end, rate)] as [number, number]);
    const manifest = checkDelivery(join(out, 'hotline-beijing'), rate, () => snapped);
    expect(manifest).toMatchObject({ title: 'hotline-beijing', profile: 'festival', qcProfile: 'festival', frameRate: '24', start: '00:00:00:00', retimed: false, qcErrorsAllowed: true });
    expect(manifest.files.map((f) => f.path)).toEqual(TARGETS.flatMap((l) => REGISTERED.map((id) => `${l}/hotline-beijing.${l}.${({ srt: 'srt', vtt: 'vtt', ttml: 'imsc.ttml' } as Record<string, string>)[id] ?? `${id}.xml`}`)));
    expect(manifest.languages.map((l) => [l.language, l.delivered, l.cues, l.approved + l.reviewed + l.drafts, l.untranslated])).toEqual(TARGETS.map((l) => [l, true, source.cues.length, source.cues.length, 0]));
    for (const id of FESTIVAL.filter((f) => !REGISTERED.includes(f))) expect(r.stderr).toContain(`format \`${id}\` of the festival profile has no adapter`);
  });

  it('delivers the source language as it was written when asked for it, beside a translation', async () => {
    const out = join(work, 'original');
    const r = await run(['--language', 'zh-Hans,en-US', '--out', out, '--fix-timing', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { manifest: Manifest };
    const original = report.manifest.languages.find((l) => l.language === 'zh-Hans')!;
    expect(original).toMatchObject({ delivered: true, original: true, cues: source.cues.length, approved: 0, reviewed: 0, drafts: 0, untranslated: 0, qc: { errors: 0 } });
    expect(report.manifest.languages.find((l) => l.language === 'en-US')).not.toHaveProperty('original');
    const folder = join(out, 'hotline-beijing');
    for (const file of report.manifest.files.filter((f) => f.language === 'zh-Hans')) validate(join(folder, file.path), file.format);
    // Each cue's words as the source has them, on the delivery's frames.
    const srt = parse(readFileSync(join(folder, 'zh-Hans/hotline-beijing.zh-Hans.srt'))).track;
    const words = (t: Track) => t.cues.map((c) => c.lines.map((l) => l.map((x) => x.text).join('')));
    expect(words(srt)).toEqual(words(source));
    expect(r.stderr).not.toContain('source language');
  });

  it('says what its reader said of a source delivered as written, and leaves out its lines that show nothing', async () => {
    const input = join(work, 'odd-source.zh-Hans.srt');
    writeFileSync(input, '1\n00:00:01,000 --> 00:00:04,000\n\u0093热线\u0094\n\n2\n00:00:05,000 --> 00:00:08,000\n第一行\n\u200b\n');
    const out = join(work, 'odd-source');
    const r = await run(['--language', 'zh-Hans', '--input', input, '--out', out, '--formats', 'srt', '--allow-qc-errors', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const findings = (JSON.parse(r.stdout) as { languages: { findings: { code: string; cueId?: string; message: string }[] }[] }).languages[0]!.findings;
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'input/control-characters' }), expect.objectContaining({ code: 'deliver/blank-lines', cueId: '2', message: expect.stringContaining('1 line that shows nothing') })]));
    const srt = parse(readFileSync(join(out, 'hotline-beijing/zh-Hans/hotline-beijing.zh-Hans.srt'))).track;
    expect(srt.cues.map((c) => c.lines.map((l) => l.map((x) => x.text).join('')))).toEqual([['\u201c热线\u201d'], ['第一行']]);
  });

  it('says once, not once per DCP, that two cues overlap in one row, judging by their times, not their order in the file', async () => {
    const input = join(work, 'out-of-order.zh-Hans.srt');
    const cue = (n: number, times: string, text: string) => `${n}\n${times}\n${text}\n\n`;
    writeFileSync(input, cue(1, '00:00:10,000 --> 00:00:12,000', '第二句') + cue(2, '00:00:01,000 --> 00:00:03,000', '第一句') + cue(3, '00:00:11,000 --> 00:00:13,000', '第三句'));
    const out = join(work, 'out-of-order');
    const r = await run(['--language', 'zh-Hans', '--input', input, '--out', out, '--formats', 'dcp-smpte,dcp-interop', '--allow-qc-errors', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const findings = (JSON.parse(r.stdout) as { languages: { findings: { code: string; cueId?: string; message: string }[] }[] }).languages[0]!.findings;
    expect(findings.filter((f) => f.code === 'dcp/overprinted')).toEqual([expect.objectContaining({ cueId: '3', message: expect.stringContaining('cue `1` is still on screen') })]);
  });

  it('refuses a source track inside the delivery folder, which it would deliver over', async () => {
    const out = join(work, 'own-input');
    expect((await run(['--language', 'zh-Hans', '--out', out, '--fix-timing', '--formats', 'srt'])).code).toBe(0);
    const delivered = join(out, 'hotline-beijing/zh-Hans/hotline-beijing.zh-Hans.srt');
    const before = readFileSync(delivered, 'utf8');
    const r = await run(['--language', 'zh-Hans', '--out', out, '--fix-timing', '--formats', 'srt', '--input', delivered, '--start', '01:00:00:00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the source track ${delivered} is inside the delivery folder ${join(out, 'hotline-beijing')}`);
    expect(readFileSync(delivered, 'utf8')).toBe(before);
  });

  it('delivers at 25 fps from 10:00:00:00, every time on the 25 fps grid', async () => {
    const out = join(work, 'd25');
    const r = await run(['--fps', '25', '--start', '10:00:00:00', '--out', out, '--allow-qc-errors', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rate = parseFrameRate('25')!;
    const at = (offset: number) => source.cues.map((c) => [framesToMs(msToFrames(c.start, rate) + offset, rate), framesToMs(msToFrames(c.end, rate) + offset, rate)] as [number, number]);
    // A DCP reel starts at 00:00:00:00 (its StartTime says so), whatever the programme's timecode: the offset is not its to count.
    const reel = new Set(['dcp-smpte', 'dcp-interop']);
    const manifest = checkDelivery(join(out, 'hotline-beijing'), rate, (_, format) => at(reel.has(format) ? 0 : 900_000));
    expect(manifest).toMatchObject({ frameRate: '25', start: '10:00:00:00' });
    expect(manifest.files.filter((f) => !reel.has(f.format)).every((f) => f.first?.timecode.startsWith('10:00:'))).toBe(true);
    expect(manifest.files.filter((f) => reel.has(f.format)).map((f) => f.first?.timecode)).toEqual(TARGETS.flatMap(() => REGISTERED.filter((id) => reel.has(id)).map(() => '00:00:07:13')));
    expect(JSON.parse(r.stdout).manifest).toEqual(manifest);
  });

  it('retimes a 25 fps master to 24 fps by the speed ratio', async () => {
    const out = join(work, 'retimed');
    const r = await run(['--source-fps', '25', '--fps', '24', '--retime', '--formats', 'srt', '--language', 'fr-FR', '--out', out, '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    const rate = parseFrameRate('24')!;
    const expected = source.cues.map((c) => [framesToMs(msToFrames(c.start, parseFrameRate('25')!), rate), framesToMs(msToFrames(c.end, parseFrameRate('25')!), rate)] as [number, number]);
    const manifest = checkDelivery(join(out, 'hotline-beijing'), rate, () => expected);
    expect(manifest).toMatchObject({ retimed: true, source: { language: 'zh-Hans', frameRate: '25' }, frameRate: '24' });
    expect(manifest.files[0]!.last?.ms).toBeGreaterThan(source.cues.at(-1)!.end);
  });

  it('says how a 23.976 master crosses to 24: DCP at 23.976 is refused naming --retime, a real-time conversion to 24 says what it assumes', async () => {
    const noDcpRate = await run(['--source-fps', '23.976', '--formats', 'srt,dcp-smpte', '--language', 'fr-FR', '--out', join(work, 'pulldown-dcp'), '--allow-qc-errors']);
    expect(noDcpRate.code).toBe(2);
    expect(noDcpRate.stderr).toContain('a delivery at 23.976 fps cannot hold dcp-smpte (a DCP plays, and counts, whole frames a second), and a language is delivered whole or not at all; expected --fps 24 --retime');
    expect(existsSync(join(work, 'pulldown-dcp'))).toBe(false);
    const realTime = await run(['--source-fps', '23.976', '--fps', '24', '--formats', 'srt', '--language', 'fr-FR', '--out', join(work, 'pulldown-real-time'), '--allow-qc-errors']);
    expect(realTime.code, realTime.stderr).toBe(0);
    expect(realTime.stderr).toContain("the master's 23.976 fps times are converted to 24 fps in real time; if the picture plays the master's frames at 24 (as a DCP made from a 23.976 master does), pass --retime: otherwise the subtitles drift a frame later every 42 seconds");
    const retimed = await run(['--source-fps', '23.976', '--fps', '24', '--retime', '--formats', 'srt', '--language', 'fr-FR', '--out', join(work, 'pulldown-retimed'), '--allow-qc-errors']);
    expect(retimed.stderr).not.toContain('23.976');
    const other = await run(['--source-fps', '25', '--fps', '24', '--formats', 'srt', '--language', 'fr-FR', '--out', join(work, 'pulldown-25'), '--allow-qc-errors']);
    expect(other.stderr).not.toContain('real time');
  });

  it('refuses a language with QC errors, listing its cues, and delivers the others', async () => {
    const profile = join(work, 'strict-ja.json');
    const off = ['empty-cue', 'glossary', 'line-count', 'max-duration', 'min-duration', 'min-gap', 'numbers', 'overlap', 'reading-speed', 'unbalanced-tags'];
    writeFileSync(profile, JSON.stringify({ extends: 'default', name: 'test', maxCharsPerLine: { value: { default: 1000, ja: 6 }, source: 'test' }, rules: Object.fromEntries(off.map((id) => [id, 'off'])) }));
    const out = join(work, 'gate');
    const r = await run(['--profile', profile, '--formats', 'srt,vtt', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ja-JP: not delivered, \d+ cues with errors: \d+ \(line-length\)/);
    const folder = join(out, 'hotline-beijing');
    expect(existsSync(join(folder, 'ja-JP'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.languages.filter((l) => !l.delivered).map((l) => l.language)).toEqual(['ja-JP']);
    expect(manifest.languages.find((l) => l.language === 'ja-JP')!.refusal).toContain('not delivered');
    expect(new Set(manifest.files.map((f) => f.language))).toEqual(new Set(TARGETS.filter((l) => l !== 'ja-JP')));

    const allowed = await run(['--profile', profile, '--formats', 'srt', '--language', 'ja-JP', '--out', out, '--allow-qc-errors']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(existsSync(join(folder, 'ja-JP/hotline-beijing.ja-JP.srt'))).toBe(true);
  });

  it('refuses a memory that does not exist, naming it, and creates nothing', async () => {
    const missing = join(work, 'nowhere', 'memory.sqlite');
    const out = join(work, 'no-memory');
    const r = await run(['--memory', missing, '--language', 'fr-FR', '--formats', 'srt', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no translation memory at ${missing}`);
    expect(r.stderr).toContain('subloc localize');
    expect(existsSync(join(work, 'nowhere'))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses by name a language the memory has no translation into, saying what to run first', async () => {
    const partial = join(work, 'en-only.sqlite');
    const imported = await cli(['memory', 'import', join(root, 'subtitles/tm/hotline-beijing.en-US.tmx'), '--memory', partial], root, {});
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(work, 'en-only');
    const r = await cli(['deliver', '--config', config, '--memory', partial, '--language', 'fr-FR', '--formats', 'srt', '--out', out, '--allow-qc-errors', '--json'], root, {});
    expect(r.code).toBe(1);
    const [fr] = JSON.parse(r.stdout).languages;
    expect(fr).toMatchObject({ language: 'fr-FR', delivered: false, untranslated: source.cues.length });
    expect(fr.refusal).toContain(`fr-FR: not delivered: the memory ${partial} has no translation from zh-Hans into fr-FR`);
    expect(fr.refusal).toContain('subloc localize --target fr-FR');
    expect(existsSync(out)).toBe(false);
  });

  it.runIf(formatById('dcp-smpte') !== undefined)('refuses a delivery at a rate a format asked for cannot be written at before any language, and delivers the rest without it', async () => {
    const out = join(work, 'ntsc');
    const r = await run(['--fps', '29.97df', '--start', '01:00:00;00', '--formats', 'srt,dcp-smpte', '--language', 'fr-FR', '--out', out, '--allow-qc-errors']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a delivery at 29.97df fps cannot hold dcp-smpte');
    expect(existsSync(out)).toBe(false);
    // Without the format it cannot write, the rest is delivered.
    const srt = await run(['--fps', '29.97df', '--start', '01:00:00;00', '--formats', 'srt', '--language', 'fr-FR', '--out', out, '--allow-qc-errors']);
    expect(srt.code, srt.stderr).toBe(0);
    const rate = parseFrameRate('29.97df')!;
    const expected = source.cues.map((c) => [framesToMs(msToFrames(c.start, rate) + 107_892, rate), framesToMs(msToFrames(c.end, rate) + 107_892, rate)] as [number, number]);
    const manifest = checkDelivery(join(out, 'hotline-beijing'), rate, () => expected);
    expect(manifest).toMatchObject({ frameRate: '29.97df', start: '01:00:00;00' });
    expect(manifest.files.map((f) => [f.format, f.first?.timecode])).toEqual([['srt', '01:00:07;15']]);
  });

  it('takes a frame-timecode source’s programme start off with --source-start, and warns of a source an hour in without it', async () => {
    // The sample as an editing system exports it at 23.976: frame labels counted from 01:00:00:00.
    const rate23 = parseFrameRate('23.976')!;
    const label = (ms: number) => formatTimecode(msToFrames(ms, rate23) + 86_400, rate23);
    const input = join(work, 'programme.zh-Hans.srt');
    writeFileSync(input, source.cues.map((c, i) => `${i + 1}\n${label(c.start)} --> ${label(c.end)}\n${c.lines.map((l) => l.map((s) => s.text).join('')).join('\n')}\n`).join('\n'));
    const args = (out: string, more: string[]) => ['--input', input, '--source-fps', '23.976', '--fps', '24', '--retime', '--formats', 'srt,dcp-smpte', '--language', 'fr-FR', '--out', join(work, out), '--allow-qc-errors', ...more];
    const rate = parseFrameRate('24')!;
    const fromZero = source.cues.map((c) => [framesToMs(msToFrames(c.start, rate23), rate), framesToMs(msToFrames(c.end, rate23), rate)] as [number, number]);

    const late = await run(args('programme-late', []));
    expect(late.code, late.stderr).toBe(0);
    expect(late.stderr).toContain("warning: the source's first cue is at 01:00:07:12, an hour or more in: if the source counts from a programme start (01:00:00:00, broadcast's 10:00:00:00), give it with --source-start 01:00:00:00");
    // A run without it writes the manifest it always wrote: no field of the option, none empty.
    const lateManifest = JSON.parse(readFileSync(join(work, 'programme-late', 'hotline-beijing', 'manifest.json'), 'utf8')) as Manifest;
    expect(Object.keys(lateManifest)).toEqual(['tool', 'created', 'title', 'profile', 'qcProfile', 'source', 'frameRate', 'retimed', 'start', 'qcErrorsAllowed', 'draftsAllowed', 'timingFixed', 'languages', 'files']);
    expect(Object.keys(lateManifest.languages[0]!.delivery!)).toEqual(['created', 'profile', 'qcProfile', 'frameRate', 'retimed', 'start', 'qcErrorsAllowed', 'draftsAllowed', 'timingFixed']);

    const r = await run(args('programme', ['--source-start', '01:00:00:00']));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('an hour or more in');
    const manifest = checkDelivery(join(work, 'programme', 'hotline-beijing'), rate, () => fromZero);
    expect(manifest.files.map((f) => [f.format, f.first?.timecode])).toEqual([['srt', '00:00:07:12'], ['dcp-smpte', '00:00:07:12']]);
    // How the delivery was timed, traceable from its manifest: the start taken off, at the source's rate.
    expect(manifest).toMatchObject({ source: { language: 'zh-Hans', frameRate: '23.976' }, start: '00:00:00:00', sourceStart: '01:00:00:00' });
    expect(manifest.languages[0]!.delivery).toMatchObject({ start: '00:00:00:00', sourceStart: '01:00:00:00', sourceFrameRate: '23.976' });

    // Subtracted before --start is added: the SRT counts from the delivery's start, the reel from its first frame.
    const both = await run(args('programme-start', ['--source-start', '01:00:00:00', '--start', '10:00:00:00']));
    expect(both.code, both.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'programme-start', 'hotline-beijing', 'manifest.json'), 'utf8')).files.map((f: { first?: { timecode: string } }) => f.first?.timecode)).toEqual(['10:00:07:12', '00:00:07:12']);

    // A start past the first cue would put it before the programme: refused, naming the cue.
    const after = await run(args('programme-after', ['--source-start', '01:00:08:00']));
    expect(after.code).toBe(2);
    expect(after.stderr).toContain('--source-start 01:00:08:00: cue 1 starts at 01:00:07:12 (23.976 fps), before it; expected the programme start the source was timed from');
    expect(existsSync(join(work, 'programme-after'))).toBe(false);
  });

  it('takes a millisecond source’s programme start off in seconds as written: at 23.976, 01:00:00:00 is an hour, not 3,603.6 s', async () => {
    // The sample shifted by an hour in milliseconds, as a subtitle tool exports a timeline from 01:00:00:00.
    const rate23 = parseFrameRate('23.976')!;
    const input = join(work, 'hour.zh-Hans.srt');
    writeFileSync(input, formats.srt.serialize({ ...source, cues: source.cues.map((c) => ({ ...c, start: c.start + 3_600_000, end: c.end + 3_600_000 })) }).text);
    const args = (out: string, more: string[]) => ['--input', input, '--source-fps', '23.976', '--fps', '24', '--retime', '--formats', 'srt', '--language', 'fr-FR', '--out', join(work, out), '--allow-qc-errors', ...more];
    const late = await run(args('hour-late', []));
    expect(late.stderr).toContain("the source's first cue is at 01:00:07:12, an hour or more in");
    expect(late.stderr).toContain('give it with --source-start 01:00:00:00');
    const r = await run(args('hour', ['--source-start', '01:00:00:00']));
    expect(r.code, r.stderr).toBe(0);
    const rate = parseFrameRate('24')!;
    checkDelivery(join(work, 'hour', 'hotline-beijing'), rate, () => source.cues.map((c) => [framesToMs(msToFrames(c.start, rate23), rate), framesToMs(msToFrames(c.end, rate23), rate)] as [number, number]));
  });

  it('refuses a --start at or past 24:00:00:00, and times that would cross it, writing nothing', async () => {
    const out = join(work, 'day');
    const past = await run(['--fps', '24', '--start', '24:00:00:00', '--formats', 'dcp-smpte', '--out', out, '--allow-qc-errors']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('--start: `24:00:00:00` is at or past 24:00:00:00; expected a timecode before 24:00:00:00');
    const last = source.cues.at(-1)!;
    const crossing = await run(['--fps', '24', '--start', '23:59:00:00', '--formats', 'dcp-smpte', '--out', out, '--allow-qc-errors']);
    expect(crossing.code).toBe(2);
    const firstPast = source.cues.find((c) => c.end >= 60_000)!;
    expect(crossing.stderr).toContain(`--start 23:59:00:00: cue ${firstPast.id} would end at 24:`);
    expect(crossing.stderr).toContain('at or past 24:00:00:00; expected every time before 24:00:00:00');
    // A 25 fps master retimed to 24 fps counts more frames: a start that fits unretimed may not.
    const r24 = parseFrameRate('24')!;
    const fits = formatTimecode(dayFrames(r24) - msToFrames(last.end, r24) - 1, r24);
    const unretimed = await run(['--fps', '24', '--source-fps', '25', '--start', fits, '--formats', 'srt', '--out', join(work, 'day-fits'), '--allow-qc-errors']);
    expect(unretimed.code, unretimed.stderr).toBe(0);
    const retimed = await run(['--fps', '24', '--source-fps', '25', '--retime', '--start', fits, '--formats', 'srt', '--out', out]);
    expect(retimed.code).toBe(2);
    expect(retimed.stderr).toMatch(/cue \d+ would end at 24:00:\d\d:\d\d at 24 fps/);
    expect(retimed.stderr).toContain('or deliver without --retime');
    expect(existsSync(out)).toBe(false);
  });

  it('retimes a TTML source by its own ttp:frameRate (25 fps to 24), unless --source-fps says otherwise', async () => {
    const ttml = join(work, 'source-25.ttml');
    const written = formatById('ttml')!.serialize(source, { frameRate: parseFrameRate('25')! });
    expect(written.text).toContain('ttp:frameRate="25"');
    writeFileSync(ttml, written.text);
    const out = join(work, 'ttml-retimed');
    const r = await run(['--input', ttml, '--fps', '24', '--retime', '--formats', 'srt', '--language', 'fr-FR', '--out', out, '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    const rate = parseFrameRate('24')!;
    const r25 = parseFrameRate('25')!;
    const expected = source.cues.map((c) => [framesToMs(msToFrames(c.start, r25), rate), framesToMs(msToFrames(c.end, r25), rate)] as [number, number]);
    const manifest = checkDelivery(join(out, 'hotline-beijing'), rate, () => expected);
    expect(manifest).toMatchObject({ retimed: true, source: { language: 'zh-Hans', frameRate: '25' }, frameRate: '24' });
    expect(manifest.languages[0]).toMatchObject({ language: 'fr-FR', delivered: true, untranslated: 0 });

    const told = join(work, 'ttml-told');
    const same = await run(['--input', ttml, '--source-fps', '24', '--fps', '24', '--retime', '--formats', 'srt', '--language', 'fr-FR', '--out', told, '--allow-qc-errors', '--json']);
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).manifest).toMatchObject({ source: { frameRate: '24' } });
    expect(JSON.parse(same.stdout).manifest.files[0].last.ms).toBe(snapToFrame(source.cues.at(-1)!.end, rate));
  });

  it('runs the glossary rule in the gate: a forbidden rendering in the memory blocks the language unless QC errors are allowed', async () => {
    const glossaryOnly = join(work, 'glossary-only.json');
    const off = ['empty-cue', 'line-count', 'line-length', 'max-duration', 'min-duration', 'min-gap', 'numbers', 'overlap', 'reading-speed', 'unbalanced-tags'];
    writeFileSync(glossaryOnly, JSON.stringify({ extends: 'festival', name: 'glossary-only', rules: Object.fromEntries(off.map((id) => [id, 'off'])) }));
    const forbidden = join(work, 'forbidden.sqlite');
    copyFileSync(memory, forbidden);
    const store = openMemory(forbidden);
    try {
      const entry = (await store.entries({ source: 'zh-Hans', target: 'en-US' })).find((e) => e.target.some((t) => JSON.stringify(t).includes('12345 citizen service hotline')))!;
      expect(entry).toBeDefined();
      const target = JSON.parse(JSON.stringify(entry.target).replace('12345 citizen service hotline', 'complaint hotline')) as typeof entry.target;
      await store.put([{ ...entry, target, status: 'approved', reviewer: 'test', updatedAt: new Date(Date.parse(entry.updatedAt) + 1000).toISOString() }]);
    } finally {
      await store.close();
    }
    const args = ['deliver', '--config', config, '--profile', glossaryOnly, '--language', 'en-US', '--formats', 'srt'];
    const clean = await cli([...args, '--memory', memory, '--out', join(work, 'glossary-clean')], root, {});
    expect(clean.code, clean.stderr).toBe(0);

    const out = join(work, 'glossary-gate');
    const refused = await cli([...args, '--memory', forbidden, '--out', out], root, {});
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/en-US: not delivered, 1 cue with errors: \d+ \(glossary\/forbidden\)/);
    expect(existsSync(out)).toBe(false);

    const allowed = await cli([...args, '--memory', forbidden, '--out', out, '--allow-qc-errors', '--json'], root, {});
    expect(allowed.code, allowed.stderr).toBe(0);
    const [en] = JSON.parse(allowed.stdout).languages;
    expect(en).toMatchObject({ delivered: true, qc: { errors: 1 } });
    expect(en.findings).toContainEqual(expect.objectContaining({ code: 'glossary/forbidden', severity: 'error', message: expect.stringContaining('complaint hotline') }));
    expect(readFileSync(join(out, 'hotline-beijing/en-US/hotline-beijing.en-US.srt'), 'utf8')).toContain('complaint hotline');
  });

  it('refuses to deliver into localize’s run folder, and localize refuses a delivery’s, writing nothing', async () => {
    const drafts = join(work, 'out');
    const before = fileTree(join(drafts, 'hotline-beijing'), 'base64');
    const into = await run(['--out', drafts, '--language', 'en-US', '--allow-qc-errors']);
    expect(into.code).toBe(1);
    expect(into.stderr).toContain(`${join(drafts, 'hotline-beijing')} holds localize's drafts and review files (its run.json); expected a folder of deliverables`);
    expect(fileTree(join(drafts, 'hotline-beijing'), 'base64')).toEqual(before);
    // A localize under way has marked its folder before it drafts, long before its run.json: refused as well.
    const underWay = join(work, 'under-way');
    mkdirSync(join(underWay, 'hotline-beijing'), { recursive: true });
    writeFileSync(join(underWay, 'hotline-beijing', '.subloc-drafts'), '');
    const racing = await run(['--out', underWay, '--language', 'en-US', '--allow-qc-errors']);
    expect(racing.code).toBe(1);
    expect(readdirSync(join(underWay, 'hotline-beijing'))).toEqual(['.subloc-drafts']);

    const delivered = join(work, 'festival');
    expect((await run(['--out', delivered, '--language', 'en-US', '--formats', 'srt', '--allow-qc-errors'])).code).toBe(0);
    const delivery = fileTree(join(delivered, 'hotline-beijing'), 'base64');
    const back = await cli(['localize', '--config', config, '--memory', memory, '--target', 'en-US', '--out', delivered], root, {});
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('holds festival deliverables (its manifest.json); expected a folder of drafts');
    expect(fileTree(join(delivered, 'hotline-beijing'), 'base64')).toEqual(delivery);
  });

  it('says what is wrong with the options', async () => {
    const bad = await run(['--fps', 'fast', '--out', join(work, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('`fast` is not a frame rate');
    // Every rate --fps takes by name is offered, the HFR ones and a fraction included.
    for (const rate of ['23.976', '29.97df', '48', '50', '59.94', '60', '30000/1001']) expect(bad.stderr).toContain(rate);
    const start = await run(['--fps', '25', '--start', '00:00:00:25', '--out', join(work, 'x')]);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('expected at most 24');
    const format = await run(['--formats', 'pdf', '--out', join(work, 'x')]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown format `pdf`');
    // Every value typed wrong on the command line is a usage error (exit 2), whichever option it was.
    const usage: [string[], string][] = [
      [['--source-fps', 'abc'], '`abc` is not a frame rate; expected 23.976, 24, 25, 29.97, 29.97df, 30, 48, 50, 59.94, 59.94df, 60 or N/D'],
      [['--title', 'a/b'], '--title "a/b" contains a path separator'],
      [['--profile', 'nope'], 'unknown profile `nope`'],
      [['--encoding', 'nope'], 'unknown encoding `nope`'],
    ];
    for (const [args, said] of usage) {
      const r = await run([...args, '--out', join(work, 'x')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(said);
    }
    const onFile = await run(['--out', config]);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain('is a file; expected a folder');
    expect(existsSync(join(work, 'x'))).toBe(false);
  });
});
