import { describe, expect, it } from 'vitest';
import { isDialogue, withoutSpeakerDashes } from '../../src/model/dialogue.js';

describe('dialogue', () => {
  it('is two lines or more, each opening with a dash, whatever follows the dash', () => {
    expect(isDialogue(['-¿Cuántas veces?', '-3 veces.'])).toBe(true);
    expect(isDialogue(['- Which floor?', '- 12.'])).toBe(true);
    expect(isDialogue(['—¿Adónde vas?', '—A la oficina.'])).toBe(true);
    expect(isDialogue(['-5 °C'])).toBe(false);
    expect(isDialogue(['It fell to', '-5 °C.'])).toBe(false);
  });

  it('says a dialogue’s lines without their speakers’ dashes, and any other lines as they are', () => {
    expect(withoutSpeakerDashes(['-3号棟がまた水漏れ', '-すぐ行く'])).toEqual(['3号棟がまた水漏れ', 'すぐ行く']);
    expect(withoutSpeakerDashes([' - Which floor?', '- 12.'])).toEqual([' Which floor?', ' 12.']);
    expect(withoutSpeakerDashes(['It fell to', '-5 °C.'])).toEqual(['It fell to', '-5 °C.']);
  });
});
