import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import { normalizeColor } from '../../../src/formats/ttml/colors.js';
import { itReturns } from '../../helpers/examples.js';

const NS = 'xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:ttm="http://www.w3.org/ns/ttml#metadata"';

function doc(body: string, head = '', rootAttrs = 'xml:lang="en"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tt ${NS} ${rootAttrs}><head>${head}</head><body>${body}</body></tt>`;
}

describe('TTML reader', () => {
  it('resolves referential, chained and inline styles with inheritance', () => {
    const head = `<styling>
      <style xml:id="base" tts:fontStyle="italic"/>
      <style xml:id="loud" style="base" tts:fontWeight="bold" tts:color="#FFFF00"/>
    </styling>`;
    const { track, diagnostics } = ttml.parse(
      doc(`<div tts:textDecoration="underline"><p begin="1s" end="2s" style="loud">A <span tts:fontStyle="normal" tts:color="rgb(255,255,255)">b</span> <span tts:textDecoration="noUnderline">c</span></p></div>`, head),
    );
    expect(diagnostics).toEqual([]);
    expect(track.cues[0]!.lines).toEqual([
      [
        { text: 'A ', italic: true, bold: true, underline: true, color: '#ffff00' },
        { text: 'b', bold: true, underline: true },
        { text: ' ', italic: true, bold: true, underline: true, color: '#ffff00' },
        { text: 'c', italic: true, bold: true, color: '#ffff00' },
      ],
    ]);
  });

  describe('normalizes colours and stores white as no colour', () => {
    itReturns('%j is %j', normalizeColor, [
      ['Yellow', 'yellow'],
      ['#FF0000FF', '#ff0000'],
      ['rgba(255,0,0,128)', '#ff000080'],
      ['white', ''],
      ['#ffffff', ''],
      ['orange-ish', undefined],
    ]);
  });

  it('collapses white space by default, across spans and around <br/>, and keeps it under xml:space="preserve"', () => {
    const { track } = ttml.parse(
      doc(`<div>
        <p begin="0s" end="1s">
          Hello   <span>  big </span>
          world <br/>  again  </p>
        <p begin="1s" end="2s" xml:space="preserve">a  b
c</p></div>`),
    );
    expect(track.cues.map((c) => c.lines.map((l) => l.map((s) => s.text).join('')))).toEqual([['Hello big world', 'again'], ['a  b', 'c']]);
  });

  it('keeps white space under xml:space="preserve" on the root <tt> as on any element below it', () => {
    const { track } = ttml.parse(doc(`<div><p begin="1s" end="2s"><span>One\nline  two</span></p></div>`, '', 'xml:lang="en" xml:space="preserve"'));
    expect(track.cues.map((c) => c.lines.map((l) => l.map((s) => s.text).join('')))).toEqual([['One', 'line  two']]);
  });

  it('keeps struck-through words and says once that the line through them is dropped', () => {
    const { track, diagnostics } = ttml.parse(doc(`<div><p begin="1s" end="2s">a <span tts:textDecoration="lineThrough">b</span></p><p begin="2s" end="3s" tts:textDecoration="lineThrough">c</p><p begin="3s" end="4s" tts:textDecoration="lineThrough"><span tts:textDecoration="noLineThrough">d</span></p></div>`));
    expect(track.cues.map((c) => c.lines.map((l) => l.map((sp) => sp.text).join('')))).toEqual([['a b'], ['c'], ['d']]);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['ttml/strike-dropped', 'warning']]);
    expect(diagnostics[0]!.message).toMatch(/^2 runs of struck-through text/);
  });

  it('says once that text on a coloured background is read without it, not of the usual dark or see-through box', () => {
    const head = '<styling><style xml:id="sign" tts:backgroundColor="yellow"/></styling>';
    const body = `<div>
      <p begin="0s" end="1s" tts:backgroundColor="#000000c0">on the dark box</p>
      <p begin="1s" end="2s" tts:backgroundColor="#ffffff00">on nothing</p>
      <p begin="2s" end="3s"><span style="sign" tts:color="black">NO ENTRY</span></p>
      <p begin="3s" end="4s" tts:backgroundColor="white"><span tts:color="black">inside a white box</span></p></div>`;
    const { diagnostics } = ttml.parse(doc(body, head));
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['ttml/background-dropped', 'warning']]);
    expect(diagnostics[0]!.message).toMatch(/^2 runs of text on a background colour \(`tts:backgroundColor`; the first, `yellow`, at line \d+\)/);
  });

  it('reads clock, frame, tick and offset times with inherited begin', () => {
    const root = 'xml:lang="en" ttp:frameRate="25" ttp:tickRate="10000000"';
    const { track, diagnostics } = ttml.parse(
      doc(`<div begin="10s"><p begin="00:00:01:05" end="00:00:02.5">a</p><p begin="25000000t" dur="1.5s">b</p><p begin="1m" end="1.5h">c</p></div>`, '', root),
    );
    expect(diagnostics).toEqual([]);
    expect(track.cues.map((c) => [c.start, c.end])).toEqual([
      [11_200, 12_500],
      [12_500, 14_000],
      [70_000, 5_410_000],
    ]);
    expect(track.frameRate).toEqual({ numerator: 25, denominator: 1 });
  });

  it('runs seq containers one child after another', () => {
    const { track } = ttml.parse(doc(`<div timeContainer="seq"><p dur="2s">a</p><p begin="1s" dur="2s">b</p></div>`));
    expect(track.cues.map((c) => [c.start, c.end])).toEqual([
      [0, 2000],
      [3000, 5000],
    ]);
  });

  it('maps regions to placement and leaves the bottom centre implicit', () => {
    const head = `<layout>
      <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:textAlign="center"/>
      <region xml:id="top" tts:origin="10% 5%" tts:extent="80% 20%"/>
      <region xml:id="mid" tts:displayAlign="center"/>
    </layout>`;
    const { track } = ttml.parse(
      doc(
        `<div><p begin="0s" end="1s" region="bottom">a</p><p begin="1s" end="2s" region="top">b</p><p begin="2s" end="3s" region="mid" tts:textAlign="right">c</p><p begin="3s" end="4s" region="bottom" tts:textAlign="start">d</p></div>`,
        head,
      ),
    );
    expect(track.cues.map((c) => c.placement)).toEqual([undefined, { vertical: 'top' }, { vertical: 'middle', horizontal: 'right' }, { vertical: 'bottom', horizontal: 'left' }]);
  });

  it('places regions given in IMSC 1.1 root-relative lengths (rw, rh) or by tts:position', () => {
    const head = `<layout>
      <region xml:id="low" tts:origin="10rw 80rh" tts:extent="80rw 10rh"/>
      <region xml:id="high" tts:origin="10rw 5rh" tts:extent="80rw 10rh"/>
      <region xml:id="posLow" tts:position="center bottom" tts:extent="80% 10%"/>
      <region xml:id="posHigh" tts:position="top center" tts:extent="80% 10%"/>
      <region xml:id="posEdge" tts:position="left 5% top 5%" tts:extent="40% 10%"/>
      <region xml:id="posLength" tts:position="50% 90%" tts:extent="80% 10%"/>
    </layout>`;
    const regions = ['low', 'high', 'posLow', 'posHigh', 'posEdge', 'posLength'];
    const { track } = ttml.parse(doc(`<div>${regions.map((r, i) => `<p begin="${i}s" end="${i + 1}s" region="${r}">${r}</p>`).join('')}</div>`, head));
    expect(track.cues.map((c) => c.placement)).toEqual([undefined, { vertical: 'top' }, undefined, { vertical: 'top' }, { vertical: 'top' }, undefined]);
  });

  it('takes the language and title from the document, else the options', () => {
    const { track } = ttml.parse(doc('<div/>', '<metadata><ttm:title>Hotline</ttm:title></metadata>', 'xml:lang="zh-Hans"'), { language: 'en' });
    expect(track.language).toBe('zh-Hans');
    expect(track.meta.title).toBe('Hotline');
    expect(ttml.parse(doc('<div/>', '', 'xml:lang=""'), { language: 'fr' }).track.language).toBe('fr');
  });

  it('reads the old DFXP namespace with any prefix', () => {
    const text = `<tt:tt xmlns:tt="http://www.w3.org/2006/04/ttaf1" xmlns:s="http://www.w3.org/2006/04/ttaf1#styling" xml:lang="en"><tt:body><tt:div><tt:p begin="1s" end="2s" s:fontStyle="italic">x</tt:p></tt:div></tt:body></tt:tt>`;
    expect(ttml.detect(text)).toBe(true);
    const { track, diagnostics } = ttml.parse(text);
    expect(diagnostics).toEqual([]);
    expect(track.cues[0]!.lines).toEqual([[{ text: 'x', italic: true }]]);
  });

  it('recovers from an undeclared tts: prefix and a bad time, and says so', () => {
    const text = `<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div><p begin="1s" end="2s" tts:fontWeight="bold">x</p><p begin="soon" end="3s">y</p></div></body></tt>`;
    const { track, diagnostics } = ttml.parse(text);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['ttml/undeclared-prefix', 'warning', 1],
      ['ttml/bad-time', 'error', 1],
    ]);
    // The bad begin is dropped, so `y` counts from 0 and sorts first.
    expect(track.cues.map((c) => [c.start, c.lines])).toEqual([
      [0, [[{ text: 'y' }]]],
      [1000, [[{ text: 'x', bold: true }]]],
    ]);
  });

  it('reads prefixes and declarations deep in a body of plain paragraphs', () => {
    const plain = Array.from({ length: 3 }, (_, i) => `<p xml:id="c${i}" begin="${i}s" end="${i + 1}s">plain</p>`).join('\n');
    const text = `<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div>
${plain}
<p begin="5s" end="6s"><span xmlns:q="http://www.w3.org/ns/ttml#styling" q:fontStyle="italic">declared</span></p>
<div><p begin="6s" end="7s"><span tts:fontWeight="bold">undeclared</span></p></div>
<p begin="7s" end="8s" xmlns:f="urn:foreign" f:note="x"><span>foreign</span></p>
<div xmlns="urn:other"><p begin="8s" end="9s">not TTML</p></div>
<t:p xmlns:t="http://www.w3.org/ns/ttml" begin="9s" end="10s">prefixed</t:p>
</div></body></tt>`;
    const { track, diagnostics } = ttml.parse(text);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['ttml/undeclared-prefix', 6]]);
    expect(track.cues.map((c) => [c.start, c.lines])).toEqual([
      [0, [[{ text: 'plain' }]]],
      [1000, [[{ text: 'plain' }]]],
      [2000, [[{ text: 'plain' }]]],
      [5000, [[{ text: 'declared', italic: true }]]],
      [6000, [[{ text: 'undeclared', bold: true }]]],
      [7000, [[{ text: 'foreign' }]]],
      [9000, [[{ text: 'prefixed' }]]],
    ]);
  });

  it('locates problems deep in a document by line, whatever its line ends and prefixes', () => {
    const cues = Array.from({ length: 300 }, (_, i) => {
      const end = i === 150 ? 'soon' : `${i + 1}s`;
      const color = i === 200 ? 'orange-ish' : 'yellow';
      const region = i === 250 ? ' region="nowhere"' : '';
      return `<x:p begin="${i}s" end="${end}" s:color="${color}"${region}>cue ${i}</x:p>`;
    });
    const text = ['<?xml version="1.0"?>', '<x:tt xmlns:x="http://www.w3.org/ns/ttml" xmlns:s="http://www.w3.org/ns/ttml#styling">', '<x:body><x:div>', ...cues, '</x:div></x:body></x:tt>'].join('\r\n');
    const { track, diagnostics } = ttml.parse(text);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['ttml/bad-time', 154],
      ['ttml/bad-color', 204],
      ['ttml/unknown-region', 254],
      // The bad end is dropped, so cue 150 has none.
      ['ttml/indefinite-end', 154],
    ]);
    expect(track.cues).toHaveLength(300);
  });

  it('joins simultaneous paragraphs with the same placement into one cue', () => {
    const { track, diagnostics } = ttml.parse(doc(`<div><p xml:id="a" begin="1s" end="2s">one</p><p xml:id="b" begin="1s" end="2s">two</p></div>`));
    expect(track.cues).toEqual([{ id: 'a', start: 1000, end: 2000, lines: [[{ text: 'one' }], [{ text: 'two' }]] }]);
    // Said, with where: two cues of an SRT written to TTML at the same times come back as one.
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'ttml/paragraphs-joined', severity: 'info', line: 2 }));
  });

  it('detects TTML by its root element only', () => {
    expect(ttml.detect('<?xml version="1.0"?>\n<!-- c -->\n<tt:tt xmlns:tt="http://www.w3.org/ns/ttml"/>')).toBe(true);
    expect(ttml.detect('<?xml version="1.0"?><DCSubtitle/>')).toBe(false);
    expect(ttml.detect('1\n00:00:01,000 --> 00:00:02,000\n<tt>')).toBe(false);
  });
});

describe('TTML white space between spans', () => {
  const doc = (inner: string) =>
    `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en"><head><styling><style xml:id="i" tts:fontStyle="italic"/></styling></head><body><div><p begin="0s" end="1s">${inner}</p></div></body></tt>`;

  it('keeps a span of only white space as the one space it separates words with', () => {
    expect(ttml.parse(doc('<span>a</span><span> </span><span>b</span>')).track.cues[0]!.lines).toEqual([[{ text: 'a b' }]]);
    expect(ttml.parse(doc('<span style="i">a</span><span>  </span><span>b</span>')).track.cues[0]!.lines).toEqual([[{ text: 'a', italic: true }, { text: ' b' }]]);
  });
});

describe('TTML ids said twice', () => {
  it('renames the second cue and names both lines, found only when an id repeats', () => {
    const body = '<div>\n<p xml:id="a" begin="00:00:01.000" end="00:00:02.000">one</p>\n<p xml:id="b" begin="00:00:03.000" end="00:00:04.000">two</p>\n<p xml:id="a" begin="00:00:05.000" end="00:00:06.000">three</p>\n</div>';
    const { track, diagnostics } = ttml.parse(doc(body));
    expect(track.cues.map((c) => c.id)).toEqual(['a', 'b', 'a~2']);
    const repeated = diagnostics.filter((d) => d.code === 'ttml/repeated-id');
    expect(repeated).toHaveLength(1);
    expect(repeated[0]).toMatchObject({ line: doc(body).split('\n').findIndex((l) => l.includes('three')) + 1, cueId: 'a~2' });
    expect(repeated[0]!.message).toContain(`line ${doc(body).split('\n').findIndex((l) => l.includes('>one<')) + 1}`);
  });
});

describe('TTML numbers too large to count in', () => {
  const huge = '9'.repeat(400);

  it.each([
    ['an offset', `${huge}s`],
    ['an offset with a fraction', `${huge}.5s`],
    ['clock hours', `${huge}:00:00`],
    ['a frame field', `00:00:01:${huge}`],
    ['a sub-frame field', `00:00:01:01.${huge}`],
    ['lenient seconds', `${huge}.5`],
    ['lenient minutes', `${huge}:01.5`],
  ])('refuses %s, as a bad time with its line, instead of hanging or reading Infinity', (_, value) => {
    const { track, diagnostics } = ttml.parse(doc(`<div>\n<p begin="1s" end="${value}">x</p>\n<p begin="3s" end="4s">y</p></div>`));
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line])).toEqual([['ttml/bad-time', 3]]);
    for (const cue of track.cues) expect([cue.start, cue.end].every(Number.isSafeInteger)).toBe(true);
  });

  it.each(['ttp:frameRate', 'ttp:tickRate', 'ttp:subFrameRate'])('uses the default for a %s too large to count in, and says so', (name) => {
    const { track, diagnostics } = ttml.parse(doc('<div><p begin="10t" end="20s">x</p><p begin="00:00:01:01" end="3s">y</p></div>', '', `xml:lang="en" ${name}="${huge}"`));
    expect(diagnostics.map((d) => d.code)).toEqual(['ttml/bad-parameter']);
    for (const cue of track.cues) expect([cue.start, cue.end].every(Number.isSafeInteger)).toBe(true);
  });

  it('uses the default for a ttp:frameRateMultiplier too large to count in, and says so', () => {
    const { diagnostics } = ttml.parse(doc('<div><p begin="00:00:01:01" end="3s">y</p></div>', '', `xml:lang="en" ttp:frameRate="30" ttp:frameRateMultiplier="${huge} 1001"`));
    expect(diagnostics.map((d) => d.code)).toEqual(['ttml/bad-parameter']);
  });
});

describe('TTML paragraphs never shown', () => {
  const body = (inner: string) => `<div>\n<p begin="1s" end="2s">kept</p>\n${inner}\n<p begin="3s" end="4s">also kept</p>\n</div>`;

  it.each([
    ['ends before it begins', '<p begin="2.5s" end="2.2s">reversed</p>'],
    ['ends as it begins', '<p begin="2.5s" end="2.5s">zero</p>'],
    ['lasts under a millisecond', '<p begin="2.5s" end="2.5004s">instant</p>'],
    ['lies outside the time of its div', '<div begin="10s" end="11s"><p begin="2s" end="3s">outside</p></div>'],
  ])('says a paragraph with text that %s is not in the track, at its line', (_, inner) => {
    const { track, diagnostics } = ttml.parse(doc(body(inner)));
    expect(track.cues.map((c) => c.lines[0]![0]!.text)).toEqual(['kept', 'also kept']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ttml/never-shown', severity: 'info', line: 4 })]);
  });

  it('says it once for every such paragraph, with the count and the first one’s line', () => {
    const { diagnostics } = ttml.parse(doc(body('<p begin="5s" end="4s">one</p>\n<p begin="6s" end="5s">two</p>')));
    expect(diagnostics.map((d) => [d.code, d.line, d.message.startsWith('2 paragraphs')])).toEqual([['ttml/never-shown', 4, true]]);
  });

  it('says nothing of an empty paragraph never shown, which holds nothing to lose', () => {
    expect(ttml.parse(doc(body('<p begin="5s" end="4s"> </p>'))).diagnostics).toEqual([]);
  });
});

describe('TTML paragraphs whose spans are timed outside them', () => {
  it('says the paragraph shows none of its text, and reads nothing of it', () => {
    // Absolute times where TTML counts them from the parent, as some lyric files have them.
    const body = '<div begin="20s" end="60s">\n<p begin="20s" end="22s"><span begin="20s" end="21s">When</span> <span begin="21s" end="22s">you</span></p>\n</div>';
    const { track, diagnostics } = ttml.parse(doc(body));
    expect(track.cues).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['ttml/never-shown', 3]]);
  });

  it('says nothing of text kept only in a paragraph’s metadata', () => {
    const body = '<div>\n<p begin="1s" end="2s">shown</p>\n<p begin="3s" end="2s"><metadata><ttm:desc>a note</ttm:desc></metadata></p>\n</div>';
    expect(ttml.parse(doc(body)).diagnostics).toEqual([]);
  });
});

describe('text in elements of a foreign namespace', () => {
  const text = [
    '<?xml version="1.0"?>',
    '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:foo="urn:example:notes">',
    '<body><div>',
    '<p begin="1s" end="2s">visible <foo:note>hidden words</foo:note> end</p>',
    '<p begin="3s" end="4s">two<foo:note>more</foo:note></p>',
    '<p begin="5s" end="6s">three<foo:empty/><metadata><foo:x>metadata is never shown</foo:x></metadata></p>',
    '</div></body></tt>',
  ].join('\n');

  it('is left out as TTML says, and said at the line of the first with the count of the rest', () => {
    const { track, diagnostics } = ttml.parse(text);
    expect(track.cues.map((c) => c.lines.map((l) => l.map((s) => s.text).join('')).join('\n'))).toEqual(['visible end', 'two', 'three']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ttml/foreign-text', severity: 'info', line: 4 })]);
    expect(diagnostics[0]!.message).toBe(
      '`<foo:note>` is in the namespace `urn:example:notes`, which TTML does not show; expected text in `<p>`, `<span>` or `<br/>`; its text `hidden words` was left out (and 1 more like this)',
    );
  });
});

describe('TTML text the document does not show', () => {
  it('leaves out hidden, undisplayed and transparent text, by attribute or by style, saying so once, and shows what a child makes visible again', () => {
    const { track, diagnostics } = ttml.parse(
      doc(
        `<div>
<p begin="4s" end="5s">Bonjour <span tts:visibility="hidden">hidden</span> <span tts:display="none">none</span></p>
<p begin="6s" end="7s" tts:visibility="hidden">whole <span tts:visibility="visible">again</span></p>
<p begin="8s" end="9s"><span style="clear">zero opacity</span></p>
<p begin="10s" end="11s" tts:display="none">gone</p>
</div>`,
        '<styling><style xml:id="clear" tts:opacity="0"/></styling>',
      ),
    );
    expect(track.cues.map((c) => [c.start, c.lines.map((l) => l.map((s) => s.text).join('').trim())])).toEqual([
      [4000, ['Bonjour']],
      [6000, ['again']],
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ttml/hidden-dropped', severity: 'warning', line: 3, message: expect.stringContaining('5 runs of text') })]);
  });
});
