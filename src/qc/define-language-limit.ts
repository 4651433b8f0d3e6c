import type { Cue, Lang } from '../model/track.js';
import { defineRule, type Report, type Rule } from './define-rule.js';
import { forLanguage, languageKey, type Profile, type Sourced } from './profile.js';

/** The profile's figures that are a table by language. */
type LanguageFigure = { [K in keyof Profile]: Profile[K] extends Sourced<Record<string, number>> ? K : never }[keyof Profile];

/** What a cue is held to: the figure for the track's language, the language, and `<language>, <profile>` for messages. */
export interface LanguageLimitOf {
  max: number;
  language: Lang;
  where: string;
}

export interface LanguageLimit extends Omit<Rule, 'check'> {
  /** The profile's figure, looked up for the track's language. */
  figure: LanguageFigure;
  /** Checks one cue against the figure and reports what is past it. */
  checkCue(cue: Cue, limit: LanguageLimitOf, report: Report): void;
}

/** A rule that holds each cue to one of the profile's figures by language. */
export function defineLanguageLimit({ figure, checkCue, ...rule }: LanguageLimit): Readonly<Rule> {
  return defineRule({
    ...rule,
    check(ctx, report) {
      const { value, borrowed } = ctx.profile[figure];
      // A figure the profile took from another's is said as that one's (the festival profile keeps Netflix's for CJK).
      const whose = borrowed?.[languageKey(value, ctx.language)];
      const limit = { max: forLanguage(value, ctx.language), language: ctx.language, where: `${ctx.language}, ${ctx.profile.name}${whose === undefined ? '' : `, ${whose}'s figure`}` };
      for (const cue of ctx.track.cues) checkCue(cue, limit, report);
    },
  });
}
