import type { DraftVersions } from '../../src/glossary/index.js';

/** Every unit's machine drafts under one glossary version, as a test's memory holds them. */
export function oneVersion(version: string): DraftVersions {
  return { own: () => version, under: () => version };
}
