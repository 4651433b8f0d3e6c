import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import { charAt, foldForm, upper } from './fold.js';
import { createTargetMatcher, type Matcher, type RenderingMatch, type TargetMatcher } from './match.js';
import { check as msg } from './messages.js';
import { renderingFor } from './rendering.js';
import { termIndex } from './term-index.js';
import type { Glossary } from './types.js';

export interface CheckInput {
  /** Plain source text of the cue (or unit). */
  source: string;
  /** Plain target text of the draft. */
  target: string;
  targetLang: Lang;
  glossary: Glossary;
  /** `createMatcher(glossary)`, built once per run. */
  matcher: Matcher;
}

const targetMatchers = new WeakMap<Glossary, Map<Lang, TargetMatcher>>();

/** One target matcher per glossary and language, built on first use. */
function targetMatcherFor(glossary: Glossary, lang: Lang): TargetMatcher {
  let byLang = targetMatchers.get(glossary);
  if (!byLang) targetMatchers.set(glossary, (byLang = new Map()));
  let m = byLang.get(lang);
  if (!m) byLang.set(lang, (m = createTargetMatcher(glossary, lang)));
  return m;
}

/** One of `spellings`, or one with its first letter upper-cased, as at the start of a sentence. */
function isSpelledAs(text: string, spellings: ReadonlySet<string>): boolean {
  if (spellings.has(text)) return true;
  return [...spellings].some((s) => upper(charAt(s, 0)) + s.slice(charAt(s, 0).length) === text);
}

const covers = (outer: RenderingMatch, inner: RenderingMatch) => outer.start <= inner.start && inner.end <= outer.end;

/**
 * The compliance check of one draft against the glossary. For every term
 * found in the source: `glossary/missing-term` (warning) when neither the
 * preferred nor an allowed rendering is in the target; `glossary/forbidden`
 * (error) for a forbidden rendering, unless it is part of an accepted
 * rendering of a term of this source (`public complaints` inside `swift
 * response to public complaints`); `glossary/dnt-changed` (error) when a
 * do-not-translate term is not in the target verbatim. Presence is checked,
 * not counts: a term twice in the source is satisfied by one rendering.
 */
export function checkDraft(input: CheckInput): Diagnostic[] {
  const found = input.matcher.find(input.source);
  if (found.length === 0) return [];
  const terms = termIndex(input.glossary);
  const firstForm = new Map<string, string>();
  for (const m of found) if (!firstForm.has(m.termId)) firstForm.set(m.termId, m.form);

  const hits = targetMatcherFor(input.glossary, input.targetLang).find(input.target);
  const accepted = hits.filter((h) => h.kind !== 'forbidden' && firstForm.has(h.termId));
  const out: Diagnostic[] = [];
  for (const [termId, form] of firstForm) {
    const term = terms.get(termId);
    if (!term) continue;
    if (term.doNotTranslate) {
      // Verbatim is as the source writes the term (what DeepL is told to copy, `wechat`) or as the glossary does (`WeChat`).
      const spellings = new Map<string, Set<string>>();
      for (const m of found) {
        if (m.termId !== termId) continue;
        const forms = spellings.get(m.form) ?? new Set([foldForm(m.form, true)]);
        spellings.set(m.form, forms.add(foldForm(input.source.slice(m.start, m.end), true)));
      }
      for (const [f, forms] of spellings) {
        const kept = accepted.some((h) => h.termId === termId && h.form === f && isSpelledAs(foldForm(input.target.slice(h.start, h.end), true), forms));
        if (!kept) out.push(diagnostic('glossary/dnt-changed', 'error', msg.dntChanged(f, termId)));
      }
    }
    const rendering = renderingFor(term, input.targetLang);
    if (!rendering) continue;
    if (!term.doNotTranslate && !accepted.some((h) => h.termId === termId)) {
      out.push(diagnostic('glossary/missing-term', 'warning', msg.missing(rendering.preferred, form, termId)));
    }
    const reported = new Set<string>();
    for (const h of hits) {
      if (h.termId !== termId || h.kind !== 'forbidden' || accepted.some((a) => covers(a, h))) continue;
      const text = input.target.slice(h.start, h.end);
      if (reported.has(h.form)) continue;
      reported.add(h.form);
      out.push(diagnostic('glossary/forbidden', 'error', msg.forbidden(text, form, termId, rendering.preferred)));
    }
  }
  return out;
}
