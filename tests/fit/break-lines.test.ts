import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/fit/break-lines.js';
import { textWidth } from '../../src/model/language.js';
import { lineText } from '../../src/model/spans.js';

describe('breakLines', () => {
  it('keeps a line that fits', () => {
    expect(breakLines([{ text: 'Beijing, seven in the morning.' }], 'en-US')).toEqual([[{ text: 'Beijing, seven in the morning.' }]]);
  });

  it('breaks a long Latin line at the space nearest the middle, never cutting text', () => {
    const text = 'More than 60,000 calls a day reach the 12345 citizen service hotline.';
    const lines = breakLines([{ text }], 'en-US');
    expect(lines).toHaveLength(2);
    expect(lines.map(lineText).join(' ')).toBe(text);
    for (const l of lines) expect(lineText(l).length).toBeLessThanOrEqual(42);
  });

  it('keeps styles across the break', () => {
    const lines = breakLines([{ text: 'Hello, this is the 12345 hotline, ', italic: true }, { text: 'how can I help you today?' }], 'en-US');
    expect(lines.flat().filter((s) => s.italic).map((s) => s.text).join('')).toBe('Hello, this is the 12345 hotline,');
  });

  it('breaks Chinese after punctuation and counts half-width characters as half', () => {
    expect(textWidth('12345热线', 'zh-Hans')).toBe(4.5);
    expect(breakLines([{ text: '从南锣鼓巷到史家胡同，东城区有上百条胡同。' }], 'zh-Hans').map(lineText)).toEqual(['从南锣鼓巷到史家胡同，', '东城区有上百条胡同。']);
  });

  it('leaves dialogue lines as they are', () => {
    expect(breakLines([{ text: '-Which district?\n-Dongcheng.' }], 'en-US').map(lineText)).toEqual(['-Which district?', '-Dongcheng.']);
  });

  it('takes the profile width and glossary phrases as options', () => {
    const text = 'The district promised a swift response to public complaints.';
    expect(breakLines([{ text }], 'en-US', { protectedPhrases: ['swift response to public complaints'] }).map(lineText)).toEqual(['The district promised', 'a swift response to public complaints.']);
    expect(breakLines([{ text }], 'en-US', { maxCharsPerLine: 70 }).map(lineText)).toEqual([text]);
  });
});
