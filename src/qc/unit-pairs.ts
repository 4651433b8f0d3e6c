import type { Cue } from '../model/track.js';
import { segment } from '../translate/segment.js';
import type { QcContext } from './define-rule.js';
import { isMarkedUntranslated } from './plain-text.js';

export interface CuePair {
  source: Cue;
  target: Cue;
}

/**
 * The source's sentence units, as `localize` cuts them (`segment`), each as
 * its source cues beside the target cues with the same ids: a translation
 * may move words to a neighbouring cue of its sentence. Cues marked
 * untranslated are left out of their unit, and a unit left with none.
 */
export function unitPairs(ctx: QcContext): CuePair[][] {
  if (!ctx.source) return [];
  const byId = new Map(ctx.track.cues.map((c) => [c.id, c]));
  return segment(ctx.source).flatMap((unit) => {
    const pairs = unit.cueIds.flatMap((id) => {
      const source = ctx.sourceCue(id);
      const target = byId.get(id);
      return source && target && !isMarkedUntranslated(target) ? [{ source, target }] : [];
    });
    return pairs.length === 0 ? [] : [pairs];
  });
}
