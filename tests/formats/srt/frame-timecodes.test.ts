import { describe, expect, it } from 'vitest';
import { srt } from '../../../src/formats/srt/index.js';
import { parseFrameRate } from '../../../src/model/frame-rate.js';
import { cueText } from '../../../src/model/spans.js';

const FILE = '1\n00:00:01:12 --> 00:00:02:24\nOne\n\n2\n00:00:03:00 --> 00:00:04:06\nTwo\n';

function read(text: string, fps?: string) {
  const frameRate = fps === undefined ? undefined : parseFrameRate(fps);
  const { track, diagnostics } = srt.parse(text, frameRate === undefined ? {} : { frameRate });
  return { cues: track.cues, diagnostics, found: diagnostics.map((d) => [d.code, d.severity, d.line]) };
}

// Broadcast tools export "SRT" with `HH:MM:SS:FF`: two digits after a third `:` are frames, not hundredths.
describe('srt reader: HH:MM:SS:FF frame timecodes', () => {
  it('reads the frames at the rate the caller gives, and says so once', () => {
    const r = read(FILE, '25');
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [1480, 2960],
      [3000, 4240],
    ]);
    expect(r.found).toEqual([['srt/frames', 'info', 2]]);
    expect(r.diagnostics[0]!.message).toBe('expected `,mmm` milliseconds, found `HH:MM:SS:FF` frames in `00:00:01:12 --> 00:00:02:24`; read as frames at 25 fps, the rate given (`:12` = 480 ms) (and 1 more like this)');
  });

  it('reads the frames as a timecode label counts them: 24 a second at 23.976, each 1001/24000 s, and drop-frame labels as they skip', () => {
    expect(read(FILE, '23.976').cues.map((c) => [c.start, c.end])).toEqual([
      [1502, 3003],
      [3003, 4254],
    ]);
    // An hour of labels at 23.976 is 3,603.6 s of picture.
    expect(read('1\n01:00:00:00 --> 01:00:01:00\nA\n', '23.976').cues[0]!.start).toBe(3_603_600);
    // 00:01:00;02 is the first label of minute 1 at 29.97 drop-frame: frame 1,800.
    expect(read('1\n00:01:00:02 --> 00:01:01:00\nA\n', '29.97df').cues[0]!.start).toBe(60_060);
  });

  it('reads a label drop-frame skips as its minute’s first label, and says the file may be non-drop, where it fell two frames before the label before it', () => {
    const r = read('1\n00:00:59:29 --> 00:01:00:02\nA\n\n2\n00:01:00:00 --> 00:01:00:05\nB\n', '29.97df');
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [60_027, 60_060],
      [60_060, 60_160],
    ]);
    expect(r.found).toEqual([
      ['srt/frames', 'info', 2],
      ['srt/frame-label-skipped', 'warning', 6],
    ]);
    expect(r.diagnostics[1]!.message).toContain('then give --fps 29.97');
    // The tenth minute keeps its labels 00 and 01.
    expect(read('1\n00:10:00:00 --> 00:10:01:00\nA\n', '29.97df').found).toEqual([['srt/frames', 'info', 2]]);
  });

  it('refuses to guess without a rate: an error naming frames and how to give the rate, not a time in hundredths', () => {
    const r = read(FILE);
    expect(r.cues).toEqual([]);
    expect(r.found).toEqual([['srt/frames-without-rate', 'error', 2]]);
    expect(r.diagnostics[0]!.message).toMatch(/found `HH:MM:SS:FF` in `00:00:01:12 --> 00:00:02:24`: two digits after a third `:` are frames.*--fps.*the cue is dropped \(and 1 more like this\)$/);
    expect(r.diagnostics[0]!.message).not.toMatch(/millisecond.*read as|decimal fraction/);
  });

  it('reads `;` before the frames as the drop-frame label it is, at 29.97df and 59.94df, and refuses it at a non-drop rate or none, naming the rate it needs', () => {
    const df = '1\n01:00:00;00 --> 01:00:02;12\nA\n\n2\n00:01:00;02 --> 00:01:01:00\nB\n';
    const r = read(df, '29.97df');
    // The same labels with `:` read alike: 01:00:00;00 is 3,599.996 s at 29.97df, 00:01:00;02 is frame 1,800.
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [3_599_996, 3_602_399],
      [60_060, 60_994],
    ]);
    expect(r.cues.map((c) => [c.start, c.end])).toEqual(read(df.replaceAll(';', ':'), '29.97df').cues.map((c) => [c.start, c.end]));
    expect(r.found).toEqual([['srt/frames', 'info', 2]]);
    expect(read('1\n00:01:00;04 --> 00:01:01;00\nA\n', '59.94df').cues[0]!.start).toBe(60_060);

    const ndf = read(df, '29.97');
    expect(ndf.cues).toEqual([]);
    expect(ndf.found).toEqual([['srt/drop-frame-label', 'error', 2]]);
    expect(ndf.diagnostics[0]!.message).toMatch(/found `HH:MM:SS;FF` in `01:00:00;00 --> 01:00:02;12`: a `;` before the frames marks a drop-frame label.*give --fps 29\.97df \(or 59\.94df\).*, not 29\.97; the cue is dropped/);
    const none = read(df);
    expect(none.cues).toEqual([]);
    expect(none.found).toEqual([['srt/frames-without-rate', 'error', 2]]);
    expect(none.diagnostics[0]!.message).toContain('give --fps 29.97df (or 59.94df)');
    // Three digits after `;` are no frame label: said as the unexpected character it is.
    expect(read('1\n00:00:01;500 --> 00:00:02,000\nA\n', '29.97df').found).toEqual([['srt/invalid-timing', 'error', 2]]);
  });

  it('keeps a three-digit fraction after `:` as milliseconds, with its own warning, beside frames on the same line', () => {
    const r = read('1\n00:00:01:123 --> 00:00:02:00\nA\n\n2\n00:00:03:456 --> 00:00:04:789\nB\n', '25');
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([
      [1123, 2000],
      [3456, 4789],
    ]);
    expect(r.found).toEqual([
      ['srt/frames', 'info', 2],
      ['srt/decimal-point', 'warning', 2],
    ]);
    expect(read('1\n00:00:01:123 --> 00:00:02:456\nA\n').found).toEqual([['srt/decimal-point', 'warning', 2]]);
  });

  it('warns of a frame past the rate, which says the file was timed at another rate, and counts it into the next second', () => {
    const r = read('1\n00:00:01:12 --> 00:00:02:29\nA\n', '25');
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([[1480, 3160]]);
    expect(r.found).toEqual([
      ['srt/frames', 'info', 2],
      ['srt/frame-overflow', 'warning', 2],
    ]);
    expect(r.diagnostics[1]!.message).toMatch(/^expected frames 00–24 at 25 fps, found frame 29/);
  });

  it('reads the cues around a frame line as before when the rate is missing', () => {
    const r = read('1\n00:00:00,500 --> 00:00:01,000\nKept\n\n2\n00:00:01:12 --> 00:00:02:00\nDropped\n\n3\n00:00:03,000 --> 00:00:04,000\nKept too\n');
    expect(r.cues.map(cueText)).toEqual(['Kept', 'Kept too']);
    expect(r.found).toEqual([['srt/frames-without-rate', 'error', 6]]);
  });
});

describe('srt writer: frame timecodes back as they came', () => {
  it('records the notation read, and writes the labels back at the same rate, `;` where the file had it', () => {
    const r = srt.parse(FILE, { frameRate: parseFrameRate('25')! });
    expect(r.track.meta.frameLabels).toBe(':');
    expect(srt.serialize(r.track, { frameLabels: ':' })).toEqual({ text: FILE, diagnostics: [] });

    const df = '1\n00:00:59;28 --> 00:01:00;02\nA\n\n2\n01:00:00;00 --> 01:00:02;12\nB\n';
    const d = srt.parse(df, { frameRate: parseFrameRate('29.97df')! });
    expect(d.track.meta.frameLabels).toBe(';');
    expect(srt.serialize(d.track, { frameLabels: ';' }).text).toBe(df);
    // Drop-frame labels the file wrote with `:` stay so.
    const colons = df.replaceAll(';', ':');
    const c = srt.parse(colons, { frameRate: parseFrameRate('29.97df')! });
    expect(c.track.meta.frameLabels).toBe(':');
    expect(srt.serialize(c.track, { frameLabels: ':' }).text).toBe(colons);
    expect(srt.parse('1\n00:00:01,000 --> 00:00:02,000\nA\n').track.meta.frameLabels).toBeUndefined();
  });

  it('says so of a time between two frames, written as the nearest label, where it would round unseen', () => {
    const track = { language: 'en', cues: [{ id: '1', start: 1490, end: 2960, lines: [[{ text: 'A' }]] }], frameRate: parseFrameRate('25')!, meta: {} };
    const w = srt.serialize(track, { frameLabels: ':' });
    expect(w.text).toBe('1\n00:00:01:12 --> 00:00:02:24\nA\n');
    expect(w.diagnostics.map((d) => [d.code, d.severity, d.cueId, d.message])).toEqual([
      ['srt/label-rounded', 'warning', '1', 'expected a time on a frame at 25 fps to write as a timecode label, found 00:00:01,490, between two; written as the nearest, `00:00:01:12`'],
    ]);
  });
});
