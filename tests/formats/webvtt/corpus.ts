import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { webvtt } from '../../../src/formats/webvtt/index.js';
import type { ParseResult } from '../../../src/formats/types.js';

export const corpus = resolve(process.cwd(), '../shared/corpus');

export function corpusPath(...parts: string[]): string {
  return resolve(corpus, ...parts);
}

/** Decoded as a browser would: UTF-8, the BOM left for the parser to skip. */
export function readCorpusText(...parts: string[]): string {
  return readFileSync(corpusPath(...parts), 'utf8');
}

export function parseCorpusFile(...parts: string[]): ParseResult {
  return webvtt.parse(readCorpusText(...parts));
}

export function listCorpus(dir: string, filter: (name: string) => boolean): string[] {
  return readdirSync(corpusPath(dir))
    .filter(filter)
    .sort();
}

/** Seconds as the DOM reports them to our integer milliseconds. */
export function ms(seconds: number): number {
  return Math.round(seconds * 1000);
}
