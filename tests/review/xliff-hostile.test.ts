import { describe, expect, it } from 'vitest';
import { decode } from '../../src/formats/decode.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { diagnosticProblem } from '../helpers/diagnostic-shape.js';
import { damagedReads } from '../helpers/mutations.js';
import { sampleXliff } from '../helpers/sample-xliff.js';

/**
 * `readXliff` never throws: a damaged review file is error diagnostics, each
 * with its line, and cues that each say where they stand.
 */
describe('readXliff given a damaged review file', () => {
  it('never throws, and locates every error', async () => {
    const found = await damagedReads(Buffer.from(sampleXliff()), 150, (bytes) => {
      const read = readXliff(decode(bytes).text, 'hotline-beijing.en-US.xlf');
      return diagnosticProblem(read.diagnostics) ?? read.cues.find((c) => !Number.isInteger(c.line) || typeof c.id !== 'string')?.id;
    });
    expect(found).toEqual([]);
  });
});
