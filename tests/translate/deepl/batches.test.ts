import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSublocError } from '../../../src/errors.js';
import { DEEPL_LIMITS, formEncodedLength, planBatches, type Param } from '../../../src/translate/deepl/batches.js';

const FIXED: Param[] = [
  ['target_lang', 'en-US'],
  ['source_lang', 'zh'],
  ['show_billed_characters', '1'],
  ['tag_handling', 'xml'],
];

/** The body exactly as URLSearchParams (so deepl-node) writes it. */
function body(texts: readonly string[], context: string | undefined): string {
  const p = new URLSearchParams();
  for (const [k, v] of FIXED) p.append(k, v);
  for (const t of texts) p.append('text', t);
  if (context !== undefined) p.append('context', context);
  return p.toString();
}

const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)), maxLength: 400 });
const longCjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)), minLength: 2000, maxLength: 9000 });
const text = fc.oneof(
  { weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 200 }) },
  { weight: 3, arbitrary: cjk.filter((s) => s.length > 0) },
  { weight: 1, arbitrary: longCjk },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 50 }) },
);

describe('formEncodedLength', () => {
  it('matches URLSearchParams for any string, a CJK character costing 9 bytes', () => {
    expect(formEncodedLength('汉')).toBe(9);
    expect(formEncodedLength('a b*-._~')).toBe(8 + 2);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(formEncodedLength(s)).toBe(new URLSearchParams({ x: s }).toString().length - 2);
      }),
      { numRuns: 500 },
    );
  });
});

describe('planBatches', () => {
  it('keeps every batch within 50 texts and 128 KiB, in order, covering every text once', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 160 }), fc.boolean(), (texts, withContext) => {
        const contextFor = withContext ? (s: number, e: number) => [texts[s - 1], texts[e]].filter((t) => t !== undefined).join('\n') || undefined : undefined;
        const batches = planBatches(texts, { fixedParams: FIXED, ...(contextFor ? { contextFor } : {}) });
        let next = 0;
        for (const b of batches) {
          expect(b.start).toBe(next);
          expect(b.end).toBeGreaterThan(b.start);
          expect(b.end - b.start).toBeLessThanOrEqual(DEEPL_LIMITS.maxTexts);
          const real = Buffer.byteLength(body(texts.slice(b.start, b.end), b.context));
          expect(b.bodyBytes).toBe(real);
          expect(real).toBeLessThanOrEqual(DEEPL_LIMITS.maxBodyBytes);
          next = b.end;
        }
        expect(next).toBe(texts.length);
      }),
      { numRuns: 60 },
    );
  });

  it('fills batches greedily: 120 short texts make 50 + 50 + 20', () => {
    const batches = planBatches(Array.from({ length: 120 }, (_, i) => `line ${i}`), { fixedParams: FIXED });
    expect(batches.map((b) => b.end - b.start)).toEqual([50, 50, 20]);
  });

  it('cuts on bytes when CJK texts are long: 14,000 CJK characters fill one request', () => {
    const texts = Array.from({ length: 6 }, () => '汉'.repeat(5000));
    const batches = planBatches(texts, { fixedParams: FIXED });
    expect(batches.map((b) => b.end - b.start)).toEqual([2, 2, 2]);
    expect(batches.every((b) => b.bodyBytes <= 128 * 1024)).toBe(true);
  });

  it('drops the context of a lone text when only that makes it too large', () => {
    const texts = ['汉'.repeat(14_000)];
    const [batch] = planBatches(texts, { fixedParams: FIXED, contextFor: () => '语'.repeat(1000) });
    expect(batch!.context).toBeUndefined();
  });

  it('refuses a text too large for any request, naming it', () => {
    let error: unknown;
    try {
      planBatches(['ok', '汉'.repeat(15_000)], { fixedParams: FIXED, nameOf: (i) => `unit ${i + 1}` });
    } catch (e) {
      error = e;
    }
    expect(isSublocError(error) && error.code).toBe('DEEPL_TEXT_TOO_LARGE');
    expect((error as Error).message).toMatch(/^unit 2 is 135\d{3} bytes .* at most 131072/);
  });
});
