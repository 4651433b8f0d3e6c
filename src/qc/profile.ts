import type { Lang } from '../model/track.js';

export type RuleSeverity = 'off' | 'warning' | 'error';

/** A figure and where it comes from, so a profile can be trusted and argued with. */
export interface Sourced<T> {
  value: T;
  /** e.g. "Netflix Timed Text Style Guide: General Requirements". */
  source: string;
  /** A table's figures the profile took from another's, by language key: whose they are, for messages (`Netflix`). */
  borrowed?: Readonly<Record<string, string>>;
}

/**
 * A QC and fitting profile. Language-keyed figures are looked up by the most
 * specific BCP 47 prefix (`zh-Hans`, then `zh`), then `default`.
 */
export interface Profile {
  id: string;
  name: string;
  maxLines: Sourced<number>;
  /** Characters per line; CJK languages count full-width as 1, half-width as 0.5. */
  maxCharsPerLine: Sourced<Record<string, number>>;
  minDurationMs: Sourced<number>;
  maxDurationMs: Sourced<number>;
  minGapFrames: Sourced<number>;
  /** Characters per second. */
  readingSpeed: Sourced<Record<string, number>>;
  /** Severity per rule id; rules not listed run at their default severity. */
  rules: Record<string, RuleSeverity>;
}

/** Each table's figure per language, found once: every cue of every language asks it, several times. */
const found = new WeakMap<Record<string, number>, Map<Lang, number>>();

/** The figure for a language: exact tag, then shorter prefixes, then `default`. */
export function forLanguage(table: Record<string, number>, language: Lang): number {
  let byLanguage = found.get(table);
  if (!byLanguage) found.set(table, (byLanguage = new Map()));
  let figure = byLanguage.get(language);
  if (figure === undefined) byLanguage.set(language, (figure = lookUp(table, language)));
  return figure;
}

/** The key of `table` a language's figure is found under: the one naming the most subtags of it (`zh-Hant-TW`, then `zh-Hant`, then `zh`), else `default`. */
export function languageKey(table: Record<string, number>, language: Lang): string {
  const wanted = language.toLowerCase();
  let hit = 'default';
  let named = -1;
  for (const key of Object.keys(table)) {
    const k = key.toLowerCase();
    if (k.length > named && (k === wanted || wanted.startsWith(`${k}-`))) {
      hit = key;
      named = k.length;
    }
  }
  return hit;
}

function lookUp(table: Record<string, number>, language: Lang): number {
  return table[languageKey(table, language)] ?? Object.values(table)[0] ?? Infinity;
}
