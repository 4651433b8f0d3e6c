import type { Glossary, Matcher } from '../glossary/index.js';
import type { Severity } from '../model/diagnostic.js';
import type { Cue, FrameRate, Lang, Track } from '../model/track.js';
import type { TaggedText } from '../model/tagged-text.js';
import type { Profile, RuleSeverity } from './profile.js';

/** What every rule sees: the track, its language, the profile's figures and the optional source side. */
export interface QcContext {
  track: Track;
  language: Lang;
  profile: Profile;
  /** The track's frame rate, the caller's override, or 24 fps. */
  frameRate: FrameRate;
  /** The source track the target was translated from; its cues are matched by id. */
  source?: Track;
  /** The source cue with the same id as a target cue. */
  sourceCue(cueId: string): Cue | undefined;
  glossary?: { glossary: Glossary; matcher: Matcher };
  /** The draft's tagged text per cue id, when the caller has it. */
  targetTagged?: ReadonlyMap<string, TaggedText>;
}

export interface ReportOptions {
  /** Defaults to `qc/<rule id>`. */
  code?: string;
  /** A finding's own severity, used when the profile does not set one for the rule. */
  severity?: Exclude<Severity, 'info'>;
}

export type Report = (cue: Cue, message: string, options?: ReportOptions) => void;

/** A QC rule: one file a rule, as unified-lint-rule has it. */
export interface Rule {
  /** Kebab-case; the finding code is `qc/<id>` and profiles name the rule by it. */
  readonly id: string;
  /** One line, for `--help` listings and profile authors. */
  readonly description: string;
  readonly defaultSeverity: Exclude<RuleSeverity, 'off'>;
  check(ctx: QcContext, report: Report): void;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function defineRule(rule: Rule): Readonly<Rule> {
  if (!KEBAB.test(rule.id)) throw new Error(`QC rule id \`${rule.id}\` must be kebab-case`);
  return Object.freeze({ ...rule });
}
