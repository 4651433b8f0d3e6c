import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, listCorpus, parseCorpusFile } from './corpus.js';
import { cueText } from '../../../src/model/spans.js';
import type { ParseResult } from '../../../src/formats/types.js';

function errors(result: ParseResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`);
}

function texts(result: ParseResult): string[] {
  return result.track.cues.map(cueText);
}

describe('androidx-media (ExoPlayer) webvtt files', () => {
  /**
   * Invalid by design. ExoPlayer reads `00:00 --> 00:01.234` and
   * `02.345 --> 00:03.456` in typical_with_bad_timestamps anyway; the W3C
   * algorithm (and we) drop them, with an error each.
   */
  const INVALID: Record<string, number> = { empty: 0, typical_with_bad_timestamps: 0, with_bad_cue_header: 2 };
  const files = listCorpus('androidx-media/webvtt', () => true);

  it.each(files)('%s', (name) => {
    const result = parseCorpusFile('androidx-media/webvtt', name);
    if (name in INVALID) {
      expect(result.track.cues).toHaveLength(INVALID[name]!);
      expect(errors(result).length).toBeGreaterThan(0);
    } else {
      expect(errors(result)).toEqual([]);
      expect(result.track.cues.length).toBeGreaterThan(0);
    }
  });

  it('reads typical files, tags, entities and CR-only line ends', () => {
    const typical = parseCorpusFile('androidx-media/webvtt', 'typical').track.cues;
    expect(typical.map((c) => [c.start, c.end, cueText(c)])).toEqual([
      [0, 1234, 'This is the first subtitle.'],
      [2345, 3456, 'This is the second subtitle.'],
    ]);
    const tags = parseCorpusFile('androidx-media/webvtt', 'with_tags').track.cues;
    expect(tags[0]!.lines).toEqual([[{ text: 'This is the ' }, { text: 'first', italic: true }, { text: ' subtitle.' }]]);
    expect(tags[1]!.lines[0]).toContainEqual({ text: 'second', bold: true, italic: true });
    expect(tags[2]!.lines[0]).toContainEqual({ text: 'third', color: 'red' });
    expect(cueText(tags[3]!)).toBe('This is the <fourth> &subtitle.');
    expect(parseCorpusFile('androidx-media/webvtt', 'with_wide_unicode_chars_and_cr_endings').track.cues).toHaveLength(1);
  });

  it('keeps ruby base text and drops the annotation', () => {
    const result = parseCorpusFile('androidx-media/webvtt', 'with_rubies');
    expect(texts(result)).toEqual([
      'Some text with over-ruby.',
      'Some text with under-ruby and over-ruby (default).',
      'base1base2base3.',
      'Some text with no ruby text.',
    ]);
    expect(result.diagnostics.find((d) => d.code === 'vtt/ruby-dropped')).toMatchObject({ severity: 'info', line: 14 });
  });

  it('reports a non-zero X-TIMESTAMP-MAP and keeps the times as written', () => {
    const result = parseCorpusFile('androidx-media/webvtt', 'with_x-timestamp-map_header');
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'vtt/timestamp-map', severity: 'info', line: 2 })]);
    expect(result.track.cues[0]!.start).toBe(266 * 3_600_000 + 18 * 60_000 + 35_679); // 266:18:35.679
  });

  it('maps positioning settings to placement', () => {
    const cues = parseCorpusFile('androidx-media/webvtt', 'with_positioning').track.cues;
    // position:60%,end is invalid now (2014 keyword): align:start decides; line:-10 counts ten 5vh lines up from the bottom, to the middle.
    // position:70%,line-right: the box is clamped to 0–70 % and the text centred in it, at 35 %: centre, just.
    expect(cues.map((c) => c.placement)).toEqual([
      { vertical: 'bottom', horizontal: 'left' },
      { vertical: 'bottom', horizontal: 'right' },
      { vertical: 'middle' },
      { vertical: 'middle' },
      { vertical: 'bottom', horizontal: 'right' },
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('sandflow/ttconv webvtt files', () => {
  it('maps alignment.vtt to the placement its cue text describes', () => {
    const result = parseCorpusFile('sandflow-ttconv/vtt/valid', 'alignment.vtt');
    expect(errors(result)).toEqual([]);
    const SIDE: Record<string, string> = { left: 'left', start: 'left', center: 'center', middle: 'center', right: 'right', end: 'right' };
    for (const cue of result.track.cues) {
      const [, h, v] = /horizontal (\w+); vertical (\w+)/.exec(cueText(cue))!;
      expect([cue.placement?.horizontal ?? 'center', cue.placement?.vertical ?? 'bottom'], cueText(cue)).toEqual([SIDE[h!], v]);
    }
  });

  it.each(['font.vtt', 'position.vtt', 'style.vtt'])('valid/%s parses without errors', (name) => {
    const result = parseCorpusFile('sandflow-ttconv/vtt/valid', name);
    expect(errors(result)).toEqual([]);
    expect(result.track.cues.length).toBeGreaterThan(0);
  });

  it('invalid/bad-signature.vtt gives an error on line 1', () => {
    const result = parseCorpusFile('sandflow-ttconv/vtt/invalid', 'bad-signature.vtt');
    expect(result.diagnostics[0]).toMatchObject({ code: 'vtt/missing-signature', severity: 'error', line: 1 });
  });
});

describe('gsantiago/subtitle.js film fixtures', () => {
  it.each(['LaLaLand', 'ManOfSteel', 'WonderWoman'])('%s.vtt matches %s.vtt.json', (name) => {
    const result = parseCorpusFile('gsantiago-subtitle.js', `${name}.vtt`);
    expect(errors(result)).toEqual([]);
    const expected = (JSON.parse(readFileSync(corpusPath('gsantiago-subtitle.js', `${name}.vtt.json`), 'utf8')) as Array<{
      type: string;
      data: { start: number; end: number; text: string };
    }>).filter((n) => n.type === 'cue');
    expect(result.track.cues).toHaveLength(expected.length);
    result.track.cues.forEach((cue, i) => {
      const e = expected[i]!.data;
      expect([cue.start, cue.end]).toEqual([e.start, e.end]);
      // `subtitle` keeps tags and trailing whitespace lines; the model keeps neither.
      expect(cueText(cue)).toBe(e.text.replace(/<\/?[ibu]>/g, '').trim());
    });
  });
});

describe('other WebVTT files in the corpus', () => {
  const VALID = [
    'videojs-elephantsdream/captions.ar.vtt',
    'videojs-elephantsdream/captions.en.vtt',
    'videojs-elephantsdream/captions.ja.vtt',
    'videojs-elephantsdream/captions.ru.vtt',
    'videojs-elephantsdream/captions.sv.vtt',
    'videojs-elephantsdream/chapters.en.vtt',
    'videojs-elephantsdream/descriptions.en.vtt',
    'isaacbernat-netflix-to-srt/sample_issue31.vtt',
    'isaacbernat-netflix-to-srt/sample_issue41.vtt',
    'isaacbernat-netflix-to-srt/sample_long_lines.vtt',
    'isaacbernat-netflix-to-srt/sample_with_positions.vtt',
    'isaacbernat-netflix-to-srt/sample_with_styling.vtt',
    'isaacbernat-netflix-to-srt/delay/sample_vtt.vtt',
    'cth103-libsub/data/test.vtt',
    'papnkukn-subsrt/sample.vtt',
    'rakuzen25-subsrt-ts/sample.vtt',
    'osk-node-webvtt/subs1.vtt',
  ];

  it.each(VALID)('%s parses with cues and no errors', (path) => {
    const result = parseCorpusFile(path);
    expect(errors(result)).toEqual([]);
    expect(result.track.cues.length).toBeGreaterThan(0);
  });

  it('reads Elephants Dream in five languages to about the same cues', () => {
    const counts = ['ar', 'en', 'ja', 'ru', 'sv'].map((l) => parseCorpusFile(`videojs-elephantsdream/captions.${l}.vtt`).track.cues.length);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(70);
  });

  it('maps Netflix positions to the side the cue box lands on', () => {
    const cues = parseCorpusFile('isaacbernat-netflix-to-srt/sample_with_positions.vtt').track.cues;
    // The third, `position:45%,line-right size:35%`, is a box from 10% to 45%: left of centre.
    expect(cues.map((c) => c.placement?.horizontal ?? 'center')).toEqual(['left', 'right', 'left']);
  });

  it('reads the header and NOTE blocks of libsub test.vtt', () => {
    const cues = parseCorpusFile('cth103-libsub/data/test.vtt').track.cues;
    expect(cueText(cues[0]!)).toBe("This is a subtitle\nand that's a line break");
    expect(cues[0]!.start).toBe(41_090);
  });

  it('osk-node-webvtt acid.vtt: no crash, sane cues (parsers disagree on this file)', () => {
    const result = parseCorpusFile('osk-node-webvtt/acid.vtt');
    expect(result.track.cues.length).toBeGreaterThan(1000);
    for (const cue of result.track.cues) {
      expect(Number.isInteger(cue.start) && Number.isInteger(cue.end) && cue.start >= 0).toBe(true);
      for (const line of cue.lines) for (const s of line) expect(s.text).not.toBe('');
    }
    for (const d of result.diagnostics) expect(d.line).toBeGreaterThan(0);
  });

  it('osk-node-webvtt malformed.vtt: the text after blank lines is an error', () => {
    const result = parseCorpusFile('osk-node-webvtt/malformed.vtt');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'vtt/orphan-text', severity: 'error', line: 8 }));
  });
});
