import { describe, expect, it } from 'vitest';
import { compareNumbers, findNumbers } from '../../src/qc/number-values.js';

describe('findNumbers', () => {
  it.each([
    ['每天超过60,000个来电打进12345。', [['60,000', ['60000', '60']], ['12345', ['12345']]]],
    ['60 000 appels', [['60 000', ['60000']]]],
    ['3,5 km', [['3,5', ['3.5']]]],
    ['1.234,5 €', [['1.234,5', ['1234.5']]]],
    ['6万人', [['6万', ['60000']]]],
    ['1.5亿', [['1.5亿', ['150000000']]]],
    ['1万2千', [['1万2千', ['12000']]]],
    ['20 million people', [['20 million', ['20000000']]]],
    ['2 mil millones', [['2 mil millones', ['2000000000']]]],
    ['on the 3rd day', [['3', ['3']]]],
    ['the 5G network and A4 paper', []],
  ])('%s', (text, expected) => {
    expect(findNumbers(text).filter((n) => n.digits).map((n) => [n.text, n.values])).toEqual(expected);
  });

  it('reads a full-width point, hyphen and thousands comma as their ASCII selves, and a full-width comma elsewhere as the end of a clause', () => {
    const digits = (text: string) => findNumbers(text).filter((n) => n.digits).map((n) => n.values);
    expect(digits('１２，３４５人')).toEqual([['12345', '12.345']]);
    expect(digits('５．５倍')).toEqual([['5.5']]);
    expect(digits('０１０－１２３４５６７８')).toEqual([['01012345678']]);
    expect(digits('第1，2，3条')).toEqual([['1'], ['2'], ['3']]);
  });

  it('reads Chinese digits without units digit by digit, and a last digit after a unit as a tenth of it', () => {
    const values = (text: string) => findNumbers(text).map((n) => n.values);
    expect(values('二〇二四年')).toEqual([['2024']]);
    expect(values('一九四九年')).toEqual([['1949']]);
    expect(values('三四个人')).toEqual([['3', '4']]);
    expect(values('两万五')).toEqual([['25000']]);
    expect(values('三千五百')).toEqual([['3500']]);
    expect(values('一百二')).toEqual([['120']]);
    expect(values('一百零五')).toEqual([['105']]);
    expect(values('十五')).toEqual([['15']]);
  });

  it('reads `billion` as each language counts it: a thousand million in English, a million million in French and German', () => {
    const values = (text: string, language?: string) => findNumbers(text, language).map((n) => n.values);
    expect(values('1 billion', 'en-US')).toEqual([['1000000000']]);
    expect(values('1 Billion', 'de-DE')).toEqual([['1000000000000']]);
    expect(values('1 billion', 'fr-FR')).toEqual([['1000000000000']]);
    expect(values('2 trillion', 'en')).toEqual([['2000000000000']]);
    expect(values('1 billion')).toEqual([['1000000000', '1000000000000']]);
    expect(compareNumbers(findNumbers('1 billion people', 'en'), findNumbers('1 Billion Menschen', 'de'))).toMatchObject({ missing: ['1 billion'], extra: ['1 Billion'] });
    expect(compareNumbers(findNumbers('1 billion people', 'en'), findNumbers('1 Milliarde Menschen', 'de'))).toMatchObject({ missing: [], extra: [] });
  });

  it('reads a scale letter after a figure (`$5m`, `£3bn`, `5k`) and a decade (`the 1990s`, `the ’90s`)', () => {
    expect(compareNumbers(findNumbers('$5m budget', 'en'), findNumbers('5 Millionen Dollar', 'de'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('£3bn', 'en'), findNumbers('3 milliards', 'fr'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('a 5m wall', 'en'), findNumbers('un mur de 5 m', 'fr'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('in the 1990s', 'en'), findNumbers('dans les années 1990', 'fr'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('in the ’90s', 'en'), findNumbers('dans les années 1990', 'fr'))).toMatchObject({ missing: [], extra: [] });
  });

  it('reads Chinese numerals and words as numbers that only account for others', () => {
    expect(findNumbers('两千多万人口').map((n) => [n.text, n.values, n.digits])).toEqual([['两千多万', ['20000000'], false]]);
    expect(findNumbers('In September').map((n) => [n.text, n.values, n.digits])).toEqual([['September', ['9'], false]]);
  });
});

describe('compareNumbers', () => {
  it('matches by value in any notation', () => {
    expect(compareNumbers(findNumbers('超过60,000个来电'), findNumbers('plus de 60 000 appels'))).toEqual({ missing: [], extra: [], expected: ['60,000'] });
    expect(compareNumbers(findNumbers('2021年9月'), findNumbers('In September 2021'))).toEqual({ missing: [], extra: [], expected: ['2021', '9'] });
    expect(compareNumbers(findNumbers('两千多万人口'), findNumbers('20 million people'))).toEqual({ missing: [], extra: [], expected: [] });
  });

  it('reads a Chinese month.day date as its month and day, which a name of the day may stand for', () => {
    expect(compareNumbers(findNumbers('5.1假期人多'), findNumbers('Over the May Day holiday, many people'))).toEqual({ missing: [], extra: [], expected: [] });
    expect(compareNumbers(findNumbers('3.15晚会以后'), findNumbers('Nach der Gala am 15. März'))).toEqual({ missing: [], extra: [], expected: [] });
    // Written as a decimal, it is a number the source never had.
    expect(compareNumbers(findNumbers('5.1假期人多'), findNumbers('Am 5,1-Feiertag viele Leute'))).toMatchObject({ extra: ['5,1'] });
    expect(compareNumbers(findNumbers('是平时的1.5倍'), findNumbers('1,5-mal so viel'))).toEqual({ missing: [], extra: [], expected: ['1.5'] });
  });

  it('reports numbers missing from the target and numbers it added', () => {
    expect(compareNumbers(findNumbers('每天60,000个来电'), findNumbers('Over 6,000 calls on day 1'))).toEqual({ missing: ['60,000'], extra: ['6,000', '1'], expected: ['60,000'] });
  });

  it.each([
    // Times of day: a 24-hour clock for an evening hour written on a 12-hour one, and no minutes to find in `:00`.
    ['晚上七点进', 'On entre à 19 h', 'fr'],
    ['晚上七点进', 'Entrada a las 19:00', 'es'],
    ['早上八点出', 'salida a las 8:00', 'es'],
    ['下午3点开会', 'Sitzung um 15:00 Uhr', 'de'],
    ['七点半', 'alle 7:30', 'it'],
    ['晚上7点半', 'um 19.30 Uhr', 'de'],
    ['夜7時に入庫', 'a las 19:00', 'es'],
    ['19:00开始', 'starts at 7 p.m.', 'en'],
    ['晚上七点开会', 'meeting at 7 p.m.', 'en'],
    ['早上七点开会', 'meeting at 7 a.m.', 'en'],
    ['晚上七点开会', 'meeting at 7', 'en'],
    ['下午3点半开会', 'meeting at 3:30 p.m.', 'en'],
    ['晚上7:30开会', 'Sitzung um 19:30 Uhr', 'de'],
    // The dead of night: an hour after 深夜, 半夜 or 夜里 is after midnight.
    ['凌晨3点', '深夜3時', 'ja'],
    ['半夜两点', 'at 2 a.m.', 'en'],
    ['夜里2点', 'at 2 a.m.', 'en'],
    // Italian and Spanish clock times with a dot.
    ['晚上7点半以后', 'dopo le 19.30', 'it'],
    ['晚上7点半', 'después de las 19.30 h', 'es'],
    // French writes its times with an h, spaced or not.
    ['Il est arrivé à 22h30.', 'He arrived at 22:30.', 'en'],
    ['Rendez-vous à 19h.', 'See you at 7 p.m.', 'en'],
    ['Rendez-vous à 19 h 15.', 'Treffen um 19:15 Uhr.', 'de'],
    // Japanese writes a single digit full width (Netflix Japanese Timed Text Style Guide).
    ['6万个电话', '６万件の電話', 'ja'],
    ['第3次', '第３回', 'ja'],
    // German and Italian dates with dots.
    ['2021年9月3日', 'am 3.9.2021', 'de'],
    ['2021年9月3日', 'il 03.09.2021', 'it'],
    ['9月3日开会', 'Sitzung am 3.9.', 'de'],
    ['2021年9月3日', '2021.9.3부터', 'ko'],
    // A year range with the second year shortened, as Japanese and English subtitles write it.
    ['从2019年到2024年', '2019～24年', 'ja'],
    ['从2019年到2024年', 'from 2019–24', 'en'],
    // Chinese decimals.
    ['三点五公里', '3,5 km', 'fr'],
    // "Around the clock" for "24 hours".
    ['二十四小时开着', 'keeps her phone on 24/7', 'en'],
    // A phone number grouped as the target language groups it.
    ['请拨打010-12345678', 'appelez le 010 1234 5678', 'fr'],
    ['请拨打010-12345678', 'llame al 010-1234-5678', 'es'],
    ['电话：0123 456789', 'Tel. 0123-456789', 'de'],
    // Not phone numbers: a year range, an ISO date, thousands.
    ['从2019年到2024年', 'von 2019-2024', 'de'],
    ['2021年9月3日', 'le 2021-09-03', 'fr'],
    ['1234567人', '1 234 567 personnes', 'fr'],
    // "A day", "alone", "once" written with the figure 1 in Japanese, where the source says no number.
    ['每天要接一百多个电话', '1日100件以上の電話を受ける', 'ja'],
    ['她一个人住', '彼女は1人で暮らしている', 'ja'],
    ['一天一次', '１日１回', 'ja'],
  ])('%s = %s (%s)', (source, target, language) => {
    expect(compareNumbers(findNumbers(source), findNumbers(target, language))).toMatchObject({ missing: [], extra: [] });
  });

  it.each([
    ['晚上七点进', 'On entre à 20 h', ['20 h']],
    ['早上八点出', 'salida a las 20:00', ['20:00']],
    ['七点半', 'alle 7:45', ['45']],
    ['2021年9月3日', 'am 4.9.2021', ['4']],
    ['从2019年到2024年', '2019～23年', ['23']],
    ['三点五公里', '3,6 km', ['3,6']],
    ['6万个电话', '７万件の電話', ['７万']],
    ['请拨打010-12345678', 'appelez le 010 1234 5679', ['010 1234 5679']],
    // The other half of the day: the digit is the same, the time is not.
    ['晚上七点开会', 'meeting at 7 a.m.', ['7']],
    ['早上七点开会', 'meeting at 7 p.m.', ['7']],
    ['晚上7点开会', 'meeting at 7 a.m.', ['7']],
    ['下午3点半开会', 'meeting at 3:30 a.m.', ['3:30']],
    ['早上7:30开会', 'meeting at 7:30 p.m.', ['7:30']],
  ])('%s ≠ %s', (source, target, extra) => {
    expect(compareNumbers(findNumbers(source), findNumbers(target)).extra).toEqual(extra);
  });

  it('reads a 1 before a counter as "a" only in a Japanese text: a Chinese source’s 1个 is a figure the translation must keep', () => {
    expect(compareNumbers(findNumbers('他只有1个孩子。', 'zh-Hans'), findNumbers('He has children.', 'en-US'))).toMatchObject({ missing: ['1'], expected: ['1'] });
    expect(compareNumbers(findNumbers('他1天打了3次电话。', 'zh-Hans'), findNumbers('He called three times.', 'en-US')).missing).toEqual(['1']);
    expect(compareNumbers(findNumbers('每天100个', 'zh-Hans'), findNumbers('1日100件', 'ja-JP'))).toMatchObject({ missing: [], extra: [] });
    // A first of the month is a day, not "a day".
    expect(compareNumbers(findNumbers('9月2日', 'zh-Hans'), findNumbers('9月1日', 'ja-JP')).extra).toEqual(['1']);
  });
});

describe('a sign before a figure', () => {
  it('reads below zero in any of its words, so a translation that drops the sign adds a number the source never had', () => {
    expect(compareNumbers(findNumbers('零下五度', 'zh'), findNumbers('5 Grad', 'de'))).toMatchObject({ extra: ['5'] });
    expect(compareNumbers(findNumbers('零下五度', 'zh'), findNumbers('-5 Grad', 'de'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('零下5度', 'zh'), findNumbers('minus 5 degrees', 'en'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('负3', 'zh'), findNumbers('-3', 'en'))).toMatchObject({ missing: [], extra: [] });
    expect(compareNumbers(findNumbers('moins 5 degrés', 'fr'), findNumbers('5 degrees', 'en'))).toMatchObject({ missing: ['moins 5'], extra: ['5'] });
  });

  it('takes no hyphen between figures or after a word, nor a dialogue dash, for a sign', () => {
    expect(findNumbers('3-5 people').map((n) => n.values)).toEqual([['3'], ['5']]);
    expect(findNumbers('COVID-19').map((n) => n.values)).toEqual([['19']]);
    expect(findNumbers('- 5 people came.').map((n) => n.values)).toEqual([['5']]);
  });
});

describe('number words', () => {
  it('account for a figure in French, German, Spanish, Italian and Portuguese as in English, never required', () => {
    for (const [text, language] of [['Cinq personnes sont venues.', 'fr'], ['Fünf Leute kamen.', 'de'], ['Vinieron cinco personas.', 'es'], ['Sono venute cinque persone.', 'it'], ['Vieram cinco pessoas.', 'pt']] as const) {
      expect(compareNumbers(findNumbers('5 people came.', 'en'), findNumbers(text, language)), text).toMatchObject({ missing: [], extra: [] });
    }
    // An article is no number.
    expect(findNumbers('un homme, ein Mann, uno', 'fr').filter((n) => n.values.includes('1'))).toEqual([]);
  });
});
