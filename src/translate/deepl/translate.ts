import type { SourceLanguageCode, TargetLanguageCode, TextResult, TranslateTextOptions } from 'deepl-node';
import pLimit, { type LimitFunction } from 'p-limit';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { lineJoiner } from '../../model/language.js';
import { plainOf, type TaggedText } from '../tagged-text.js';
import type { Draft, LanguagePair, Unit } from '../unit.js';
import { planBatches, type Batch, type Param } from './batches.js';
import type { DeepLConnection } from './client.js';
import { CUE_TAG, hasText, joinCues, splitByLength, splitOnCues, textLength, toTaggedText } from './cue-markup.js';
import { deeplFailure } from './errors.js';
import { deeplSource, deeplTarget } from './languages.js';
import { codes, messages } from './messages.js';

/** One cue's text made ready for DeepL by the glossary's protect step, and the way back. */
export interface PreparedText {
  text: string;
  restore(translated: string): { text: TaggedText; diagnostics: Diagnostic[] };
}

/** Terms and numbers DeepL must leave alone, wrapped in elements it is told to ignore. */
export interface Protection {
  /** The elements `prepare` wraps protected text in; sent as `ignore_tags`. */
  ignoreTags: readonly string[];
  prepare(text: TaggedText): PreparedText;
}

export interface TranslateUnitsOptions {
  pair: LanguagePair;
  /** A v3 glossary with a dictionary for this pair (see syncGlossary). */
  glossaryId?: string;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /**
   * A limiter shared by every call of one run (all target languages), so the
   * run as a whole never has more than its concurrency in flight; when
   * given, `concurrency` is ignored. Never call translateUnits from inside a
   * task of this limiter: it would wait on itself.
   */
  limit?: LimitFunction;
  /** Called with each request's drafts as they arrive, so they can be kept before the next arrives. */
  onBatch?: (drafts: Draft[], diagnostics: Diagnostic[]) => void | Promise<void>;
  protection?: Protection;
}

export interface TranslateUnitsResult {
  /** One per unit, in the units' order. */
  drafts: Draft[];
  diagnostics: Diagnostic[];
  billedCharacters: number;
  requests: number;
}

/** Inline styling and the cue elements never end a sentence: the unit is read as the one sentence it is. */
const NON_SPLITTING_TAGS = [CUE_TAG, 'i', 'b', 'u'];

/**
 * Translates units with DeepL, one text per unit, in batches DeepL accepts.
 *
 * A batch is a run of consecutive units. DeepL shares one `context` among
 * all texts of a request, so a batch's context is the plain source of the
 * unit just before it and the unit just after it: the neighbours the batch
 * as a whole is read between (units inside the batch are not repeated as
 * context; that would double the body for no billing gain).
 *
 * Each unit's cues are wrapped in `<c n>` elements (see cue-markup.ts) and
 * sent with `tag_handling=xml`, `preserve_formatting=1` and the default
 * `split_sentences=1`: a unit holds no line break except before a dialogue
 * dash, where a new sentence does start.
 *
 * After a fatal error (456 quota, 403, unreachable server, any other
 * failure) no new request starts; the ones in flight settle and deliver
 * their drafts through `onBatch`; then the promise rejects with the first
 * error as a SublocError. 429 and 5xx are retried by deepl-node alone.
 */
export async function translateUnits(
  connection: DeepLConnection,
  units: readonly Unit[],
  options: TranslateUnitsOptions,
): Promise<TranslateUnitsResult> {
  const plan = planRequests(units, options);
  const { source, target, requestOptions, items: toSend, ignoreTags } = plan;
  const drafts = new Map<string, Draft>(plan.unsent.map((d) => [d.unitId, d]));
  const diagnostics: Diagnostic[] = [];
  const limit = options.limit ?? pLimit(Math.max(1, options.concurrency ?? 4));
  let failure: unknown;
  let failed = false;
  let billedCharacters = 0;
  let requests = 0;

  const run = async (batch: Batch) => {
    if (failed) return;
    const items = toSend.slice(batch.start, batch.end);
    let results: TextResult[];
    try {
      requests++;
      results = await connection.client.translateText(
        items.map((p) => p.text),
        source,
        target,
        batch.context === undefined ? requestOptions : { ...requestOptions, context: batch.context },
      );
    } catch (error) {
      if (!failed) failure = deeplFailure(error, connection);
      failed = true;
      return;
    }
    const batchDrafts: Draft[] = [];
    const batchDiagnostics: Diagnostic[] = [];
    items.forEach((item, i) => {
      const result = results[i];
      const draft = draftOf(item, result?.text ?? '', result?.billedCharacters ?? 0, ignoreTags, batchDiagnostics);
      billedCharacters += draft.billedCharacters;
      drafts.set(item.unit.id, draft);
      batchDrafts.push(draft);
    });
    diagnostics.push(...batchDiagnostics);
    try {
      await options.onBatch?.(batchDrafts, batchDiagnostics);
    } catch (error) {
      if (!failed) failure = error;
      failed = true;
    }
  };

  if (plan.unsent.length > 0) await options.onBatch?.(plan.unsent, []);
  await Promise.all(plan.batches.map((batch) => limit(run, batch)));
  if (failed) throw failure;
  return {
    drafts: units.flatMap((u) => drafts.get(u.id) ?? []),
    diagnostics,
    billedCharacters,
    requests,
  };
}

export interface PlannedUnit {
  unit: Unit;
  /** Index in the caller's units, for context and order. */
  index: number;
  cues: (PreparedText | undefined)[];
  /** The one text sent for the unit. */
  text: string;
}

export interface RequestPlan {
  source: SourceLanguageCode;
  target: TargetLanguageCode;
  requestOptions: TranslateTextOptions;
  ignoreTags: readonly string[];
  /** The units sent, in order; each batch is a run of them. */
  items: PlannedUnit[];
  batches: Batch[];
  /** Drafts of units with no words to translate, never sent. */
  unsent: Draft[];
}

/**
 * The requests translateUnits will make, without making them: one text per
 * unit, consecutive runs within DeepL's limits, each with its context.
 */
export function planRequests(units: readonly Unit[], options: Pick<TranslateUnitsOptions, 'pair' | 'glossaryId' | 'protection'>): RequestPlan {
  const source = deeplSource(options.pair.source);
  const target = deeplTarget(options.pair.target);
  const joiner = lineJoiner(options.pair.source);
  const ignoreTags = options.protection?.ignoreTags ?? [];
  const plain = (unit: Unit | undefined) => (unit === undefined ? '' : plainOf(unit.source.join(joiner)).trim());

  const unsent: Draft[] = [];
  const items: PlannedUnit[] = [];
  units.forEach((unit, index) => {
    if (plain(unit) === '') {
      unsent.push({ unitId: unit.id, targets: [...unit.source], origin: 'machine', provider: 'deepl', billedCharacters: 0 });
      return;
    }
    const cues = unit.source.map((text) => options.protection?.prepare(text));
    const text = joinCues(unit.source.map((text, k) => cues[k]?.text ?? text), options.pair.source);
    items.push({ unit, index, cues, text });
  });

  const requestOptions: TranslateTextOptions = {
    preserveFormatting: true,
    tagHandling: 'xml',
    nonSplittingTags: NON_SPLITTING_TAGS,
    ...(ignoreTags.length > 0 ? { ignoreTags: [...ignoreTags] } : {}),
    ...(options.glossaryId === undefined ? {} : { glossary: options.glossaryId }),
  };
  // The body deepl-node will send, but for `text` and `context` (utils.ts buildURLSearchParams, validateAndAppendTextOptions).
  const fixedParams: Param[] = [
    ['target_lang', target],
    ['source_lang', source],
    ...(options.glossaryId === undefined ? [] : [['glossary_id', options.glossaryId] as const]),
    ['show_billed_characters', '1'],
    ['preserve_formatting', '1'],
    ['tag_handling', 'xml'],
    ['non_splitting_tags', NON_SPLITTING_TAGS.join(',')],
    ...(ignoreTags.length > 0 ? [['ignore_tags', ignoreTags.join(',')] as const] : []),
  ];
  const batches = planBatches(
    items.map((p) => p.text),
    {
      fixedParams,
      contextFor: (start, end) => {
        const context = [plain(units[items[start]!.index - 1]), plain(units[items[end - 1]!.index + 1])].filter((t) => t !== '').join('\n');
        return context === '' ? undefined : context;
      },
      nameOf: (i) => `unit ${items[i]!.unit.id}`,
    },
  );
  return { source, target, requestOptions, ignoreTags, items, batches, unsent };
}

/** One unit's translation back into one target per cue. */
function draftOf(item: PlannedUnit, translated: string, billedCharacters: number, ignoreTags: readonly string[], diagnostics: Diagnostic[]): Draft {
  const { unit } = item;
  const at = { cueId: unit.cueIds[0] };
  const untranslated = (code: string, message: string): Draft => {
    diagnostics.push(diagnostic(code, 'warning', message, at));
    return { unitId: unit.id, targets: null, origin: 'untranslated', provider: 'deepl', billedCharacters };
  };
  if (!hasText(translated)) return untranslated(codes.emptyTranslation, messages.emptyTranslation(unit.id));

  let pieces = splitOnCues(translated, unit.source.length);
  if (pieces === undefined) {
    pieces = splitByLength(
      translated,
      unit.source.map((s) => textLength(s)),
      ignoreTags,
    );
    if (pieces.some((p) => !hasText(p))) return untranslated(codes.tooShort, messages.tooShort(unit.id, unit.source.length));
    diagnostics.push(diagnostic(codes.boundariesLost, 'warning', messages.boundariesLost(unit.id), at));
  }
  const targets = pieces.map((piece, k) => {
    const restored = item.cues[k]?.restore(piece) ?? { text: piece, diagnostics: [] };
    const cueId = unit.cueIds[k];
    diagnostics.push(...restored.diagnostics.map((d) => (d.cueId === undefined && cueId !== undefined ? { ...d, cueId } : d)));
    return toTaggedText(restored.text);
  });
  return { unitId: unit.id, targets, origin: 'machine', provider: 'deepl', billedCharacters };
}
