import type { Diagnostic } from '../model/diagnostic.js';

export interface LanguageReport {
  language: string;
  cues: number;
  drafted: number;
  fromMemory: number;
  untranslated: number;
  billedCharacters: number;
  glossaryViolations: number;
  /** Draft counts by the provider that produced them. */
  providers: Record<string, number>;
  /** Paths of the written tracks, relative to the run folder. */
  files: string[];
  diagnostics: Diagnostic[];
}

export interface RunReport {
  title: string;
  input: string;
  source: string;
  provider: string;
  cues: number;
  languages: LanguageReport[];
  totals: { drafted: number; fromMemory: number; untranslated: number; billedCharacters: number; glossaryViolations: number };
  /** Diagnostics from reading the source track. */
  diagnostics: Diagnostic[];
}

export function totals(languages: readonly LanguageReport[]): RunReport['totals'] {
  const sum = (pick: (l: LanguageReport) => number) => languages.reduce((n, l) => n + pick(l), 0);
  return {
    drafted: sum((l) => l.drafted),
    fromMemory: sum((l) => l.fromMemory),
    untranslated: sum((l) => l.untranslated),
    billedCharacters: sum((l) => l.billedCharacters),
    glossaryViolations: sum((l) => l.glossaryViolations),
  };
}
