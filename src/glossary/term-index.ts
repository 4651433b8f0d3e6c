import type { Glossary, Term } from './types.js';

const indexes = new WeakMap<Glossary, ReadonlyMap<string, Term>>();

/** The glossary's terms by id, built once per glossary: every cue of every language asks it. */
export function termIndex(glossary: Glossary): ReadonlyMap<string, Term> {
  let index = indexes.get(glossary);
  if (!index) indexes.set(glossary, (index = new Map(glossary.terms.map((t) => [t.id, t]))));
  return index;
}
