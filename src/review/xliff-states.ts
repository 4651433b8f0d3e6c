import type { ReviewState } from './types.js';

/** How a review state is said in XLIFF 1.2: `<target state state-qualifier>` and `<trans-unit approved>`. */
export interface XliffState {
  /** Absent: no `<target>` is written. */
  state?: string;
  qualifier?: string;
  approved?: true;
}

/**
 * Written states. Every draft nobody checked is `needs-review-translation`,
 * the qualifier saying where it came from, so CAT tools show it as
 * pre-translated and unconfirmed; a human's work is `signed-off` or `final`.
 */
export const XLIFF_STATE: Readonly<Record<ReviewState, XliffState>> = {
  untranslated: {},
  machine: { state: 'needs-review-translation', qualifier: 'mt-suggestion' },
  memory: { state: 'needs-review-translation', qualifier: 'exact-match' },
  fuzzy: { state: 'needs-review-translation', qualifier: 'fuzzy-match' },
  // No qualifier: the source changed, and the earlier reviewed translation is in `<alt-trans alttranstype="previous-version">`.
  'needs-review': { state: 'needs-review-translation' },
  reviewed: { state: 'signed-off' },
  approved: { state: 'final', approved: true },
};

const DRAFT_BY_QUALIFIER: Readonly<Record<string, ReviewState>> = {
  'mt-suggestion': 'machine',
  'leveraged-mt': 'machine',
  'exact-match': 'memory',
  'id-match': 'memory',
  'leveraged-tm': 'memory',
  'leveraged-repository': 'memory',
  'leveraged-inherited': 'memory',
  'fuzzy-match': 'fuzzy',
  'tm-suggestion': 'fuzzy',
};

const NEEDS_REVIEW = new Set(['needs-review-translation', 'needs-review-l10n', 'needs-review-adaptation']);
const NOT_DONE = new Set(['new', 'needs-translation', 'needs-l10n', 'needs-adaptation']);

export interface ReadState {
  state?: string | undefined;
  qualifier?: string | undefined;
  approved?: string | undefined;
  hasTarget: boolean;
}

/**
 * Reads back what subloc wrote and what CAT tools make of it. `approved="yes"`
 * and `final` are approved; `signed-off` is reviewed, and so is `translated`:
 * CAT tools (OmegaT, memoQ "confirmed", Phrase) write it when a translator
 * confirms a segment, which is the translator's review. Anything else is an
 * unchecked draft and is not imported. `known` is false for a state outside
 * XLIFF 1.2's list.
 */
export function reviewStateOf(read: ReadState): { state: ReviewState; known: boolean } {
  // A confirmed state over an empty target stays as claimed, target null, so the import says why it left the cue out.
  if (read.approved === 'yes' || read.state === 'final') return { state: 'approved', known: true };
  if (read.state === 'signed-off' || read.state === 'translated') return { state: 'reviewed', known: true };
  if (!read.hasTarget) return { state: 'untranslated', known: true };
  const byQualifier = read.qualifier === undefined ? undefined : DRAFT_BY_QUALIFIER[read.qualifier];
  if (read.state === undefined || NOT_DONE.has(read.state)) return { state: byQualifier ?? 'machine', known: true };
  if (NEEDS_REVIEW.has(read.state)) return { state: byQualifier ?? 'needs-review', known: true };
  return { state: byQualifier ?? 'machine', known: false };
}
