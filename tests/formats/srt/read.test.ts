import { describe, expect, it } from 'vitest';
import { srt } from '../../../src/formats/srt/index.js';
import { ttml } from '../../../src/formats/ttml/index.js';
import { webvtt } from '../../../src/formats/webvtt/index.js';
import { cueText } from '../../../src/model/spans.js';

function read(text: string) {
  const { track, diagnostics } = srt.parse(text);
  return { cues: track.cues, diagnostics, found: diagnostics.map((d) => [d.code, d.severity, d.line]) };
}

const CUE = 'Hello';

describe('srt reader: structure', () => {
  it('reads a standard file with no diagnostics', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,500\nHello\nworld\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.cues).toEqual([
      { id: '1', start: 1000, end: 2500, lines: [[{ text: 'Hello' }], [{ text: 'world' }]] },
      { id: '2', start: 3000, end: 4000, lines: [[{ text: 'Bye' }]] },
    ]);
  });

  it('reads CR, LF and CRLF mixed in one file', () => {
    const r = read('1\r\n00:00:01,000 --> 00:00:02,000\rA\nB\r\n\r2\n00:00:03,000 --> 00:00:04,000\r\nC\r');
    expect(r.diagnostics).toEqual([]);
    expect(r.cues.map(cueText)).toEqual(['A\nB', 'C']);
  });

  it('numbers a cue without a number by its position and warns', () => {
    const r = read(`1\n00:00:01,000 --> 00:00:02,000\n${CUE}\n\n00:00:03,000 --> 00:00:04,000\nSecond\n`);
    expect(r.found).toEqual([['srt/missing-index', 'warning', 5]]);
    expect(r.cues.map((c) => c.id)).toEqual(['1', '2']);
  });

  it('warns on zero-based numbers once and keeps them as ids', () => {
    const r = read('0\n00:00:01,000 --> 00:00:02,000\nA\n\n1\n00:00:03,000 --> 00:00:04,000\nB\n');
    expect(r.found).toEqual([['srt/zero-based-index', 'warning', 1]]);
    expect(r.cues.map((c) => c.id)).toEqual(['0', '1']);
  });

  it('warns on each out-of-order number, with its line', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\nA\n\n5\n00:00:03,000 --> 00:00:04,000\nB\n\n3\n00:00:05,000 --> 00:00:06,000\nC\n');
    expect(r.found).toEqual([
      ['srt/index-out-of-order', 'warning', 5],
      ['srt/index-out-of-order', 'warning', 9],
    ]);
    expect(r.cues.map((c) => c.id)).toEqual(['1', '5', '3']);
  });

  it('takes a non-numeric line before a timing line for a broken number', () => {
    const r = read('#1\n00:00:01,000 --> 00:00:02,000\nA\n');
    expect(r.found).toEqual([['srt/invalid-index', 'warning', 1]]);
    expect(r.cues[0]?.id).toBe('1');
  });

  it('starts a new cue at a timing line that follows text without a blank line', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:03,000 --> 00:00:04,000\nB\n00:00:05,000 --> 00:00:06,000\nC\n');
    expect(r.found).toEqual([
      ['srt/missing-blank-line', 'warning', 4],
      ['srt/missing-blank-line', 'warning', 7],
    ]);
    expect(r.cues.map(cueText)).toEqual(['A', 'B', 'C']);
    expect(r.cues.map((c) => c.id)).toEqual(['1', '2', '3']);
  });

  it('keeps a blank line inside the text as an empty line when more text follows', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\nA\n\nB\n\n2\n00:00:03,000 --> 00:00:04,000\nC\n');
    expect(r.found).toEqual([['srt/blank-line-in-text', 'warning', 4]]);
    expect(r.cues[0]?.lines).toEqual([[{ text: 'A' }], [], [{ text: 'B' }]]);
    expect(r.cues.map(cueText)).toEqual(['A\n\nB', 'C']);
  });

  it('ends the cue at blank lines followed by a number, and ignores extra blank lines', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\nA\n\n\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n\n\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.cues.map(cueText)).toEqual(['A', 'B']);
  });

  it.each([
    ['U+1680', '\u1680'],
    ['U+2028', '\u2028'],
    ['U+2029', '\u2029'],
    ['U+202F', '\u202f'],
    ['U+205F', '\u205f'],
    ['U+3000', '\u3000'],
  ])('takes a line of white space alone (%s) for the blank line that ends a cue', (_name, space) => {
    const r = read(`1\n00:00:01,000 --> 00:00:02,000\nA\n${space}${space}\n2\n00:00:03,000 --> 00:00:04,000\nB\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.cues.map(cueText)).toEqual(['A', 'B']);
  });

  it('keeps text after a blank line right under the timing line', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\n\nA\n');
    expect(r.found).toEqual([['srt/blank-line-in-text', 'warning', 3]]);
    expect(r.cues.map(cueText)).toEqual(['A']);
  });

  it('keeps a cue with no text and says so', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n');
    expect(r.found).toEqual([['srt/empty-cue', 'info', 2]]);
    expect(r.cues.map((c) => c.lines.length)).toEqual([0, 1]);
  });

  it('drops text that has neither number nor timing line, with an error', () => {
    const r = read('Just some words\nmore\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n');
    expect(r.found).toEqual([['srt/unexpected-text', 'error', 1]]);
    expect(r.cues.map(cueText)).toEqual(['A']);
  });

  it('warns about a number at the very end of the file', () => {
    expect(read('1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n').found).toEqual([['srt/unexpected-end', 'warning', 5]]);
  });

  it('reads an empty text as no cues and no diagnostics', () => {
    expect(read('')).toMatchObject({ cues: [], diagnostics: [] });
    expect(read('\n\n  \n')).toMatchObject({ cues: [], diagnostics: [] });
  });

  it('drops a leading byte order mark', () => {
    const r = read('\ufeff1\n00:00:01,000 --> 00:00:02,000\nA\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.cues[0]?.id).toBe('1');
  });
});

describe('srt reader: timing lines', () => {
  const cases: Array<[string, number, number, string[]]> = [
    ['00:00:01.500 --> 00:00:02.000', 1500, 2000, ['srt/decimal-point']],
    ['00:00:01,5 --> 00:00:02,05', 1500, 2050, ['srt/short-fraction']],
    ['0:00:01,000 --> 0:00:02,000', 1000, 2000, ['srt/short-hours']],
    ['00:00:01 --> 00:00:02', 1000, 2000, ['srt/missing-milliseconds']],
    ['00:01,000 --> 00:02,000', 1000, 2000, ['srt/missing-hours']],
    ['00:00:01,000 -> 00:00:02,000', 1000, 2000, ['srt/arrow']],
    ['00:00:01,000 - -> 00:00:02,000', 1000, 2000, ['srt/arrow']],
    ['00:00:01,000-->00:00:02,000', 1000, 2000, []],
    ['  00:00:01,000   -->    00:00:02,000  ', 1000, 2000, []],
    ['00:00:01:000 --> 00:00:02:000', 1000, 2000, ['srt/decimal-point']],
    ['00:00:013,567 --> 00:00:14,901', 13567, 14901, ['srt/field-width']],
    ['00:00:01,000 --> 00:00:02,000  X1:100 X2:600 Y1:50 Y2:80', 1000, 2000, ['srt/coordinates']],
    ['00:00:01,000 --> 00:00:02,000 position:10%', 1000, 2000, ['srt/trailing-text']],
    ['123:00:00,000 --> 123:00:01,000', 442_800_000, 442_801_000, []],
  ];

  it.each(cases)('reads `%s`', (timing, start, end, codes) => {
    const r = read(`1\n${timing}\n${CUE}\n`);
    expect(r.cues.map((c) => [c.start, c.end])).toEqual([[start, end]]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(codes);
    for (const d of r.diagnostics) expect(d.line).toBe(2);
  });

  const broken: Array<[string, string]> = [
    ['00:00:02,345 --> 00:00:03,4560', 'srt/invalid-timing'],
    ['-00:00:02,345 --> 00:00:01,234', 'srt/negative-time'],
    ['-0:00:04,567 --> -0:00:03,456', 'srt/negative-time'],
    ['             --> 02:00:10,901', 'srt/invalid-timing'],
    ['02:00:12,901 -->', 'srt/invalid-timing'],
    ['00:00:05,000 --> 00:00:04,000', 'srt/end-before-start'],
    ['00:00:01,000 --> 00:00:02,000x', 'srt/invalid-timing'],
    ['99999:00:00,000 --> 99999:00:01,000', 'srt/time-out-of-range'],
    ['100000:00:00,000 --> 100000:00:01,000', 'srt/time-out-of-range'],
  ];

  it.each(broken)('drops the cue of `%s` with a located error', (timing, code) => {
    const r = read(`1\n00:00:00,000 --> 00:00:01,000\nKept\n\n2\n${timing}\nDropped\nalso dropped\n\n3\n00:00:10,000 --> 00:00:11,000\nKept too\n`);
    expect(r.found).toEqual([[code, 'error', 6]]);
    expect(r.diagnostics[0]?.message).toContain(timing.trim().slice(0, 20));
    expect(r.cues.map(cueText)).toEqual(['Kept', 'Kept too']);
  });

  it('says what it found and what it expected', () => {
    const r = read('1\n00:00:00,000 --> 00:00:01,000\nA\n\n2\nNo timing here\n');
    expect(r.found).toEqual([['srt/missing-timing', 'error', 6]]);
    expect(r.diagnostics[0]?.message).toBe(
      'expected a timing line like `00:01:02,500 --> 00:01:04,000` after cue number `2`, found `No timing here`; the cue is dropped',
    );
  });

  it('returns from 99999-hour and 100,000-hour times with a located error', () => {
    for (const hours of ['99999', '100000', '9'.repeat(400)]) {
      const r = read(`1\n${hours}:00:00,000 --> ${hours}:00:01,000\nToo late\n`);
      expect(r.cues).toEqual([]);
      expect(r.found).toEqual([['srt/time-out-of-range', 'error', 2]]);
    }
  });

  it('reads up to 9999 hours', () => {
    expect(read('1\n9999:59:59,000 --> 9999:59:59,999\nLast\n').cues[0]?.end).toBe(((9999 * 60 + 59) * 60 + 59) * 1000 + 999);
  });

  it('reports a recovery that repeats on every cue once, with a count', () => {
    const text = Array.from({ length: 5 }, (_, i) => `${i + 1}\n00:00:0${i},000 --> 00:00:0${i},500\nx`.replace(/,/g, '.')).join('\n\n');
    const r = read(text);
    expect(r.found).toEqual([['srt/decimal-point', 'warning', 2]]);
    expect(r.diagnostics[0]?.message).toContain('and 4 more like this');
  });

  it('warns on a cue of no duration and keeps it', () => {
    const r = read('1\n00:00:01,000 --> 00:00:01,000\nA\n');
    expect(r.found).toEqual([['srt/zero-duration', 'warning', 2]]);
    expect(r.cues).toHaveLength(1);
  });
});

describe('srt reader: markup', () => {
  function line(text: string) {
    const r = read(`1\n00:00:01,000 --> 00:00:02,000\n${text}\n`);
    return { lines: r.cues[0]?.lines, placement: r.cues[0]?.placement, found: r.found };
  }

  it('reads <i> <b> <u> and <font color>, in any case', () => {
    expect(line('<I>a</I> <b>b</b> <u>c</u> <FONT COLOR="#FF0000">d</font> <font color=Yellow>e</font>')).toEqual({
      lines: [
        [
          { text: 'a', italic: true },
          { text: ' ' },
          { text: 'b', bold: true },
          { text: ' ' },
          { text: 'c', underline: true },
          { text: ' ' },
          { text: 'd', color: '#ff0000' },
          { text: ' ' },
          { text: 'e', color: 'yellow' },
        ],
      ],
      placement: undefined,
      found: [],
    });
  });

  it('reads short hex colours, bare hex and ignores other font attributes', () => {
    expect(line('<font color="#f00">a</font><font color="00FF00" face="Arial">b</font>')).toMatchObject({
      lines: [[{ text: 'a', color: '#ff0000' }, { text: 'b', color: '#00ff00' }]],
      found: [['srt/font-attribute', 'info', 3]],
    });
  });

  it('warns on a colour it cannot read and keeps the text', () => {
    expect(line('<font color="rgb(1,2,3)">a</font>')).toMatchObject({ lines: [[{ text: 'a' }]], found: [['srt/invalid-color', 'warning', 3]] });
  });

  it('reads {i}-style brace tags', () => {
    expect(line('{i}a{/i} {b}b{/b}').lines).toEqual([[{ text: 'a', italic: true }, { text: ' ' }, { text: 'b', bold: true }]]);
  });

  it('carries tags across lines of a cue', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\n<i>one\ntwo</i>\nthree\n');
    expect(r.cues[0]?.lines).toEqual([[{ text: 'one', italic: true }], [{ text: 'two', italic: true }], [{ text: 'three' }]]);
    expect(r.diagnostics).toEqual([]);
  });

  it('recovers misnested tags', () => {
    expect(line('<b><i>bold italic</b></i> plain')).toEqual({
      lines: [[{ text: 'bold italic', italic: true, bold: true }, { text: ' plain' }]],
      placement: undefined,
      found: [['srt/misnested-tag', 'warning', 3]],
    });
  });

  it('ignores a closing tag without an opening one', () => {
    expect(line('a</i>b')).toMatchObject({ lines: [[{ text: 'ab' }]], found: [['srt/unmatched-close-tag', 'warning', 3]] });
  });

  it('runs an unclosed tag to the end of the cue and says where it opened', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\nplain <i>open\nstill\n');
    expect(r.cues[0]?.lines).toEqual([[{ text: 'plain ' }, { text: 'open', italic: true }], [{ text: 'still', italic: true }]]);
    expect(r.found).toEqual([['srt/unclosed-tag', 'warning', 3]]);
  });

  it('ignores tags nested past 32 deep, with their closing tags, and says so once: a file nesting thousands reads in linear time', () => {
    const deep = (n: number) => `${'<b>'.repeat(n)}<i>x</i>${'</b>'.repeat(n)} y`;
    expect(line(deep(40))).toMatchObject({ lines: [[{ text: 'x', bold: true }, { text: ' y' }]], found: [['srt/nested-too-deep', 'warning', 3]] });
    // 200,000 tags: each costs the same, however deep the stack.
    const r = line(deep(100_000));
    expect(r.lines).toEqual([[{ text: 'x', bold: true }, { text: ' y' }]]);
    expect(r.found).toEqual([['srt/nested-too-deep', 'warning', 3]]);
    expect(line(deep(31))).toMatchObject({ lines: [[{ text: 'x', italic: true, bold: true }, { text: ' y' }]], found: [] });
  });

  it('drops unknown tags but keeps their text', () => {
    expect(line('Hello <bold>my</bold> name')).toMatchObject({ lines: [[{ text: 'Hello my name' }]], found: [['srt/unknown-tag', 'warning', 3]] });
  });

  it('keeps `<` that starts no tag as text', () => {
    expect(line('a < b, 1<2, <3 and a<b').lines).toEqual([[{ text: 'a < b, 1<2, <3 and a<b' }]]);
  });

  it.each([
    [1, { vertical: 'bottom', horizontal: 'left' }],
    [2, undefined],
    [3, { vertical: 'bottom', horizontal: 'right' }],
    [4, { vertical: 'middle', horizontal: 'left' }],
    [5, { vertical: 'middle' }],
    [6, { vertical: 'middle', horizontal: 'right' }],
    [7, { vertical: 'top', horizontal: 'left' }],
    [8, { vertical: 'top' }],
    [9, { vertical: 'top', horizontal: 'right' }],
  ])('reads {\\an%i} as a placement', (n, placement) => {
    expect(line(`{\\an${n}}Text`)).toEqual({ lines: [[{ text: 'Text' }]], placement, found: [] });
  });

  it('strips other ASS overrides with an info, without leaving double spaces', () => {
    expect(line('This {\\an8} is {\\pos(10,20)\\fs20} text')).toMatchObject({
      lines: [[{ text: 'This is text' }]],
      placement: { vertical: 'top' },
      found: [['srt/ass-override', 'info', 3]],
    });
    expect(line('This {\\an8} is {\\pos(10,20)\\i1} text')).toMatchObject({
      lines: [[{ text: 'This is ' }, { text: 'text', italic: true }]],
      found: [['srt/ass-override', 'info', 3]],
    });
  });

  // Aegisub and ffmpeg write these into SRT; libass (mpv, ffmpeg-based players) and Subtitle Edit show them.
  it('reads ASS {\\i1} {\\b1} {\\u1} as styles until their 0 or the end of the cue', () => {
    expect(line('{\\i1}I told you already.{\\i0}')).toEqual({ lines: [[{ text: 'I told you already.', italic: true }]], placement: undefined, found: [] });
    expect(line('{\\b1}Listen!{\\b0} {\\u1}Now{\\u0}.')).toEqual({
      lines: [[{ text: 'Listen!', bold: true }, { text: ' ' }, { text: 'Now', underline: true }, { text: '.' }]],
      placement: undefined,
      found: [],
    });
    // Switches, not tags: no nesting to keep, nothing to close.
    expect(line('{\\i1}a {\\b1}b{\\i0} c')).toMatchObject({ lines: [[{ text: 'a ', italic: true }, { text: 'b', italic: true, bold: true }, { text: ' c', bold: true }]], found: [] });
    expect(line('a {\\i0}b{\\i1}')).toMatchObject({ lines: [[{ text: 'a b' }]], found: [] });
  });

  it('runs an unended ASS style across the cue\'s lines, and no further', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\n{\\i1}Sing\nalong\n\n2\n00:00:03,000 --> 00:00:04,000\nSpoken\n');
    expect(r.found).toEqual([]);
    expect(r.cues.map((c) => c.lines)).toEqual([[[{ text: 'Sing', italic: true }], [{ text: 'along', italic: true }]], [[{ text: 'Spoken' }]]]);
  });

  it('reads ASS styles combined in one block, with a position, and {\\r} or a bare {\\i} as plain again', () => {
    expect(line('{\\an8\\i1\\b1}Top{\\i0} line')).toEqual({
      lines: [[{ text: 'Top', italic: true, bold: true }, { text: ' line', bold: true }]],
      placement: { vertical: 'top' },
      found: [],
    });
    expect(line('{\\i1\\u1}a{\\r}b {\\b1}c{\\b}d')).toMatchObject({
      lines: [[{ text: 'a', italic: true, underline: true }, { text: 'b ' }, { text: 'c', bold: true }, { text: 'd' }]],
      found: [],
    });
    // Only 0 and 1 are read as switches; anything else is reported as dropped.
    expect(line('{\\i2}a {\\I1}b {\\rAlt}c')).toMatchObject({ lines: [[{ text: 'a b c' }]], found: [['srt/ass-override', 'info', 3]] });
  });

  it('adds ASS styles to HTML-style tags', () => {
    expect(line('<i>{\\b1}both</i> bold{\\b0} <u>under</u>')).toMatchObject({
      lines: [[{ text: 'both', italic: true, bold: true }, { text: ' bold', bold: true }, { text: ' ' }, { text: 'under', underline: true }]],
      found: [],
    });
    expect(line('{\\i1}<b>x</b>{\\i0}<i>y</i>')).toMatchObject({ lines: [[{ text: 'x', italic: true, bold: true }, { text: 'y', italic: true }]], found: [] });
  });

  // ASS colours are blue, green, red: `&H0000FF&` is red.
  it('reads ASS {\\c&HBBGGRR&} and {\\1c} as the text colour until an empty {\\c}, {\\r}, another colour or the end of the cue', () => {
    expect(line('{\\c&H0000FF&}Red{\\c} plain {\\1c&H00FFFF&}yellow{\\r} plain')).toEqual({
      lines: [[{ text: 'Red', color: '#ff0000' }, { text: ' plain ' }, { text: 'yellow', color: '#ffff00' }, { text: ' plain' }]],
      placement: undefined,
      found: [],
    });
    expect(line('{\\an8\\c&HFF0000&\\i1}Blue{\\c&H00FF00&} green{\\1c} white')).toEqual({
      lines: [[{ text: 'Blue', italic: true, color: '#0000ff' }, { text: ' green', italic: true, color: '#00ff00' }, { text: ' white', italic: true }]],
      placement: { vertical: 'top' },
      found: [],
    });
    const r = read('1\n00:00:01,000 --> 00:00:02,000\n{\\c&H00FFFF&}Sign\nalong\n\n2\n00:00:03,000 --> 00:00:04,000\nSpoken\n');
    expect(r.found).toEqual([]);
    expect(r.cues.map((c) => c.lines)).toEqual([[[{ text: 'Sign', color: '#ffff00' }], [{ text: 'along', color: '#ffff00' }]], [[{ text: 'Spoken' }]]]);
  });

  // libass skips any `&` and `H` before the digits, reads them in either case and pads them on the left.
  it('reads ASS colours without `&H` or the closing `&`, in lower case and with fewer than 6 digits', () => {
    expect(line('{\\c00FFFF}a {\\c&H00ffff}b {\\cffff&}c {\\c&HFF&}d {\\c&H0&}e').lines).toEqual([
      [
        { text: 'a b c ', color: '#ffff00' },
        { text: 'd ', color: '#ff0000' },
        { text: 'e', color: '#000000' },
      ],
    ]);
  });

  it('keeps `<font color>` inside an ASS colour, and the ASS colour after it', () => {
    expect(line('{\\c&H00FFFF&}a <font color="red">b</font> c').lines).toEqual([[{ text: 'a ', color: '#ffff00' }, { text: 'b', color: 'red' }, { text: ' c', color: '#ffff00' }]]);
  });

  it('says the secondary, outline and shadow colours, animated colours and colours it cannot read are dropped', () => {
    expect(line('{\\2c&H0000FF&\\3c&H000000&\\4c&H000000&}Text')).toEqual({ lines: [[{ text: 'Text' }]], placement: undefined, found: [['srt/ass-override', 'info', 3]] });
    expect(line('{\\t(0,500,\\c&H0000FF&)\\clip(0,0,10,10)}Text')).toEqual({ lines: [[{ text: 'Text' }]], placement: undefined, found: [['srt/ass-override', 'info', 3]] });
    const bad = read('1\n00:00:01,000 --> 00:00:02,000\n{\\c&HFF&}a{\\c&hFF&}b{\\cred}c{\\c&H00FFFFFF&}d\n');
    expect(bad.cues[0]?.lines).toEqual([[{ text: 'abcd', color: '#ff0000' }]]);
    expect(bad.found).toEqual([
      ['srt/invalid-color', 'warning', 3],
      ['srt/invalid-color', 'warning', 3],
      ['srt/invalid-color', 'warning', 3],
    ]);
    expect(bad.diagnostics[0]?.message).toContain('`{\\c&hFF&}`');
  });

  // libass reads 0, 1 and weights from 100 up, and draws a weight more than 150 above the regular 400 as bold.
  it('reads an ASS {\\b<weight>} as bold above 550, as libass draws it', () => {
    expect(line('{\\b700}Aegisub bold{\\b400} regular {\\b551}bold {\\b550}regular {\\b900}black{\\b100} thin')).toEqual({
      lines: [[{ text: 'Aegisub bold', bold: true }, { text: ' regular ' }, { text: 'bold ', bold: true }, { text: 'regular ' }, { text: 'black', bold: true }, { text: ' thin' }]],
      placement: undefined,
      found: [],
    });
    // 2 to 99 are no weight and no switch; `\bord`, `\be`, `\blur` are other overrides.
    expect(line('{\\b1}a{\\b50}b {\\bord2\\be1\\blur3}c')).toEqual({ lines: [[{ text: 'ab c', bold: true }]], placement: undefined, found: [['srt/ass-override', 'info', 3]] });
  });

  it('keeps struck-through words and says, once a cue with its line, that the strike-through was dropped', () => {
    const r = read(
      '1\n00:00:01,000 --> 00:00:02,000\n{\\s1}Struck{\\s0} not\n{\\s1}again\n\n' +
        '2\n00:00:03,000 --> 00:00:04,000\nPlain {\\s0}text\nthen {\\i1\\s1}struck\n\n' +
        '3\n00:00:05,000 --> 00:00:06,000\n{\\shad2}Shadow\n',
    );
    expect(r.cues.map((c) => c.lines)).toEqual([
      [[{ text: 'Struck not' }], [{ text: 'again' }]],
      [[{ text: 'Plain text' }], [{ text: 'then ' }, { text: 'struck', italic: true }]],
      [[{ text: 'Shadow' }]],
    ]);
    expect(r.found).toEqual([
      ['srt/strike-dropped', 'warning', 3],
      ['srt/strike-dropped', 'warning', 9],
      ['srt/ass-override', 'info', 13],
    ]);
    expect(r.diagnostics.map((d) => d.cueId)).toEqual(['1', '2', '3']);
  });

  it('writes what it read of ASS colours and weights back as SRT, WebVTT and TTML', () => {
    const { track } = srt.parse('1\n00:00:01,000 --> 00:00:02,000\n{\\an8\\c&H00FFFF&\\b700}Sign{\\c&H0000FF&\\b400} red\nplain{\\r}\n');
    const lines = [[{ text: 'Sign', bold: true, color: '#ffff00' }, { text: ' red', color: '#ff0000' }], [{ text: 'plain', color: '#ff0000' }]];
    expect(track.cues[0]?.lines).toEqual(lines);
    const asSrt = srt.serialize(track);
    expect(asSrt.text).toContain('<font color="#ff0000">');
    for (const format of [srt, webvtt, ttml]) {
      const written = format.serialize(track);
      expect(written.diagnostics).toEqual([]);
      const back = format.parse(written.text).track.cues[0];
      expect(back?.lines).toEqual(lines);
      expect(back?.placement).toEqual({ vertical: 'top' });
    }
  });

  it('keeps the first of two positions in one block, and reads an empty part as nothing', () => {
    expect(line('{\\an8\\an2}Text')).toMatchObject({ placement: { vertical: 'top' }, found: [['srt/duplicate-position', 'info', 3]] });
    expect(line('{\\an7\\}Text')).toEqual({ lines: [[{ text: 'Text' }]], placement: { vertical: 'top', horizontal: 'left' }, found: [] });
    expect(line('{\\An8}Text')).toMatchObject({ placement: undefined, found: [['srt/ass-override', 'info', 3]] });
  });

  it('keeps `{ \\an2}` (space after the brace) as text', () => {
    expect(line('This { \\an2} is text').lines).toEqual([[{ text: 'This { \\an2} is text' }]]);
  });

  it('drops a line that held only markup', () => {
    const r = read('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}\nText\n');
    expect(r.cues[0]?.lines).toEqual([[{ text: 'Text' }]]);
    expect(r.cues[0]?.placement).toEqual({ vertical: 'top' });
  });

  it('decodes character references', () => {
    expect(line('&amp; &lt;i&gt; &quot;q&quot; &apos;&#39; a&nbsp;b &#x4E2D;&#25991; &copy; & &amp').lines).toEqual([
      [{ text: '& <i> "q" \'\' a\u00a0b 中文 &copy; & &amp' }],
    ]);
  });

  it('splits lines at U+2028', () => {
    expect(line('Du fühlst dich danach besser.\u2028Okay, Kleiner?').lines).toEqual([[{ text: 'Du fühlst dich danach besser.' }], [{ text: 'Okay, Kleiner?' }]]);
  });
});

describe('srt detect', () => {
  it('finds a timing line among the first lines', () => {
    expect(srt.detect('1\n00:00:01,000 --> 00:00:02,000\nA\n')).toBe(true);
    expect(srt.detect('\n\n00:00:01.000 --> 00:00:02.000\nA\n')).toBe(true);
    expect(srt.detect('\ufeff1\r00:00:01,000 --> 00:00:02,000\r')).toBe(true);
    expect(srt.detect('1\n99999:00:00,000 --> 99999:00:01,000\nToo late\n')).toBe(true);
  });

  it('finds a timing line in frame labels, as broadcast tools export SRT, so a file named otherwise is read as SRT', async () => {
    expect(srt.detect('1\n01:00:01:12 --> 01:00:02:00\nA\n')).toBe(true);
    expect(srt.detect('1\n01:00:01;12 --> 01:00:02;00\nA\n')).toBe(true);
    const { parse } = await import('../../../src/formats/parse.js');
    const read = parse('1\n01:00:01:12 --> 01:00:02:00\nA\n', { fileName: 'export.txt', frameRate: { numerator: 25, denominator: 1 } });
    expect(read.track.cues.map((c) => [c.start, c.end])).toEqual([[3_601_480, 3_602_000]]);
  });

  it('refuses WebVTT, XML and text without timing lines', () => {
    expect(srt.detect('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n')).toBe(false);
    expect(srt.detect('<?xml version="1.0"?>\n<tt>00:00:01,000 --> 00:00:02,000</tt>')).toBe(false);
    expect(srt.detect('Hello\nworld\n')).toBe(false);
    expect(srt.detect(`${'line\n'.repeat(25)}00:00:01,000 --> 00:00:02,000\n`)).toBe(false);
  });
});
