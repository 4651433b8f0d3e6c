import { describe, expect, it } from 'vitest';
import { hexColor, isModelColor, namedColor, normalizeColor, rgbColor } from '../../src/model/color.js';

describe('model colours', () => {
  it('reads CSS names and hex in any case into lower case, dropping an opaque alpha', () => {
    expect(normalizeColor(' Yellow ')).toBe('yellow');
    expect(normalizeColor('#F00')).toBe('#ff0000');
    expect(normalizeColor('#f00c')).toBe('#ff0000cc');
    expect(normalizeColor('#00FF00')).toBe('#00ff00');
    expect(normalizeColor('#FF000080')).toBe('#ff000080');
    expect(normalizeColor('#ff0000ff')).toBe('#ff0000');
  });

  it('reads rgb() and rgba() with commas or spaces, numbers or percentages', () => {
    expect(normalizeColor('rgb(255, 0, 0)')).toBe('#ff0000');
    expect(normalizeColor('RGBA(255,0,0,0.5)')).toBe('#ff000080');
    expect(normalizeColor('rgb(100% 0% 0% / 50%)')).toBe('#ff000080');
    expect(normalizeColor('rgba(0, 0, 300, 1)')).toBe('#0000ff');
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

  it('tells model colours from anything else', () => {
    expect(isModelColor('orange')).toBe(true);
    expect(isModelColor('#ff0000')).toBe(true);
    expect(isModelColor('#ff000080')).toBe(true);
    expect(isModelColor('#FF0000')).toBe(false);
    expect(isModelColor('#f00')).toBe(false);
    expect(isModelColor('rgb(1,2,3)')).toBe(false);
    expect(isModelColor('transparent')).toBe(false);
  });
});
