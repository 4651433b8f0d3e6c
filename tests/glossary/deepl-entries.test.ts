import { describe, expect, it } from 'vitest';
import { deeplEntries, glossaryContentHash } from '../../src/glossary/deepl-entries.js';
import { bundled, glossaryOf, TARGETS } from './helpers.js';

const g = bundled();

describe('deeplEntries', () => {
  it('maps every source form and variant to the preferred rendering', () => {
    const en = deeplEntries(g, 'en-US');
    expect(en['接诉即办']).toBe('swift response to public complaints');
    expect(en['12345市民服务热线']).toBe('12345 citizen service hotline');
    expect(en['市民热线']).toBe('12345 citizen service hotline');
    expect(deeplEntries(g, 'ja-JP')['话务员']).toBe('コールセンターの担当者');
  });

  it('maps do-not-translate terms to themselves', () => {
    for (const lang of TARGETS) expect(deeplEntries(g, lang)['12345']).toBe('12345');
  });

  it('gives DeepL what GlossaryEntries accepts: every form once, no empty values, no tabs or line breaks', () => {
    const forms = g.terms.flatMap((t) => [t.source, ...t.variants]);
    for (const lang of TARGETS) {
      const entries = Object.entries(deeplEntries(g, lang));
      expect(entries.map(([k]) => k).sort()).toEqual([...forms].sort());
      for (const [k, v] of entries) {
        expect(k.trim()).not.toBe('');
        expect(v.trim()).not.toBe('');
        expect(`${k}${v}`).not.toMatch(/[\t\n\r]/);
      }
    }
  });

  it('leaves out terms without a rendering for the language', () => {
    const small = glossaryOf([{ id: 'work-order', source: '工单', targets: { 'en-US': { preferred: 'work order' } } }]);
    expect(deeplEntries(small, 'de-DE')).toEqual({});
  });
});

describe('glossaryContentHash', () => {
  const term = { id: 'work-order', source: '工单', targets: { 'en-US': { preferred: 'work order' }, 'de-DE': { preferred: 'Arbeitsauftrag' } } };

  it('is stable for the same entries and ignores notes and order', () => {
    const a = glossaryOf([term, { id: 'n', source: '12345', doNotTranslate: true }]);
    const b = glossaryOf([{ id: 'n', source: '12345', doNotTranslate: true, note: 'x' }, { ...term, note: 'changed note' }]);
    expect(glossaryContentHash(a, 'en-US')).toMatch(/^[0-9a-f]{16}$/);
    expect(glossaryContentHash(b, 'en-US')).toBe(glossaryContentHash(a, 'en-US'));
  });

  it('changes with a rendering of that language only', () => {
    const a = glossaryOf([term]);
    const b = glossaryOf([{ ...term, targets: { ...term.targets, 'de-DE': { preferred: 'Vorgang' } } }]);
    expect(glossaryContentHash(b, 'de-DE')).not.toBe(glossaryContentHash(a, 'de-DE'));
    expect(glossaryContentHash(b, 'en-US')).toBe(glossaryContentHash(a, 'en-US'));
    expect(glossaryContentHash(a, 'de-DE')).not.toBe(glossaryContentHash(a, 'en-US'));
  });
});
