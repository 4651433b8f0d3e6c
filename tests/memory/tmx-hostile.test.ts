import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/formats/decode.js';
import { importTmx } from '../../src/memory/tmx.js';
import { diagnosticProblem } from '../helpers/diagnostic-shape.js';
import { damagedReads } from '../helpers/mutations.js';

/** `importTmx` never throws: what cannot be read is an error diagnostic with its line, and what it keeps are entries of strings. */
describe('importTmx given a damaged memory file', () => {
  it('never throws, locates every error and keeps only whole entries', async () => {
    const found = await damagedReads(readFileSync(resolve(process.cwd(), 'subtitles/tm/hotline-beijing.en-US.tmx')), 150, (bytes) => {
      const read = importTmx(decode(bytes).text, 'hotline-beijing.en-US.tmx');
      const broken = read.entries.find((e) => e.source.length !== e.target.length || ![...e.source, ...e.target].every((t) => typeof t === 'string'));
      return diagnosticProblem(read.diagnostics) ?? (broken && `an entry whose source and target do not pair: ${JSON.stringify(broken).slice(0, 200)}`);
    });
    expect(found).toEqual([]);
  });
});
