import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';

/**
 * The reader takes a short cut for the usual paragraph (text, `<br/>` and
 * spans that only style text). `begin="0s"` on a span and `timeContainer="par"`
 * on a paragraph change nothing a TTML processor shows, but send the reader
 * down its general path, which times every span: both must read alike.
 */
const NS = 'xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"';
const HEAD = `<head><styling><style xml:id="i" tts:fontStyle="italic"/><style xml:id="b" tts:fontWeight="bold" tts:color="yellow"/></styling>
<layout><region xml:id="top" tts:origin="10% 10%" tts:extent="80% 20%" tts:displayAlign="before"/></layout></head>`;

const text = fc.constantFrom('word', 'two words', ' lead', 'trail ', '  ', '\n   indented\n', 'a\tb', '市民热线', '&amp; &#x4E2D;', 'x  y', '\r\n');
const spanAttrs = fc.constantFrom('', ' style="i"', ' style="b i"', ' tts:fontStyle="italic"', ' tts:color="#ff0000"', ' tts:color="nonsense"', ' style="missing"', ' xml:space="preserve"', ' xml:space="default"', ' tts:textDecoration="underline"');
const spanChild = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constant('<br/>') }, { weight: 1, arbitrary: fc.constant('<![CDATA[]]>') });
const span = fc.tuple(spanAttrs, fc.array(spanChild, { maxLength: 3 })).map(([attrs, children]) => ({ attrs, children: children.join('') }));
const piece = fc.oneof(
  { weight: 3, arbitrary: text.map((t) => ({ kind: 'text' as const, t })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'br' as const }) },
  { weight: 3, arbitrary: span.map((s) => ({ kind: 'span' as const, ...s })) },
);
const paragraph = fc.record({
  pieces: fc.array(piece, { maxLength: 5 }),
  attrs: fc.constantFrom('', ' style="i"', ' xml:space="preserve"', ' region="top"', ' region="nowhere"', ' tts:textAlign="right"'),
  timing: fc.constantFrom(' begin="00:00:01.000" end="00:00:02.500"', ' begin="1s" dur="2s"', ' begin="00:00:03.250"', '', ' begin="bad" end="00:00:04.000"', ' begin="2s" end="1s"'),
  id: fc.constantFrom('', ' xml:id="c1"', ' xml:id="c2"'),
});
const document = fc.record({ paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 4 }), seq: fc.boolean() });

type Doc = typeof document extends fc.Arbitrary<infer T> ? T : never;

function write(doc: Doc, general: boolean): string {
  const ps = doc.paragraphs.map((p) => {
    const content = p.pieces
      .map((x) => (x.kind === 'text' ? x.t : x.kind === 'br' ? '<br/>' : `<span${general ? ' begin="0s"' : ''}${x.attrs}>${x.children}</span>`))
      .join('');
    return `<p${p.id}${p.timing}${p.attrs}${general ? ' timeContainer="par"' : ''}>${content}</p>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tt ${NS} xml:lang="en">${HEAD}<body><div${doc.seq ? ' timeContainer="seq"' : ''}>\n${ps.join('\n')}\n</div></body></tt>`;
}

describe('TTML plain paragraphs', () => {
  it('read as the general path reads them', () => {
    fc.assert(
      fc.property(document, (doc) => {
        expect(ttml.parse(write(doc, false))).toEqual(ttml.parse(write(doc, true)));
      }),
      { numRuns: 400 },
    );
  });
});
