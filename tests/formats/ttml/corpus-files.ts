import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The shared corpus, read in place and never copied into the project. */
export const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');

export function corpusFiles(folder: string, pattern: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (pattern.test(name)) out.push(relative(CORPUS, path));
    }
  };
  walk(join(CORPUS, folder));
  return out;
}

export function readCorpus(path: string): string {
  return readFileSync(join(CORPUS, path), 'utf8');
}
