import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import { messages } from './messages.js';

/** Cues listed by name in a refusal; the rest are counted. */
const LISTED = 20;

/** Why a language is not delivered: its cues with errors, each with the rules it broke. */
export function refusal(language: Lang, errors: readonly Diagnostic[]): string {
  const byCue = new Map<string, Set<string>>();
  for (const d of errors) {
    const rules = byCue.get(d.cueId ?? '?') ?? new Set<string>();
    rules.add(d.code.replace(/^(qc|deliver)\//, ''));
    byCue.set(d.cueId ?? '?', rules);
  }
  const entries = [...byCue].map(([cue, rules]) => `${cue} (${[...rules].join(', ')})`);
  const list = entries.length > LISTED ? `${entries.slice(0, LISTED).join(', ')}, … ${entries.length - LISTED} more` : entries.join(', ');
  return messages.refused(language, byCue.size, list);
}
