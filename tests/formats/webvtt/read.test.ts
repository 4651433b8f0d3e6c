import { describe, expect, it } from 'vitest';
import { webvtt } from '../../../src/formats/webvtt/index.js';
import { cueText } from '../../../src/model/spans.js';

const parse = (text: string) => webvtt.parse(text);
const codes = (text: string) => parse(text).diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}`);

describe('webvtt.detect', () => {
  it.each([
    ['WEBVTT', true],
    ['WEBVTT\n\n00:00.000 --> 00:01.000\nx', true],
    ['WEBVTT\r\n', true],
    ['\ufeffWEBVTT FILE', true],
    ['WEBVTT\tx', true],
    ['WEBVTTX', false],
    ['webvtt', false],
    [' WEBVTT', false],
    ['1\n00:00:01,000 --> 00:00:02,000\nx', false],
  ])('%j → %s', (text, expected) => {
    expect(webvtt.detect(text)).toBe(expected);
  });
});

describe('webvtt reader', () => {
  it('reads line ends of every kind, NULs, ids and hour-less times', () => {
    const { track, diagnostics } = parse('WEBVTT\r\rintro\r00:01.000 --> 00:02.500\rone\0\r\n\r\n01:00:00.000 --> 100:00:00.000\ntwo');
    expect(diagnostics).toEqual([]);
    expect(track.cues).toEqual([
      { id: 'intro', start: 1000, end: 2500, lines: [[{ text: 'one\ufffd' }]] },
      { id: '2', start: 3_600_000, end: 360_000_000, lines: [[{ text: 'two' }]] },
    ]);
  });

  it('skips NOTE, STYLE and REGION blocks without a word, and reads a Language header', () => {
    const text = 'WEBVTT\nKind: captions\nLanguage: fr-FR\n\nREGION\nid:r\n\nNOTE a comment\n\nSTYLE\n::cue(.loud) { color: #F00 }\n\n00:00.000 --> 00:01.000 region:r\n<c.loud>Fort</c> et <c.lime>vert</c>';
    const { track, diagnostics } = parse(text);
    expect(track.language).toBe('fr-FR');
    expect(track.cues[0]!.lines).toEqual([[{ text: 'Fort', color: '#ff0000' }, { text: ' et ' }, { text: 'vert', color: 'lime' }]]);
    // `r` stands where a REGION stands by default, at the bottom: the cue keeps no placement.
    expect(track.cues[0]!.placement).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['vtt/region-not-kept']);
  });

  it('maps cue settings to placement', () => {
    const placements = (settings: string) => parse(`WEBVTT\n\n00:00.000 --> 00:01.000 ${settings}\nx`).track.cues[0]!.placement;
    expect(placements('line:0')).toEqual({ vertical: 'top' });
    expect(placements('line:2')).toEqual({ vertical: 'top' });
    expect(placements('line:-1')).toBeUndefined();
    expect(placements('line:10%')).toEqual({ vertical: 'top' });
    expect(placements('line:50%,center')).toEqual({ vertical: 'middle' });
    expect(placements('line:45%')).toEqual({ vertical: 'middle' });
    expect(placements('line:90%')).toBeUndefined();
    expect(placements('align:left')).toEqual({ vertical: 'bottom', horizontal: 'left' });
    expect(placements('align:start line:0')).toEqual({ vertical: 'top', horizontal: 'left' });
    expect(placements('align:end')).toEqual({ vertical: 'bottom', horizontal: 'right' });
    expect(placements('position:10%')).toEqual({ vertical: 'bottom', horizontal: 'left' });
    expect(placements('position:90% line:0')).toEqual({ vertical: 'top', horizontal: 'right' });
    expect(placements('align:center position:50%')).toBeUndefined();
    // YouTube's captions: the box starts at the position and is clamped to the viewport, the text at its start.
    expect(placements('align:start position:0%')).toEqual({ vertical: 'bottom', horizontal: 'left' });
    expect(placements('position:10% align:start')).toEqual({ vertical: 'bottom', horizontal: 'left' });
    expect(placements('align:end position:100%')).toEqual({ vertical: 'bottom', horizontal: 'right' });
  });

  // Snap-to-lines: 5vh line boxes counted from the top (0 is the first) or, negative, from the bottom (-1 is the last).
  it.each([
    ['line:0', 'top'],
    ['line:4', 'top'],
    ['line:4.4', 'top'],
    ['line:4.5', 'middle'],
    ['line:5', 'middle'],
    ['line:13', 'middle'],
    ['line:14', 'bottom'],
    ['line:14,start', 'bottom'],
    ['line:14,end', 'bottom'],
    ['line:19', 'bottom'],
    ['line:1000', 'bottom'],
    ['line:-0.5', 'top'],
    ['line:-1', 'bottom'],
    ['line:-5', 'bottom'],
    ['line:-6', 'middle'],
    ['line:-14', 'middle'],
    ['line:-15', 'top'],
    ['line:-40', 'top'],
    ['line:24%', 'top'],
    ['line:25%', 'middle'],
    ['line:65%', 'middle'],
    ['line:66%', 'bottom'],
    ['line:80%', 'bottom'],
    ['line:0%,center', 'top'],
    ['line:30%,center', 'middle'],
    ['line:75%,end', 'middle'],
    ['line:76%,end', 'bottom'],
  ])('places `%s` in the %s row', (settings, row) => {
    const { track, diagnostics } = parse(`WEBVTT\n\n00:00.000 --> 00:01.000 ${settings}\nx`);
    expect(track.cues[0]!.placement?.vertical ?? 'bottom').toBe(row);
    expect(diagnostics).toEqual([]);
  });

  describe('a cue in a REGION', () => {
    const CALLER_AND_OPERATOR = [
      'WEBVTT', '', 'REGION', 'id:top', 'width:80%', 'regionanchor:50%,0%', 'viewportanchor:50%,10%', 'scroll:up', '',
      '00:00:01.000 --> 00:00:03.000 region:top', 'Caller: Is anyone there?', '',
      '00:00:01.000 --> 00:00:03.000', 'Operator: 12345, hello.', '',
      '00:00:04.000 --> 00:00:06.000 line:14', 'Lower third via line 14', '',
    ].join('\n');
    const cueIn = (region: string, settings = 'region:r') => parse(`WEBVTT\n\nREGION\nid:r\n${region}\n\n00:00.000 --> 00:01.000 ${settings}\nx`);

    it.each([
      ['viewportanchor:50%,10% regionanchor:50%,0%', 'top'],
      ['viewportanchor:0%,0% regionanchor:0%,0%', 'top'],
      ['viewportanchor:0%,18%', 'top'],
      ['lines:2 regionanchor:50%,50% viewportanchor:50%,50%', 'middle'],
      ['', 'bottom'],
      ['viewportanchor:10%,90% lines:1', 'bottom'],
      ['regionanchor:0%,0% viewportanchor:0%,82%', 'bottom'],
      ['lines:4 regionanchor:0%,0% viewportanchor:0%,70%', 'bottom'],
    ])('`%s` stands in the %s row', (region, row) => {
      const { track, diagnostics } = cueIn(region);
      expect(track.cues[0]!.placement?.vertical ?? 'bottom').toBe(row);
      expect(diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['info vtt/region-not-kept']);
    });

    it.each([
      ['lines:0 viewportanchor:0%,0%'],
      ['regionanchor:0%,0% viewportanchor:0%,83%'],
      ['lines:100'],
    ])('`%s` has no row: the cue is placed at the bottom with a warning', (region) => {
      const { track, diagnostics } = cueIn(region);
      expect(track.cues[0]!.placement).toBeUndefined();
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'vtt/region-unplaced', severity: 'warning', line: 7, cueId: '1' }));
    });

    it("follows the cue's own `line`, the last `region:`, and the last block with the id", () => {
      expect(cueIn('viewportanchor:0%,0% regionanchor:0%,0%', 'region:r line:-1').track.cues[0]!.placement).toBeUndefined();
      expect(cueIn('', 'region:r line:0').track.cues[0]!.placement).toEqual({ vertical: 'top' });
      const two = parse('WEBVTT\n\nREGION\nid:r\n\nREGION\nid:r\nviewportanchor:0%,0% regionanchor:0%,0%\n\n00:00.000 --> 00:01.000 region:r\nx');
      expect(two.track.cues[0]!.placement).toEqual({ vertical: 'top' });
      const { track, diagnostics } = cueIn('viewportanchor:0%,0% regionanchor:0%,0%', 'region:r region:nowhere');
      expect(track.cues[0]!.placement).toBeUndefined();
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'vtt/setting-dropped', severity: 'info', line: 7 }));
      expect(diagnostics[1]!.message).toContain('`region:nowhere`');
    });

    it('ignores a REGION block after the first cue, as the spec does', () => {
      const { track } = parse('WEBVTT\n\n00:00.000 --> 00:01.000\na\n\nREGION\nid:r\nviewportanchor:0%,0%\n\n00:01.000 --> 00:02.000 region:r\nb');
      expect(track.cues[1]!.placement).toBeUndefined();
    });

    it("keeps the finding's caller at the top, above the operator at the bottom, and line 14 in the lower third", () => {
      const { track, diagnostics } = parse(CALLER_AND_OPERATOR);
      expect(track.cues.map((c) => c.placement?.vertical ?? 'bottom')).toEqual(['top', 'bottom', 'bottom']);
      expect(diagnostics.map((d) => d.code)).toEqual(['vtt/region-not-kept']);
      const written = webvtt.serialize(track, {}).text;
      expect(written).toContain('00:00:01.000 --> 00:00:03.000 line:0\nCaller');
      expect(parse(written).track.cues.map((c) => c.placement)).toEqual(track.cues.map((c) => c.placement));
    });
  });

  it('warns once a file about invalid settings and reports dropped ones as info', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000 A:start vertical:rl\nx\n\n00:01.000 --> 00:02.000 A:start\ny\n';
    const { diagnostics } = parse(text);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'vtt/invalid-setting', severity: 'warning', line: 3, cueId: '1' }),
      expect.objectContaining({ code: 'vtt/setting-dropped', severity: 'info', line: 3 }),
    ]);
    expect(diagnostics[0]!.message).toContain('`A:start`');
    expect(diagnostics[0]!.message).toContain('2 times, first at line 3');
  });

  it('drops a cue with a bad timing line and says where', () => {
    const { track, diagnostics } = parse('WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n\n00:03.000 --> 00:04.000\ny');
    expect(texts(track.cues)).toEqual(['y']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'vtt/bad-timing', severity: 'error', line: 4, column: 9 }),
    ]);
    expect(diagnostics[0]!.message).toBe(
      'expected `.` before the milliseconds, found `,` in the timing line `00:00:01,000 --> 00:00:02,000`; the cue was dropped',
    );
  });

  it('tells lost text after a blank line, a timing line without arrow and unknown blocks apart', () => {
    expect(codes('WEBVTT\n\n00:00.000 --> 00:01.000\nline one\n\nline two')).toEqual(['error vtt/orphan-text 6']);
    expect(codes('WEBVTT\n\n00:00.000 00:01.000\nx')).toEqual(['error vtt/missing-arrow 3']);
    expect(codes('WEBVTT\n\nRegion: id=fred')).toEqual(['warning vtt/unknown-block 3']);
    expect(codes('WEBVTT\n\n   \n\t\n')).toEqual([]);
  });

  it('reads what follows a missing or damaged signature, with an error on line 1', () => {
    const { track, diagnostics } = parse('\nWEBVTT\n\n00:00.000 --> 00:01.000\nx');
    expect(texts(track.cues)).toEqual(['x']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'vtt/missing-signature', severity: 'error', line: 1 })]);
    expect(codes('')).toEqual(['error vtt/empty 1']);
    expect(codes('\n \n')).toEqual(['error vtt/empty 1']);
  });

  it('keeps header text such as X-TIMESTAMP-MAP without shifting times', () => {
    const zero = parse('WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:01.000 --> 00:02.000\nx');
    expect(zero.diagnostics).toEqual([]);
    const shifted = parse('WEBVTT\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:900000\n\n00:01.000 --> 00:02.000\nx');
    expect(shifted.track.cues[0]!.start).toBe(1000);
    expect(shifted.diagnostics[0]!.message).toContain('MPEGTS 900000 (10.000 s)');
    expect(codes('WEBVTT\nX-TIMESTAMP-MAP=garbage\n\n00:01.000 --> 00:02.000\nx')).toEqual(['warning vtt/bad-timestamp-map 2']);
  });

  it('keeps a cue that ends before it starts, with a warning', () => {
    expect(codes('WEBVTT\n\n00:02.000 --> 00:01.000\nx')).toEqual(['warning vtt/end-before-start 3']);
  });

  it('keeps the text of a language span and says the language was not kept, once for the file', () => {
    const { track, diagnostics } = parse('WEBVTT\n\n00:00.000 --> 00:01.000\n<lang fr>Bonjour</lang>, he said.\n\n00:02.000 --> 00:03.000\n<lang de>Danke</lang>');
    expect(track.cues.map((c) => c.lines)).toEqual([[[{ text: 'Bonjour, he said.' }]], [[{ text: 'Danke' }]]]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'vtt/lang-dropped', severity: 'info', line: 4 })]);
    expect(diagnostics[0]!.message).toContain('`<lang fr>`');
  });

  it('reads styles, voices, entities and nesting in cue text', () => {
    const { track, diagnostics } = parse('WEBVTT\n\n00:00.000 --> 00:01.000\n<v Roger><i>Hi &amp; <b.yellow>bye</b></i>&#x21;\n<u>Two</u> &lt;3 &nbsp;');
    expect(track.cues[0]!.lines).toEqual([
      [{ text: 'Hi & ', italic: true }, { text: 'bye', italic: true, bold: true, color: 'yellow' }, { text: '!' }],
      [{ text: 'Two', underline: true }, { text: ' <3 \u00a0' }],
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['vtt/voice-dropped']);
    expect(diagnostics[0]!.message).toContain('`<v Roger>`');
  });

  it('warns about unknown tags and keeps their text', () => {
    const { track, diagnostics } = parse('WEBVTT\n\n00:00.000 --> 00:01.000\n<font color="red">red</font>');
    expect(cueText(track.cues[0]!)).toBe('red');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'vtt/unknown-tag', severity: 'warning', line: 4 })]);
  });

  it('trims lines of only whitespace around the text', () => {
    expect(parse('WEBVTT\n\n00:00.000 --> 00:01.000\n \ntext\n\t\t\n').track.cues[0]!.lines).toEqual([[{ text: 'text' }]]);
  });

  it('ignores a STYLE block after the first cue, as the spec says', () => {
    const { track, diagnostics } = parse('WEBVTT\n\n00:00.000 --> 00:01.000\n<c.x>a</c>\n\nSTYLE\n::cue(.x) { color: red }\n');
    expect(track.cues[0]!.lines).toEqual([[{ text: 'a' }]]);
    expect(diagnostics.map((d) => d.code)).toContain('vtt/late-block');
  });
});

function texts(cues: Parameters<typeof cueText>[0][]): string[] {
  return cues.map(cueText);
}
