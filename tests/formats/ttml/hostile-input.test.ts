import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';

const LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE tt [',
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div><p begin="0s" end="1s">&lol9;</p></div></body></tt>',
].join('\n');

const EXTERNAL = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE tt [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div><p begin="0s" end="1s">&x;</p></div></body></tt>',
].join('\n');

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

function oneError(text: string): { code: string; line: number | undefined; message: string; cues: number; json: string } {
  const started = performance.now();
  const { track, diagnostics } = ttml.parse(text);
  expect(performance.now() - started).toBeLessThan(1000);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  return { code: errors[0]!.code, line: errors[0]!.line, message: errors[0]!.message, cues: track.cues.length, json: JSON.stringify(track) };
}

describe('hostile and broken XML', () => {
  it('refuses a billion-laughs entity bomb quickly, with the line of the first entity', () => {
    const r = oneError(LAUGHS);
    expect(r).toMatchObject({ code: 'ttml/doctype-entities', line: 3, cues: 0 });
    expect(r.json).not.toContain('lol');
  });

  it('never reads an external entity', () => {
    const r = oneError(EXTERNAL);
    expect(r).toMatchObject({ code: 'ttml/doctype-entities', line: 2, cues: 0 });
    expect(r.json).not.toContain('root:');
  });

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

  it('refuses a DOCTYPE after the root element began, where the entity check never looks', () => {
    const late = GOOD.replace('<body>', '<body>\n<!DOCTYPE tt [<!ENTITY x "boom">]>').replace('one', '&x;');
    const r = oneError(late);
    expect(r).toMatchObject({ code: 'ttml/not-well-formed', line: 4, cues: 0 });
    expect(r.json).not.toContain('boom');
  });

  it('reports an end tag that closes another element, with its line, in a long document', () => {
    const many = Array.from({ length: 2000 }, (_, i) => `      <p begin="${i}s" end="${i + 1}s">cue ${i}</p>`).join('\n');
    const long = GOOD.replace(/ {6}<p[^]*<\/p>/, many).replace('cue 1500</p>', 'cue 1500</span>');
    const r = oneError(long);
    expect(r).toMatchObject({ code: 'ttml/not-well-formed', line: 1505, cues: 0 });
  });

  it('accepts a DOCTYPE without entities', () => {
    const { track, diagnostics } = ttml.parse(GOOD.replace('<tt ', '<!DOCTYPE tt>\n<tt '));
    expect(diagnostics).toEqual([]);
    expect(track.cues).toHaveLength(2);
  });

  it('says a document with another root is not TTML', () => {
    expect(oneError('<?xml version="1.0"?>\n<DCSubtitle Version="1.0"/>')).toMatchObject({ code: 'ttml/not-ttml', line: 2 });
  });
});
