import type { Rule } from '../define-rule.js';
import emptyCue from './empty-cue.js';
import glossary from './glossary.js';
import lineCount from './line-count.js';
import lineLength from './line-length.js';
import maxDuration from './max-duration.js';
import minDuration from './min-duration.js';
import minGap from './min-gap.js';
import numbers from './numbers.js';
import overlap from './overlap.js';
import readingSpeed from './reading-speed.js';
import unbalancedTags from './unbalanced-tags.js';
import untranslated from './untranslated.js';

/** Every QC rule, in the order a cue's findings are listed. */
export const rules: readonly Readonly<Rule>[] = Object.freeze([
  emptyCue,
  untranslated,
  readingSpeed,
  lineLength,
  lineCount,
  minDuration,
  maxDuration,
  minGap,
  overlap,
  glossary,
  numbers,
  unbalancedTags,
]);

export const ruleIds: readonly string[] = rules.map((r) => r.id);
