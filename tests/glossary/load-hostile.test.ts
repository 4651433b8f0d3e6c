import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { decode } from '../../src/formats/decode.js';
import { parseGlossary } from '../../src/glossary/load.js';
import { handPicked, mutants } from '../helpers/mutations.js';

/** A damaged glossary is refused only as `GLOSSARY_INVALID`, naming the file and the line of its first problem. */
describe('parseGlossary given a damaged glossary.json', () => {
  it('reads it or refuses it with the file and a line, never another error', () => {
    const bytes = readFileSync(resolve(process.cwd(), 'glossary.json'));
    const found: string[] = [];
    for (const m of [...handPicked(bytes), ...mutants(bytes, 1206, 150)]) {
      try {
        parseGlossary(decode(m.bytes).text, 'glossary.json');
      } catch (error) {
        const ok = error instanceof SublocError && error.code === 'GLOSSARY_INVALID' && error.file === 'glossary.json' && Number.isInteger(error.line) && error.message.startsWith('glossary.json:');
        if (!ok) found.push(`[${m.label}] ${String(error).slice(0, 200)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
