import { describe, expect, it } from 'vitest';
import { compareDates, findDates } from '../../src/qc/date-values.js';

const dates = (text: string, language: string) => findDates(text, language).map((d) => `${d.month}/${d.day}`);

describe('findDates', () => {
  it.each([
    ['zh-Hans', '2021年9月1日起施行。', ['9/1']],
    ['zh-Hans', '九月一号开始', ['9/1']],
    ['zh-Hans', '从5月3日到3月5日', ['5/3', '3/5']],
    ['zh-Hans', '5月3日到5日', ['5/3', '5/5']],
    ['zh-Hans', '5.1假期', ['5/1']],
    ['ja-JP', '9月1日から施行', ['9/1']],
    ['ja-JP', '2021/9/1', ['9/1']],
    ['en-US', 'It took effect on September 1, 2021.', ['9/1']],
    ['en-US', 'on Sept. 1', ['9/1']],
    ['en-US', 'on September 1st', ['9/1']],
    ['en-US', 'on 9/1/2021', ['9/1']],
    ['en-GB', 'on 1/9/2021', ['9/1']],
    ['en', 'on 1/9/2021', ['9/1']],
    ['en-GB', 'on 1 September 2021', ['9/1']],
    ['en-GB', 'the 1st of September', ['9/1']],
    ['en-GB', 'from 3 to 5 May', ['5/3', '5/5']],
    ['en-US', 'May 3–5', ['5/3', '5/5']],
    ['en-US', 'on 2021-09-01', ['9/1']],
    ['fr-FR', 'le 1er septembre 2021', ['9/1']],
    ['fr-FR', 'le 1 septembre', ['9/1']],
    ['fr-FR', 'du 3 au 5 mai', ['5/3', '5/5']],
    ['de-DE', 'am 1. September 2021', ['9/1']],
    ['de-DE', 'am 1.9.2021', ['9/1']],
    ['de-DE', 'vom 3. bis 5. Mai', ['5/3', '5/5']],
    // Day and month with dots and no year, where the language writes its decimals with a comma.
    ['de-DE', 'am 1.9.', ['9/1']],
    ['de-DE', 'Seit dem 01.09. gilt es.', ['9/1']],
    ['pl-PL', 'od 1.09.', ['9/1']],
    ['es-ES', 'el 1 de septiembre', ['9/1']],
    ['es-ES', 'el 1/9/2021', ['9/1']],
    ['it-IT', 'il 1 settembre', ['9/1']],
    ['it-IT', 'il 1° settembre', ['9/1']],
  ])('%s %s', (language, text, expected) => {
    expect(dates(text, language)).toEqual(expected);
  });

  it.each([
    ['en-US', 'you may 3 times'],
    ['en-US', 'in March 2021'],
    ['en-US', 'open 24/7'],
    ['en-US', 'called 5 times, 3.5 km away'],
    ['ja-JP', '1日6万件以上の電話'],
    ['de-DE', 'am 9. Tag'],
    ['en-US', 'The magnitude was 3.9.'],
    ['de-DE', 'Es waren 3.9.2 Prozent'],
    ['de-DE', 'am 13.13.'],
  ])('no date in %s %s', (language, text) => {
    expect(dates(text, language)).toEqual([]);
  });
});

describe('compareDates', () => {
  it('compares (month, day) as sets, so a range may be turned round but not swapped inside a date', () => {
    const zh = findDates('从5月3日到3月5日', 'zh-Hans');
    expect(compareDates(zh, findDates('from March 5 to May 3', 'en-US'))).toEqual({ missing: [], extra: [] });
    const swapped = compareDates(findDates('2021年9月1日', 'zh-Hans'), findDates('on January 9, 2021', 'en-US'));
    expect([swapped.missing.map((d) => d.text), swapped.extra.map((d) => d.text)]).toEqual([['9月1日'], ['January 9']]);
  });
});
