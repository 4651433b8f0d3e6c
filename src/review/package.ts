import type { Profile } from '../qc/profile.js';
import { renderingFor, termIndex, type Glossary, type Matcher } from '../glossary/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Track } from '../model/track.js';
import { plainOf } from '../model/tagged-text.js';
import { cueOriginOf, cueStatusOf, targetMissing, type Draft, type Suggestion, type Unit } from '../model/unit.js';
import { cueAt } from './cue-at.js';
import { reviewMetrics } from './review-metrics.js';
import type { ReviewCue, ReviewPackage, ReviewState } from './types.js';

export interface ReviewInput {
  title: string;
  source: Track;
  /** The assembled target track: same cues, same ids. */
  target: Track;
  units: readonly Unit[];
  drafts: readonly Draft[];
  suggestions: ReadonlyMap<string, Suggestion>;
  findings: readonly Diagnostic[];
  glossary?: { glossary: Glossary; matcher: Matcher };
  /** Its figures give each cue's character budget. */
  profile: Profile;
  generatedAt: string;
}

function stateOf(draft: Draft | undefined, suggestion: Suggestion | undefined, unit: Unit, k: number): ReviewState {
  if (!draft?.targets || targetMissing(draft, unit, k)) return 'untranslated';
  // A cue a reviewer wrote keeps its state when the provider filled the cues left empty beside it. A machine's draft
  // an earlier run stored is a machine draft still: a CAT tool trusts an exact match, and would pass it over unread.
  const { origin, machine } = cueOriginOf(draft, k);
  if (origin === 'memory-exact' && machine === undefined) {
    const status = cueStatusOf(draft, k);
    // A draft lent from a confirmed sentence a new cut took cues from: checked against what that sentence said.
    if (status === 'draft' && suggestion?.previous === true && suggestion.status !== 'draft') return 'needs-review';
    return status === 'approved' ? 'approved' : status === 'reviewed' ? 'reviewed' : 'memory';
  }
  if (origin === 'memory-fuzzy') return 'fuzzy';
  // A reviewed translation exists for an earlier version of this source: the new draft must be checked against it.
  if (suggestion?.previous === true && suggestion.status !== 'draft') return 'needs-review';
  return 'machine';
}

/** Everything a reviewer needs about each cue, in one place: the XLIFF, the HTML sheet and qc.json are written from it. */
export function buildReviewPackage(input: ReviewInput): ReviewPackage {
  const targetLang = input.target.language;
  const unitOf = new Map<string, { unit: Unit; k: number }>();
  for (const unit of input.units) unit.cueIds.forEach((id, k) => unitOf.set(id, { unit, k }));
  const draftOf = new Map(input.drafts.map((d) => [d.unitId, d]));
  const findingsOf = new Map<string, Diagnostic[]>();
  for (const f of input.findings) if (f.cueId !== undefined) findingsOf.set(f.cueId, [...(findingsOf.get(f.cueId) ?? []), f]);
  const targetCues = new Map(input.target.cues.map((c) => [c.id, c]));

  const cues = input.source.cues.map((cue): ReviewCue => {
    const { unit, k } = unitOf.get(cue.id)!;
    const draft = draftOf.get(unit.id);
    const suggestion = input.suggestions.get(unit.id);
    const targetCue = targetCues.get(cue.id)!;
    const state = stateOf(draft, suggestion, unit, k);
    const from = draft === undefined ? undefined : cueOriginOf(draft, k);
    const source = unit.source[k]!;
    const out: ReviewCue = {
      ...cueAt(cue, unit.id),
      source,
      // The memory's own text, not the fitted lines joined again: a line break that took a space (the ideographic one
      // of Japanese) would come back without it, and an untouched file would import as an edit.
      target: state === 'untranslated' ? null : draft!.targets![k]!,
      state,
      // A cue left without words is untranslated, wherever the other cues of its sentence came from.
      origin: state === 'untranslated' ? 'untranslated' : from!.origin,
      terms: [],
      findings: findingsOf.get(cue.id) ?? [],
      metrics: reviewMetrics(targetCue, targetLang, input.profile),
    };
    if (from !== undefined && state !== 'untranslated') out.provider = from.machine ?? from.provider;
    if (draft?.score !== undefined) out.score = draft.score;
    if (draft?.reviewer !== undefined) out.reviewer = draft.reviewer;
    const comment = draft?.comments?.[k];
    if (comment) out.comment = comment;
    const offered = suggestion?.targets[k];
    if (offered !== undefined && state !== 'reviewed' && state !== 'approved') out.suggestion = offered;
    if (input.glossary) {
      const terms = termIndex(input.glossary.glossary);
      for (const m of input.glossary.matcher.find(plainOf(source))) {
        const term = terms.get(m.termId);
        const rendering = term && !term.doNotTranslate ? renderingFor(term, targetLang) : undefined;
        const expected = term?.doNotTranslate ? m.form : rendering?.preferred;
        const accepted = [...new Set([...(expected === undefined ? [] : [expected]), ...(rendering?.allowed ?? [])])];
        if (expected !== undefined && !out.terms.some((t) => t.termId === m.termId)) out.terms.push({ source: m.form, expected, accepted, termId: m.termId });
      }
    }
    return out;
  });
  const pkg: ReviewPackage = { title: input.title, sourceLang: input.source.language, targetLang, generatedAt: input.generatedAt, profile: input.profile.id, cues };
  const frameRate = input.target.frameRate ?? input.source.frameRate;
  if (frameRate) pkg.frameRate = frameRate;
  return pkg;
}
