/** Compiled phrase patterns: the same glossary renderings come back for every cue. */
const patterns = new Map<string, RegExp>();

function patternFor(phrase: string, spaceOptional: boolean): RegExp {
  const key = `${spaceOptional ? 1 : 0}${phrase}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const source = phrase
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"))
      .join(spaceOptional ? '\\s*' : '\\s+');
    pattern = new RegExp(source, 'giu');
    patterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Where each phrase occurs in the text, as `[start, end)` ranges; matching
 * ignores case, apostrophe style and the width of the spaces. Unspaced
 * scripts may drop the spaces a rendering was written with.
 */
export function protectedRanges(text: string, phrases: readonly string[], spaceOptional: boolean): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  for (const phrase of phrases) {
    if (phrase.trim() === '') continue;
    for (const m of text.matchAll(patternFor(phrase, spaceOptional))) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}
