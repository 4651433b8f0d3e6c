import { describe, expect, it } from 'vitest';
import { misplacedTranslation } from '../../../src/translate/deepl/answer-order.js';

const texts = ['<c n="0">打<x>12345</x></c> <c n="1">或者等一下</c>', '<c n="0">有<x>2300</x>户</c>', '<c n="0">没有数字</c>', '<c n="0"><x>66</x>号和<x>7</x>条</c>'];

describe('misplacedTranslation', () => {
  it('finds a translation holding another text\'s protected elements, and none in the right order', () => {
    const rotated = [...texts.slice(1), texts[0]!];
    expect(misplacedTranslation(texts, rotated, ['x'])).toEqual({ translation: 0, of: 1, items: ['2300'] });
    expect(misplacedTranslation(texts, texts, ['x'])).toBeUndefined();
    // Only a text's protected elements tell: without ignore_tags, nothing is known.
    expect(misplacedTranslation(texts, rotated, [])).toBeUndefined();
  });

  it('finds a text without protected elements answered with another\'s', () => {
    expect(misplacedTranslation(texts, [texts[0]!, texts[1]!, 'Route <x>66</x> and <x>7</x> lanes', texts[3]!], ['x'])).toEqual({ translation: 2, of: 3, items: ['66', '7'] });
  });

  it('takes what DeepL does to one text\'s elements: dropped, doubled, emptied, moved or changed to no other text\'s', () => {
    const answered = ['Call <x>12345</x> <x>12345</x> or later', 'We had 2300 homes', 'No number', '<x></x> lanes on route <x>6 6</x> and <x>7</x>'];
    expect(misplacedTranslation(texts, answered, ['x'])).toBeUndefined();
  });
});
