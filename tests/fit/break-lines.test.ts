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

describe('breakLines keeps figures, abbreviations and unspaced words whole', () => {
  const fit = (text: string, language: string) => breakLines([{ text }], language).map(lineText);

  it('never splits a number written in Chinese or Japanese numerals, a full-width figure, or an hour from its minutes', () => {
    expect(fit('这个小区一共有一千二百三十四户居民在住', 'zh-Hans')).toEqual(['这个小区一共有', '一千二百三十四户居民在住']);
    expect(fit('请在二〇二四年十二月三十一日之前完成所有的工作', 'zh-Hans')).toEqual(['请在二〇二四年十二月', '三十一日之前完成所有的工作']);
    expect(fit('今天的最高气温是零下五摄氏度请注意保暖', 'zh-Hans')).toEqual(['今天的最高气温是', '零下五摄氏度请注意保暖']);
    expect(fit('事故は午後十一時三十五分ごろに起きました', 'ja-JP')).toEqual(['事故は午後十一時三十五分', 'ごろに起きました']);
    // A full-width phone number that leaves no line short enough stays whole: the line is QC's to flag, not the number's to cut.
    expect(fit('请拨打热线电话０１０－１２３４５６７８咨询相关问题', 'zh-Hans').join('|')).not.toMatch(/[０-９－]\|[０-９－]/u);
    expect(fit('お問い合わせは０１２０－１２３－４５６まで', 'ja-JP').join('|')).not.toMatch(/[０-９－]\|[０-９－]/u);
  });

  it('does not end a sentence at an abbreviation, nor break inside `z. B.`, after `No.`, or between `$5` and `million`, or `March` and `12`', () => {
    expect(fit('Viele Anrufe betreffen z. B. Heizungsausfälle in alten Wohnvierteln.', 'de-DE')).toEqual(['Viele Anrufe betreffen z. B.', 'Heizungsausfälle in alten Wohnvierteln.']);
    expect(fit('The complaint went to the office at No. 5 on the same street.', 'en')).toEqual(['The complaint went to the office', 'at No. 5 on the same street.']);
    expect(fit('He worked for the U.S. Embassy before joining the hotline team.', 'en')).toEqual(['He worked for the U.S. Embassy', 'before joining the hotline team.']);
    expect(fit('Extraordinarily unexpectedly $5 million disappeared unexplainably', 'en')).toEqual(['Extraordinarily unexpectedly', '$5 million disappeared unexplainably']);
    expect(fit('Extraordinary unexpected March 12 disappearances unexplainably', 'en')).toEqual(['Extraordinary unexpected', 'March 12 disappearances unexplainably']);
    expect(fit('She called the hotline. Then she waited for two whole days.', 'en')).toEqual(['She called the hotline.', 'Then she waited for two whole days.']);
  });

  it('breaks Thai, written without spaces, at a word boundary', () => {
    const lines = fit('ประเทศไทยมีประชากรประมาณหกสิบหกล้านคนในปีสองพันห้าร้อยหกสิบหก', 'th-TH');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(textWidth(line, 'th-TH')).toBeLessThanOrEqual(42);
  });
});

describe('breakLines reads dialogue and punctuation of other scripts', () => {
  it('breaks a Chinese dialogue written without a space before the second speaker’s dash', () => {
    expect(breakLines([{ text: '-您在哪个区？-东城区，东四街道。' }], 'zh-Hans').map(lineText)).toEqual(['-您在哪个区？', '-东城区，东四街道。']);
  });

  it('breaks Arabic after its comma, not before the word that follows it', () => {
    expect(breakLines([{ text: 'اتصلت بالخط الساخن صباح اليوم، لكن لم يرد أحد على الإطلاق حتى المساء' }], 'ar').map(lineText)).toEqual(['اتصلت بالخط الساخن صباح اليوم،', 'لكن لم يرد أحد على الإطلاق حتى المساء']);
  });
});
