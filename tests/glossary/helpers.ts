import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGlossary } from '../../src/glossary/load.js';
import type { Glossary } from '../../src/glossary/types.js';

export const ROOT = process.cwd();
export const TARGETS = ['en-US', 'fr-FR', 'it-IT', 'es-ES', 'de-DE', 'ja-JP'] as const;

export function bundledText(): string {
  return readFileSync(join(ROOT, 'glossary.json'), 'utf8');
}

export function bundled(): Glossary {
  return parseGlossary(bundledText(), 'glossary.json');
}

/** A small glossary written inline, through the real loader. */
export function glossaryOf(terms: unknown[], sourceLanguage = 'zh-Hans'): Glossary {
  return parseGlossary(JSON.stringify({ version: 1, sourceLanguage, terms }), 'test.json');
}
