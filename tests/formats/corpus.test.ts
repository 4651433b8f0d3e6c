import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';

const corpus = resolve(process.cwd(), '../shared/corpus');
const NOT_SUBTITLES = /(\.md|\.json|LICENSE|NOTICE)$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : NOT_SUBTITLES.test(name) ? [] : [path];
  });
}

/**
 * Every file of the shared corpus, in any format (also the SCC, STL, ASS and
 * DCP files subloc does not read yet), goes through the public `parse` without
 * an exception: what it cannot read is a diagnostic. The per-format suites
 * check what is read.
 */
describe('the whole corpus', () => {
  const files = walk(corpus);

  it('has the files the suites expect', () => {
    expect(files.length).toBeGreaterThan(650);
  });

  it('never throws, and every error diagnostic has a line', () => {
    const unlocated: string[] = [];
    for (const file of files) {
      const { diagnostics } = parse(readFileSync(file), { fileName: file });
      for (const d of diagnostics) if (d.severity === 'error' && d.line === undefined) unlocated.push(`${relative(corpus, file)}: ${d.message}`);
    }
    expect(unlocated).toEqual([]);
  });
});
