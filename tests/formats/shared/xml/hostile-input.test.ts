import { describe, expect, it } from 'vitest';
import { dcpInterop, dcpSmpte } from '../../../../src/formats/dcp/index.js';
import { ttml } from '../../../../src/formats/ttml/index.js';
import { importTmx } from '../../../../src/memory/tmx.js';
import type { Diagnostic } from '../../../../src/model/diagnostic.js';
import { readXliff } from '../../../../src/review/xliff-read.js';

/** One XML input: how to read a text, and a small document of its kind whose root element is written `<ROOT>…</ROOT>`. */
interface Input {
  name: string;
  code: string;
  read: (text: string) => { diagnostics: Diagnostic[]; json: string };
  /** The root element's start tag, what goes inside it around a text, and its end tag. */
  wrap: (text: string) => string;
}

const TMX_HEADER = '<header creationtool="t" creationtoolversion="1" segtype="block" o-tmf="t" adminlang="en" srclang="zh-Hans" datatype="plaintext"/>';

const INPUTS: Input[] = [
  {
    name: 'TTML',
    code: 'ttml',
    read: (text) => ttmlRead(text),
    wrap: (t) => `<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div><p begin="0s" end="1s">${t}</p></div></body></tt>`,
  },
  {
    name: 'DCP SMPTE',
    code: 'dcp',
    read: (text) => adapterRead(dcpSmpte.parse(text)),
    wrap: (t) =>
      `<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST"><EditRate>24 1</EditRate><TimeCodeRate>24</TimeCodeRate><SubtitleList><Subtitle TimeIn="00:00:01:00" TimeOut="00:00:02:00"><Text>${t}</Text></Subtitle></SubtitleList></SubtitleReel>`,
  },
  {
    name: 'DCP Interop',
    code: 'dcp',
    read: (text) => adapterRead(dcpInterop.parse(text)),
    wrap: (t) => `<DCSubtitle Version="1.0"><Font><Subtitle TimeIn="00:00:01:000" TimeOut="00:00:02:000"><Text>${t}</Text></Subtitle></Font></DCSubtitle>`,
  },
  {
    name: 'TMX',
    code: 'tmx',
    read: (text) => {
      const r = importTmx(text, 'evil.tmx');
      return { diagnostics: r.diagnostics, json: JSON.stringify(r.entries) };
    },
    wrap: (t) => `<tmx version="1.4">${TMX_HEADER}<body><tu><tuv xml:lang="zh-Hans"><seg>${t}</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`,
  },
  {
    name: 'XLIFF',
    code: 'xliff',
    read: (text) => {
      const r = readXliff(text, 'evil.xlf');
      return { diagnostics: r.diagnostics, json: JSON.stringify(r.cues) };
    },
    wrap: (t) =>
      `<xliff version="1.2"><file original="film.zh-Hans" source-language="zh-Hans" target-language="en" datatype="plaintext"><body><trans-unit id="1"><source>${t}</source><target state="final">x</target></trans-unit></body></file></xliff>`,
  },
];

function adapterRead(r: { track: unknown; diagnostics: Diagnostic[] }): { diagnostics: Diagnostic[]; json: string } {
  return { diagnostics: r.diagnostics, json: JSON.stringify(r.track) };
}

function ttmlRead(text: string): { diagnostics: Diagnostic[]; json: string } {
  return adapterRead(ttml.parse(text));
}

/** A prolog that hides the DOCTYPE from a naive search: a BOM, the declaration, a comment holding `<a>` and `]>`, a processing instruction, white space. */
const PROLOG = ['\uFEFF<?xml version="1.0" encoding="UTF-8"?>', '<!-- an <a> element, and a ]> -->', '<?subloc note="<b>"?>', '  ', '<!DOCTYPE root ['];

const LAUGHS = [
  ...PROLOG,
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
];

/** No recursion, only width: a kilobyte entity referenced ten thousand times. */
const WIDE = [...PROLOG, `  <!ENTITY wide "${'w'.repeat(1000)}">`, ']>'];

const PARAMETER = [...PROLOG, '  <!ENTITY % p "<!ENTITY q \'qqqq\'>">', '  %p;', ']>'];

const EXTERNAL = [...PROLOG, '  <!ENTITY secret SYSTEM "file:///etc/passwd">', ']>'];

/** What the case is, its prolog, the text that refers to its entities, what their expansion would show, the first entity's name. */
const CASES: [string, string[], string, string, string][] = [
  ['a billion laughs', LAUGHS, '&lol9;', 'lol', 'lol'],
  ['a wide entity referenced many times', WIDE, '&wide;'.repeat(10_000), 'www', 'wide'],
  ['a parameter entity', PARAMETER, '&q;', 'qqqq', '% p'],
  ['an external entity', EXTERNAL, '&secret;', 'root:', 'secret'],
];

describe.each(INPUTS)('$name refuses DTD entities wherever the DOCTYPE sits', (input) => {
  it.each(CASES)('%s after a BOM, a comment, a processing instruction and white space', (_, prolog, body, expansion, entity) => {
    const { diagnostics, json } = input.read(`${prolog.join('\n')}\n${input.wrap(body)}\n`);
    expect(diagnostics).toEqual([expect.objectContaining({ code: `${input.code}/doctype-entities`, severity: 'error', line: 6, column: 3 })]);
    expect(diagnostics[0]!.message).toMatch(/^found an `<!ENTITY>` declaration .*; expected .*\bno\b.*entit/);
    expect(diagnostics[0]!.message).toContain(`(\`${entity}\`)`);
    expect(json).not.toContain(expansion);
    expect(json.length).toBeLessThan(1000);
  });

  it('refuses an entity declaration in a DOCTYPE without a prolog, at its line and column', () => {
    const { diagnostics } = input.read(`<!DOCTYPE root [<!ENTITY a "aaaa">]>\n${input.wrap('&a;')}`);
    expect(diagnostics).toEqual([expect.objectContaining({ code: `${input.code}/doctype-entities`, line: 1, column: 17 })]);
  });

  it('refuses a DOCTYPE after the root element began, where no entity check looks', () => {
    const { diagnostics, json } = input.read(input.wrap('<!DOCTYPE root [<!ENTITY x "boom">]>&x;'));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ code: `${input.code}/not-well-formed`, line: 1 })]);
    expect(diagnostics[0]!.message).toContain('found a `<!DOCTYPE>` after the root element began');
    expect(json).not.toContain('boom');
  });

  it('accepts a DOCTYPE without an internal subset, a DTD reference as TMX writes it', () => {
    const { diagnostics } = input.read(`<?xml version="1.0"?>\n<!-- <a> -->\n<!DOCTYPE root SYSTEM "root.dtd">\n${input.wrap('one &amp; two')}`);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe.each(INPUTS)('$name refuses control characters, which XML 1.0 forbids', (input) => {
  it.each([
    ['a NUL', '\u0000', 'U+0000'],
    ['an escape', '\u001b', 'U+001B'],
    ['a non-character', '\uffff', 'U+FFFF'],
  ])('%s in a text, at its line and column', (_, control, named) => {
    const { diagnostics, json } = input.read(`<?xml version="1.0" encoding="UTF-8"?>\n${input.wrap(`ab${control}cd`)}\n`);
    const column = input.wrap('\u0001').indexOf('\u0001') + 3;
    expect(diagnostics).toEqual([expect.objectContaining({ code: `${input.code}/not-well-formed`, severity: 'error', line: 2, column })]);
    expect(diagnostics[0]!.message).toContain(`found the control character ${named}`);
    expect(diagnostics[0]!.message).toMatch(/expected .*tab, line feed and carriage return/);
    expect(json).not.toContain('cd');
  });
});

describe.each(INPUTS)('$name reads the C1 controls XML allows as the Windows-1252 characters they stand for', (input) => {
  it.each([
    ['written raw', 'don\u0092t \u0085\u007f'],
    ['as references', 'don&#x92;t &#133;&#127;'],
  ])('%s, said once at the first', (_, text) => {
    const { diagnostics, json } = input.read(`<?xml version="1.0" encoding="UTF-8"?>\n${input.wrap(text)}\n`);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const column = input.wrap('\u0001').indexOf('\u0001') + 4;
    expect(diagnostics.filter((d) => d.code === 'input/control-characters')).toEqual([expect.objectContaining({ severity: 'warning', line: 2, column, message: expect.stringContaining('found the control character U+0092 (and 2 more)') })]);
    expect(json).toContain('don\u2019t \u2026');
    expect(json).not.toMatch(/[\u007f-\u009f]/);
  });
});

const GOOD = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en">',
  '  <body>',
  '    <div>',
  '      <p begin="00:00:01.000" end="00:00:02.000">one</p>',
  '      <p begin="00:00:03.000" end="00:00:04.000">two</p>',
  '    </div>',
  '  </body>',
  '</tt>',
].join('\n');

function oneError(text: string): { code: string; line: number | undefined; message: string; cues: number } {
  const { track, diagnostics } = ttml.parse(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  return { code: errors[0]!.code, line: errors[0]!.line, message: errors[0]!.message, cues: track.cues.length };
}

describe.each(INPUTS)('$name reads the HTML entities XML lacks as HTML does, saying so where each first stands', (input) => {
  it('puts in `&eacute;` and `&nbsp;`, keeps one HTML does not name as text, and leaves comments and CDATA alone', () => {
    const text = `<?xml version="1.0"?>\n${input.wrap('t&eacute;l&eacute;&nbsp;<!-- &copy; -->&bogus; &amp;&lt;')}`;
    const { diagnostics, json } = input.read(text);
    // The memory and the review files keep tagged text, where `&` is `&amp;`.
    expect(json).toMatch(/télé\u00a0&(amp;)?bogus; &(amp;)?(&lt;|<)/);
    expect(json).not.toContain('©');
    const said = diagnostics.filter((d) => d.code === `${input.code}/html-entity`);
    expect(said.map((d) => [d.line, /^found `&\w+;`/.exec(d.message)?.[0]])).toEqual([
      [2, 'found `&eacute;`'],
      [2, 'found `&nbsp;`'],
      [2, 'found `&bogus;`'],
    ]);
    expect(said[0]!.message).toContain('(2 times, the first here)');
    expect(said[0]!.message).toContain('read as HTML reads it, "é" (U+00E9)');
    expect(said[2]!.message).toContain('HTML does not name it either, so it was kept as text');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('broken TTML', () => {
  it('reports a document cut off inside a text node at its last line', () => {
    const cut = GOOD.slice(0, GOOD.indexOf('two') + 2);
    const r = oneError(cut);
    expect(r).toMatchObject({ code: 'ttml/truncated', line: 6, cues: 0 });
    expect(r.message).toContain('</p>');
  });

  it('reports a document cut off inside a tag', () => {
    const r = oneError(GOOD.slice(0, GOOD.indexOf('begin="00:00:03')));
    expect(r).toMatchObject({ code: 'ttml/truncated', line: 6, cues: 0 });
  });

  it('reports a mismatched end tag with its line', () => {
    const r = oneError(GOOD.replace('two</p>', 'two</span>'));
    expect(r).toMatchObject({ code: 'ttml/not-well-formed', line: 6, cues: 0 });
  });

  it('reports an end tag that closes another element, with its line, in a long document', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `      <p begin="${i}s" end="${i + 1}s">cue ${i}</p>`).join('\n');
    const long = GOOD.replace(/ {6}<p[^]*<\/p>/, many).replace('cue 1500</p>', 'cue 1500</span>');
    const r = oneError(long);
    expect(r).toMatchObject({ code: 'ttml/not-well-formed', line: 1505, cues: 0 });
  });

  it('refuses elements nested past 1,000 deep at the line of the first too deep, and says the limit', () => {
    const nest = (depth: number): string => GOOD.replace('>two<', `>${'<span>\n'.repeat(depth)}two${'</span>'.repeat(depth)}<`);
    // tt, body, div and p hold the spans.
    expect(ttml.parse(nest(996)).diagnostics).toEqual([]);
    const r = oneError(nest(5000));
    expect(r).toMatchObject({ code: 'ttml/not-well-formed', line: 6 + 996, cues: 0 });
    expect(r.message).toContain('found `<span>` nested 1,001 elements deep; expected at most 1,000');
  });

  it('accepts a DOCTYPE without entities', () => {
    const { track, diagnostics } = ttml.parse(GOOD.replace('<tt ', '<!DOCTYPE tt>\n<tt '));
    expect(diagnostics).toEqual([]);
    expect(track.cues).toHaveLength(2);
  });

  it('says a document with another root is not TTML', () => {
    expect(oneError('<?xml version="1.0"?>\n<DCSubtitle Version="1.0"/>')).toMatchObject({ code: 'ttml/not-ttml', line: 2 });
  });

  it('says which namespace a `<tt>` root is in when it is not TTML\'s', () => {
    const r = oneError('<?xml version="1.0"?>\n<tt xmlns="urn:example:captions"><body/></tt>');
    expect(r).toMatchObject({ code: 'ttml/not-ttml', line: 2 });
    expect(r.message).toBe('the root element `<tt>` is in the namespace `urn:example:captions`; expected the TTML namespace (xmlns="http://www.w3.org/ns/ttml")');
  });
});
