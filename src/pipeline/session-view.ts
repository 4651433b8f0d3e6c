import { renderingFor, type DraftVersions, type Glossary, type Matcher } from '../glossary/index.js';
import { cueOnFrames } from '../model/frame-rate.js';
import { lineText } from '../model/spans.js';
import type { Cue, FrameRate, Lang, Track } from '../model/track.js';
import type { Draft, Suggestion, Unit } from '../model/unit.js';
import type { Profile } from '../qc/index.js';
import { cueAt } from '../review/cue-at.js';
import { buildReviewPackage } from '../review/package.js';
import type { ReviewCue } from '../review/types.js';
import { assembleLanguage } from './assemble-language.js';
import { checkLanguage } from './check-language.js';
import { checkingRules, cueRevision, type UnitRecord } from './cue-change.js';
import type { SessionCue } from './review-session-types.js';

export interface SessionViewInput {
  title: string;
  source: Track;
  units: readonly Unit[];
  target: Lang;
  /** Each unit's draft from its exact memory entry, as `localize` takes it. */
  drafts: readonly Draft[];
  /** What the memory holds for each unit, by unit id: revisions and comments. */
  records: ReadonlyMap<string, UnitRecord>;
  /** The machine draft (or closest earlier translation) of each cue, by cue id. */
  machine: ReadonlyMap<string, string>;
  suggestions: ReadonlyMap<string, Suggestion>;
  /** The cues saying the same sentence as a cue, by cue id, for those said more than once. */
  repeats: ReadonlyMap<string, readonly string[]>;
  profile: Profile;
  glossary?: { glossary: Glossary; matcher: Matcher } | undefined;
  /** The glossary's version of each unit's terms in `target`: a cue's revision names it. */
  versions: Pick<DraftVersions, 'own'>;
  frameRate?: FrameRate | undefined;
}

/** A cue's lines as the studio edits them. */
export function shownText(cue: Pick<Cue, 'lines'>): string {
  return cue.lines.map(lineText).join('\n');
}

function forbiddenFor(glossary: SessionViewInput['glossary'], termId: string, target: Lang): string[] {
  const term = glossary?.glossary.terms.find((t) => t.id === termId);
  return term === undefined ? [] : [...(renderingFor(term, target)?.forbidden ?? [])];
}

/**
 * Every cue of a language as the review studio shows it: the track, findings,
 * metrics, budget and terms exactly as `localize` computes them for its
 * review package (assembleLanguage, checkLanguage, buildReviewPackage), plus
 * what the studio adds: the comment, the machine draft and the revision.
 */
export function sessionView(input: SessionViewInput): SessionCue[] {
  const { source, units, drafts, target, profile, glossary } = input;
  const assembled = assembleLanguage({ source, units, drafts, target, profile, glossary, frameRate: input.frameRate });
  const check = checkLanguage({ source, units, drafts, draftDiagnostics: [], assembled, profile, glossary, frameRate: input.frameRate });
  const pkg = buildReviewPackage({
    title: input.title,
    source,
    target: assembled.track,
    units,
    drafts,
    suggestions: input.suggestions,
    findings: check.findings,
    ...(glossary === undefined ? {} : { glossary }),
    profile,
    generatedAt: '',
  });
  const rules = checkingRules(profile, input.frameRate);
  const indexOf = new Map<string, { unit: Unit; k: number }>();
  for (const unit of units) unit.cueIds.forEach((id, k) => indexOf.set(id, { unit, k }));
  return pkg.cues.map((cue, i) => {
    const translated = cue.state !== 'untranslated';
    const record = input.records.get(cue.unitId)!;
    const { unit, k } = indexOf.get(cue.id)!;
    const sourceCue = source.cues[i]!;
    // The times `localize` writes: on the frame grid, where the player shows the cue and the reviewer checks it against a shot change.
    const times = input.frameRate === undefined ? sourceCue : { id: sourceCue.id, ...cueOnFrames(sourceCue.start, sourceCue.end, input.frameRate) };
    const out: SessionCue = {
      ...cueAt(times, cue.unitId),
      source: shownText(sourceCue),
      text: translated ? shownText(assembled.track.cues[i]!) : '',
      machine: input.machine.get(cue.id) ?? null,
      state: stateOf(cue),
      origin: cue.state,
      revision: cueRevision(record, k, { glossaryVersion: input.versions.own(unit.source), rules, start: times.start, end: times.end }),
      findings: cue.findings,
      budget: { used: translated ? cue.metrics.chars : 0, budget: cue.metrics.budget },
      metrics: translated
        ? { charsPerSecond: cue.metrics.charsPerSecond, lines: cue.metrics.lines, maxLineWidth: cue.metrics.maxLineWidth, durationMs: cue.metrics.durationMs }
        : { charsPerSecond: 0, lines: 0, maxLineWidth: 0, durationMs: cue.metrics.durationMs },
      terms: cue.terms.map((t) => ({ source: t.source, preferred: t.expected, forbidden: forbiddenFor(glossary, t.termId, target) })),
      comment: record.comments[k] ?? '',
    };
    if (/<\/?(i|b|u)>/.test(cue.source)) out.sourceTagged = cue.source;
    if (cue.reviewer !== undefined) out.reviewer = cue.reviewer;
    const repeats = input.repeats.get(cue.id);
    if (repeats !== undefined) out.repeats = [...repeats];
    return out;
  });
}

/**
 * The cues of some units only, computed as the whole track would compute
 * them: each with its unit (the glossary checks a unit) and the cues either
 * side of it (the timing rules compare neighbours). A save recomputes its own
 * unit instead of a film's thousand cues.
 */
export function unitsView(input: SessionViewInput, unitIds: ReadonlySet<string>): SessionCue[] {
  const { source, units } = input;
  const unitOfCue = new Map<string, Unit>();
  for (const unit of units) for (const id of unit.cueIds) unitOfCue.set(id, unit);
  const wanted = new Set<Unit>();
  source.cues.forEach((cue, i) => {
    if (!unitIds.has(unitOfCue.get(cue.id)!.id)) return;
    for (const near of [source.cues[i - 1], cue, source.cues[i + 1]]) if (near) wanted.add(unitOfCue.get(near.id)!);
  });
  const cueIds = new Set([...wanted].flatMap((u) => u.cueIds));
  const unitSet = new Set([...wanted].map((u) => u.id));
  const sub: SessionViewInput = {
    ...input,
    source: { ...source, cues: source.cues.filter((c) => cueIds.has(c.id)) },
    units: units.filter((u) => unitSet.has(u.id)),
    drafts: input.drafts.filter((d) => unitSet.has(d.unitId)),
  };
  return sessionView(sub).filter((cue) => unitIds.has(cue.unitId));
}

function stateOf(cue: ReviewCue): SessionCue['state'] {
  return cue.state === 'approved' || cue.state === 'reviewed' ? cue.state : 'draft';
}
