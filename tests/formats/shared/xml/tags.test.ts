import { describe, expect, it } from 'vitest';
import { scanTags } from '../../../../src/formats/shared/xml/tags.js';

function scan(text: string): { ends: number[]; unqualified: number[] } {
  const tags = scanTags(text, 0);
  return { ends: [...tags.ends.subarray(0, tags.count)], unqualified: [...tags.unqualified.subarray(0, tags.count)] };
}

describe('scanTags', () => {
  it('finds where each subtree ends in pre-order', () => {
    expect(scan('<a><b><c/></b><d/></a>').ends).toEqual([4, 3, 3, 4]);
  });

  it('marks subtrees without prefixes (but xml:) or namespace declarations', () => {
    const text = '<a xmlns:x="urn:x"><b xml:id="b1" begin="00:00:01.000"><c/></b><d><e x:f="1"/></d><g>t:u</g></a>';
    // a declares a prefix; e uses one, so d holds a qualified element; the colons of values and text do not count.
    expect(scan(text).unqualified).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('counts a prefixed element name, a default namespace declaration, and xml: only as an attribute prefix', () => {
    expect(scan('<a><x:b/><c xmlns="urn:c"/><xml:d/><e\txml:space="preserve"/><f y="1"xml:lang="en"/></a>').unqualified).toEqual([0, 0, 0, 0, 1, 0]);
  });
});
