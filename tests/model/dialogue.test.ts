import { describe, expect, it } from 'vitest';
import { isDialogue } from '../../src/model/dialogue.js';

describe('dialogue', () => {
  it('is two lines or more, each opening with a dash, whatever follows the dash', () => {
    expect(isDialogue(['-¿Cuántas veces?', '-3 veces.'])).toBe(true);
    expect(isDialogue(['- Which floor?', '- 12.'])).toBe(true);
    expect(isDialogue(['—¿Adónde vas?', '—A la oficina.'])).toBe(true);
    expect(isDialogue(['-5 °C'])).toBe(false);
    expect(isDialogue(['It fell to', '-5 °C.'])).toBe(false);
  });
});
