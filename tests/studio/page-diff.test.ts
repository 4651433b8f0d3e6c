import { describe, expect, it } from 'vitest';
import { diffText, tokens } from '../../src/studio/page/diff.js';

const show = (before: string, after: string): string =>
  diffText(before, after).map((p) => (p.op === 'same' ? p.text : p.op === 'del' ? `[-${p.text}-]` : `{+${p.text}+}`)).join('');

describe('the studio page diff of a machine draft and the reviewed text', () => {
  it('compares Latin text word by word, deletions before insertions', () => {
    expect(show('The hotline answers sixty thousand calls.', 'The hotline takes 60,000 calls.')).toBe('The hotline [-answers sixty thousand-]{+takes 60,000+} calls.');
  });

  it('keeps words whole: a changed letter replaces the word', () => {
    expect(show("Who's calling?", "Who is calling?")).toBe("[-Who's-]{+Who is+} calling?");
  });

  it('compares CJK character by character', () => {
    expect(tokens('您好，市民热线')).toEqual(['您', '好', '，', '市', '民', '热', '线']);
    expect(show('こんにちは、市民ホットラインです', 'もしもし、市民ホットラインです')).toBe('[-こんにちは-]{+もしもし+}、市民ホットラインです');
  });

  it('keeps line breaks as text', () => {
    expect(show('- Who are you?\n- The captain.', "- Who are you?\n- I'm the captain.")).toBe("- Who are you?\n- [-The-]{+I'm the+} captain.");
  });

  it('rebuilds both texts from its parts, whatever they are', () => {
    const cases: [string, string][] = [['', 'new'], ['old', ''], ['a b c', 'c b a'], ['same', 'same'], ['长江每年', '黄河每年夏天']];
    for (const [before, after] of cases) {
      const parts = diffText(before, after);
      expect(parts.filter((p) => p.op !== 'ins').map((p) => p.text).join('')).toBe(before);
      expect(parts.filter((p) => p.op !== 'del').map((p) => p.text).join('')).toBe(after);
    }
  });
});
