import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/glossary/match.js';
import { localizeNumber } from '../../src/glossary/numbers.js';
import { protect, PROTECT_TAG } from '../../src/glossary/protect.js';
import { fromTagged, plainOf } from '../../src/model/tagged-text.js';
import { itReturns } from '../helpers/examples.js';
import { bundled } from './helpers.js';

const g = bundled();
const matcher = createMatcher(g);
const prot = (tagged: string, targetLang?: string) =>
  protect(tagged, matcher.find(plainOf(tagged)), targetLang === undefined ? { glossary: g } : { glossary: g, targetLang });

describe('protect', () => {
  it('names its tag for ignoreTags', () => {
    expect(PROTECT_TAG).toBe('x');
  });

  it('wraps do-not-translate terms and numbers', () => {
    expect(prot('您好，这里是12345。').text).toBe('您好，这里是<x>12345</x>。');
    expect(prot('每天超过60,000个来电，3.5米宽，2024年').text).toBe('每天超过<x>60,000</x>个来电，<x>3.5</x>米宽，<x>2024</x>年');
  });

  it('leaves a date written month.day with a word of dates to translate, never writing it as a decimal', () => {
    // `5,1 Feiertage` in German, `5,1` in French: May Day read as five point one.
    expect(prot('5.1假期打12345的人多，3.15晚会以后也多，是平时的1.5倍', 'de-DE').text).toBe('5.1假期打<x>12345</x>的人多，3.15晚会以后也多，是平时的<x>1.5</x>倍');
    expect(prot('2023.5.1假期').text).toBe('<x>2023.5.1</x>假期');
  });

  it('leaves numbers inside a term the DeepL glossary translates alone', () => {
    expect(prot('打进12345市民服务热线。').text).toBe('打进12345市民服务热线。');
  });

  it('can leave numbers unprotected', () => {
    const text = '这里是12345，60,000个';
    expect(protect(text, matcher.find(text), { glossary: g, numbers: false }).text).toBe('这里是<x>12345</x>，60,000个');
  });

  it('keeps <i> <b> <u> intact, cutting a protected span at a styling tag', () => {
    expect(prot('<i>您好，这里是12345，</i>').text).toBe('<i>您好，这里是<x>12345</x>，</i>');
    const split = prot('<i>拨打123</i>45');
    expect(split.text).toBe('<i>拨打<x>123</x></i><x>45</x>');
    expect(split.restore(split.text).text).toBe('<i>拨打123</i>45');
  });

  it('maps offsets through escapes', () => {
    expect(prot('A &amp; B &lt;12345&gt;').text).toBe('A &amp; B &lt;<x>12345</x>&gt;');
  });

  it('does not wrap digits glued to a Latin word', () => {
    expect(prot('A4纸和5G网络').text).toBe('A4纸和5G网络');
  });
});

describe('restore', () => {
  it('round-trips an untouched translation without diagnostics', () => {
    const p = prot('<i>您好，这里是12345，请问有什么可以帮您？</i>');
    const r = p.restore('<i>Hello, this is <x>12345</x>, how can I help you?</i>');
    expect(r).toEqual({ text: '<i>Hello, this is 12345, how can I help you?</i>', diagnostics: [] });
    expect(fromTagged(r.text)).toEqual([{ text: 'Hello, this is 12345, how can I help you?', italic: true }]);
  });

  it('accepts moved elements (word order) silently', () => {
    const p = prot('从2019年到2024年');
    expect(p.items).toEqual(['2019', '2024']);
    const r = p.restore('<x>2024</x> back to <x>2019</x>');
    expect(r).toEqual({ text: '2024 back to 2019', diagnostics: [] });
  });

  it('keeps numbers DeepL moved with their clause from one cue of a sentence to another, never swapping them by position', () => {
    // 市民拨打12345 / 反映了3个问题。: English puts the purpose first, and each number travels with its words.
    const first = prot('市民拨打12345，');
    const second = prot('反映了3个问题。');
    const parts = ['To report <x>3</x> problems,', 'citizens called <x>12345</x>.'];
    const a = first.restore(parts[0]!, { items: second.items, translated: [parts[1]!] });
    const b = second.restore(parts[1]!, { items: first.items, translated: [parts[0]!] });
    expect([a.text, b.text]).toEqual(['To report 3 problems,', 'citizens called 12345.']);
    expect([...a.diagnostics, ...b.diagnostics]).toEqual([]);
    // Without the unit, the cue alone cannot tell: it puts its own number back, and says so.
    expect(first.restore(parts[0]!).diagnostics.map((d) => d.code)).toEqual(['glossary/protected-changed']);
  });

  it('restores an emptied element and says so', () => {
    const p = prot('您好，这里是12345。');
    const r = p.restore('Hello, this is <x></x>.');
    expect(r.text).toBe('Hello, this is 12345.');
    expect(r.diagnostics).toEqual([{ code: 'glossary/protected-emptied', severity: 'warning', message: 'protected `12345` came back as an empty element; restored `12345`' }]);
  });

  it('does not duplicate the text of an emptied element DeepL moved beside it', () => {
    const r = prot('您好，这里是12345。').restore('Hello, this is <x/>12345.');
    expect(r.text).toBe('Hello, this is 12345.');
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['glossary/protected-emptied', 'info']]);
  });

  it('puts back a changed element and says so', () => {
    const r = prot('这里是12345。').restore('Ici le <x>12 345</x>.');
    expect(r.text).toBe('Ici le 12345.');
    expect(r.diagnostics).toEqual([{ code: 'glossary/protected-changed', severity: 'warning', message: 'protected `12345` came back as `12 345`; restored `12345`' }]);
  });

  it('reports a missing element: an error when its text is lost, info when only the element went', () => {
    const lost = prot('这里是12345。').restore('This is the hotline.');
    expect(lost.diagnostics).toEqual([{ code: 'glossary/protected-missing', severity: 'error', message: 'protected `12345` is missing from the translation' }]);
    const unwrapped = prot('这里是12345。').restore('This is 12345.');
    expect(unwrapped.diagnostics.map((d) => d.severity)).toEqual(['info']);
    // A number present only inside a longer one is lost: `2` in `12 km` (a shorter draft kept for it dropped the 2 km).
    const inside = prot('我们开了2公里，又开了12公里。').restore('PUIS <x>12</x> KM.');
    expect(inside.diagnostics).toContainEqual({ code: 'glossary/protected-missing', severity: 'error', message: 'protected `2` is missing from the translation' });
  });

  it('keeps the text of an element that was never sent, and removes stray tags', () => {
    const r = prot('这里是12345。').restore('This is <x>12345</x> <x>extra</x></x>');
    expect(r.text).toBe('This is 12345 extra');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['glossary/protected-unexpected']);
  });

  it('writes grouped and decimal numbers in the target convention when given the target language', () => {
    const p = prot('超过60,000个来电，3.5米，打12345', 'de-DE');
    expect(p.restore('über <x>60,000</x> Anrufe, <x>3.5</x> m, <x>12345</x> anrufen').text).toBe('über 60.000 Anrufe, 3,5 m, 12345 anrufen');
    expect(prot('60,000', 'ja-JP').restore('<x>60,000</x>').text).toBe('60,000');
  });
});

describe('localizeNumber', () => {
  itReturns('%s from zh-Hans in %s is %s', (text: string, target: string) => localizeNumber(text, 'zh-Hans', target), [
    ['60,000', 'en-US', '60,000'],
    ['60,000', 'de-DE', '60.000'],
    ['60,000', 'fr-FR', '60\u202f000'],
    ['60,000', 'es-ES', '60.000'],
    ['6,000', 'es-ES', '6000'],
    ['60,000', 'it-IT', '60.000'],
    ['3.5', 'fr-FR', '3,5'],
    ['12345', 'de-DE', '12345'],
    ['2024', 'fr-FR', '2024'],
    ['1,2,3', 'de-DE', '1,2,3'],
  ]);
});
