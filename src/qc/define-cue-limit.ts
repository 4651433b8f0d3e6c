import type { Cue } from '../model/track.js';
import { defineRule, type Rule } from './define-rule.js';
import type { Profile, Sourced } from './profile.js';

/** The profile's figures that are one number for every language. */
type Figure = { [K in keyof Profile]: Profile[K] extends Sourced<number> ? K : never }[keyof Profile];

export interface CueLimit extends Omit<Rule, 'check'> {
  /** The profile's figure each cue is held to. */
  figure: Figure;
  /** Whether a cue may measure at most or at least the figure. */
  bound: 'at most' | 'at least';
  /** What the rule measures of a cue. */
  measure(cue: Cue): number;
  /** The finding, from what the cue measured, the figure and the profile's name. */
  message(found: number, limit: number, profileName: string): string;
}

/** A rule that measures each cue and reports the ones past one figure of the profile. */
export function defineCueLimit({ figure, bound, measure, message, ...rule }: CueLimit): Readonly<Rule> {
  return defineRule({
    ...rule,
    check(ctx, report) {
      const limit = ctx.profile[figure].value;
      for (const cue of ctx.track.cues) {
        const found = measure(cue);
        if (bound === 'at most' ? found > limit : found < limit) report(cue, message(found, limit, ctx.profile.name));
      }
    },
  });
}
