import { describe, expect, it } from 'vitest';
import { decode } from '../../src/formats/decode.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { diagnosticProblem } from '../helpers/diagnostic-shape.js';
import { handPicked, mutants } from '../helpers/mutations.js';
import { sampleXliff } from '../helpers/sample-xliff.js';

/**
 * `readXliff` never throws: a damaged review file is error diagnostics, each
 * with its line, and cues that each say where they stand.
 */
describe('readXliff given a damaged review file', () => {
  it('never throws, and locates every error', () => {
    const bytes = Buffer.from(sampleXliff());
    const found: string[] = [];
    for (const m of [...handPicked(bytes), ...mutants(bytes, 1206, 150)]) {
      try {
        const read = readXliff(decode(m.bytes).text, 'hotline-beijing.en-US.xlf');
        const problem = diagnosticProblem(read.diagnostics) ?? read.cues.find((c) => !Number.isInteger(c.line) || typeof c.id !== 'string')?.id;
        if (problem !== undefined) found.push(`[${m.label}] ${problem}`);
      } catch (error) {
        found.push(`[${m.label}] threw ${String(error).slice(0, 200)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
