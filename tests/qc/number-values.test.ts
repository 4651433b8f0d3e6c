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

  it('reports numbers missing from the target and numbers it added', () => {
    expect(compareNumbers(findNumbers('每天60,000个来电'), findNumbers('Over 6,000 calls on day 1'))).toEqual({ missing: ['60,000'], extra: ['6,000', '1'], expected: ['60,000'] });
  });
});
