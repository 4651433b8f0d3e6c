import { describe, expect, it } from 'vitest';
import { hexColor, isModelColor, isNearBlack, namedColor, normalizeColor, rgbColor } from '../../src/model/color.js';
import { itReturns } from '../helpers/examples.js';

describe('model colours', () => {
  describe('reads CSS names and hex in any case into lower case, dropping an opaque alpha', () => {
    itReturns('%j is %j', normalizeColor, [
      [' Yellow ', 'yellow'],
      ['#F00', '#ff0000'],
      ['#f00c', '#ff0000cc'],
      ['#00FF00', '#00ff00'],
      ['#FF000080', '#ff000080'],
      ['#ff0000ff', '#ff0000'],
    ]);
  });

  describe('reads rgb() and rgba() with commas or spaces, numbers or percentages', () => {
    itReturns('%j is %j', normalizeColor, [
      ['rgb(255, 0, 0)', '#ff0000'],
      ['RGBA(255,0,0,0.5)', '#ff000080'],
      ['rgb(100% 0% 0% / 50%)', '#ff000080'],
      ['rgba(0, 0, 300, 1)', '#0000ff'],
    ]);
  });

  it('refuses what is no colour', () => {
    for (const v of ['inherit', 'transparent', 'currentcolor', 'orange-ish', '#ggg', '#12345', 'ff0000', 'rgb(1,2)', 'rgb(a,b,c)', '']) {
      expect(normalizeColor(v), v).toBeUndefined();
    }
  });

  it('offers names and hex on their own, for formats that know no rgb()', () => {
    expect(namedColor('RED')).toBe('red');
    expect(namedColor('#f00')).toBeUndefined();
    expect(hexColor('#ABC')).toBe('#aabbcc');
    expect(hexColor('red')).toBeUndefined();
    expect(rgbColor(1, 2, 3)).toBe('#010203');
    expect(rgbColor(1, 2, 3, 128)).toBe('#01020380');
  });

  describe('tells model colours from anything else', () => {
    itReturns('%j is one: %s', isModelColor, [
      ['orange', true],
      ['#ff0000', true],
      ['#ff000080', true],
      ['#FF0000', false],
      ['#f00', false],
      ['rgb(1,2,3)', false],
      ['transparent', false],
    ]);
  });
});

describe('isNearBlack', () => {
  it('is black and hex colours with no channel above a quarter, not names it cannot weigh', () => {
    expect(['black', '#000000', '#3f3f3f', '#10203080'].map(isNearBlack)).toEqual([true, true, true, true]);
    expect(['#404040', '#3f3f40', 'yellow', 'navy', 'white'].map(isNearBlack)).toEqual([false, false, false, false, false]);
  });
});
