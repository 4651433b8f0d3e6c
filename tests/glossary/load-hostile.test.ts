import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { decode } from '../../src/formats/decode.js';
import { parseGlossary } from '../../src/glossary/load.js';
import { damagedReads } from '../helpers/mutations.js';

/** A damaged glossary is refused only as `GLOSSARY_INVALID`, naming the file and the line of its first problem. */
describe('parseGlossary given a damaged glossary.json', () => {
  it('reads it or refuses it with the file and a line, never another error', async () => {
    const found = await damagedReads(
      readFileSync(resolve(process.cwd(), 'glossary.json')),
      150,
      (bytes) => void parseGlossary(decode(bytes).text, 'glossary.json'),
      (error) => error instanceof SublocError && error.code === 'GLOSSARY_INVALID' && error.file === 'glossary.json' && Number.isInteger(error.line) && error.message.startsWith('glossary.json:'),
    );
    expect(found).toEqual([]);
  });
});
