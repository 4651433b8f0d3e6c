import type { SourceLanguageCode, TargetLanguageCode, TextResult, TranslateTextOptions } from 'deepl-node';
import { SublocError } from '../../errors.js';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { lineJoiner } from '../../model/language.js';
import { plainOf, type TaggedText } from '../../model/tagged-text.js';
import { excerpt } from '../../formats/shared/excerpt.js';
import type { Draft, LanguagePair, Unit } from '../../model/unit.js';
import type { CondenseResult } from '../translator.js';
import { DEEPL_LIMITS, planBatches, type Batch, type Param } from './batches.js';
import type { DeepLConnection } from './client.js';
import { CUE_TAG, hasText, joinCues, splitOnCues, toTaggedText, type CueMarkupProblem } from './cue-markup.js';
import { askedToSlowDown, deeplFailure, mayBeGlossaryGone, mayHaveBilled, refusalReason, refusedAsSent, worthAnotherAttempt } from './errors.js';
import { interruptedError, pause, retryDelayMs, stoppedBy } from './attempts.js';
import { heeding } from './retry-after.js';
import { billableAtMost, type DeepLGate, type DeepLPermit } from './gate.js';
import { ELEMENT_INSTRUCTION, GENERAL_INSTRUCTION, STRICT_INSTRUCTION, draftWidth, overBudget } from './condense.js';
import { deeplSource, deeplTarget, supportsCustomInstructions } from './languages.js';
import { codes, messages } from './messages.js';
import { misplacedTranslation } from './answer-order.js';
import { requestLanes, type Lane, type RequestLanes } from './request-lanes.js';

/** One cue's text made ready for DeepL by the glossary's protect step, and the way back. */
export interface PreparedText {
  text: string;
  /** The contents it protects, as sent. */
  items: readonly string[];
  /** `unit`: the other cues of its sentence unit, what they protect and how they came back (see glossary's `restore`). */
  restore(translated: string, unit?: { items: readonly string[]; translated: readonly string[] }): { text: TaggedText; diagnostics: Diagnostic[] };
}

/** Terms and numbers DeepL must leave alone, wrapped in elements it is told to ignore. */
export interface Protection {
  /** The elements `prepare` wraps protected text in; sent as `ignore_tags`. */
  ignoreTags: readonly string[];
  prepare(text: TaggedText): PreparedText;
}

export interface TranslateUnitsOptions {
  pair: LanguagePair;
  /** Aborted when the user stops the run: no request leaves after it; those in flight are answered, delivered, then the call fails (`INTERRUPTED`). */
  stop?: AbortSignal;
  /**
   * A v3 glossary with a dictionary for this pair (see syncGlossary), or the
   * promise of it while the sync is under way: the units are protected and
   * joined meanwhile, and the first request waits for it.
   */
  glossaryId?: string | Promise<string | undefined>;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /**
   * The request lanes shared by every call of one run (all target
   * languages), so the run as a whole never has more than its concurrency in
   * flight; when given, `concurrency` is ignored. Never call translateUnits
   * from inside one of their tasks: it would wait on itself.
   */
  lanes?: RequestLanes;
  /** Called with what each answer cost as it arrives, before it is checked: DeepL bills an answer whether or not its drafts are used. */
  onBilled?: (characters: number) => void;
  /** Called with the most an attempt can have cost whose fate is unknown (see mayHaveBilled): not counted as billed, no answer says what DeepL billed. */
  onMayHaveBilled?: (characters: number) => void;
  /** Called with each request's drafts as they arrive, so they can be kept before the next arrives. */
  onBatch?: (drafts: Draft[], diagnostics: Diagnostic[]) => void | Promise<void>;
  /**
   * Called with the first drafts of units held back for a second request as
   * soon as they arrive: billed already, they are kept at once, so a run
   * killed before the second answer does not pay for them again. Each unit
   * still comes through `onBatch` once, with the draft finally kept.
   */
  onHeld?: (drafts: Draft[]) => void | Promise<void>;
  protection?: Protection;
  /**
   * Each unit's character budget, one number per cue, by unit id. With them,
   * a target DeepL takes custom instructions for is drafted to fit: see
   * translateUnits. Without them (or for another target) units are drafted as they are.
   */
  budgets?: ReadonlyMap<string, readonly number[]>;
  /** The glossary check of a draft of a unit (its findings counted): of a unit's two drafts, only one with none may be kept over the first. */
  glossaryFindings?: (unit: Unit, targets: readonly TaggedText[]) => number;
  /** Passed by every request before it leaves, and told what it billed: the rate and budget shared by several processes. */
  gate?: DeepLGate;
  /**
   * Units an earlier run stopped between their two requests, by unit id:
   * the first draft it stored (`Draft.held`). When the units are drafted to
   * their budgets, each is asked only the second time, at once, its first
   * draft weighed against the answer as in one run; else they are drafted
   * as any other.
   */
  firstDrafts?: ReadonlyMap<string, readonly TaggedText[]>;
  /**
   * Asked when a request sent with the glossary `id` failed as a request
   * naming a deleted glossary fails (a plain 400 or 404): the id of the
   * glossary made again, or undefined when `id` is still on the server (the
   * failure was another one, and stands). That request is sent once more
   * with the new id, and every later one goes with it.
   */
  glossaryGone?: (id: string) => Promise<string | undefined>;
  /**
   * Awaited before each attempt of a request leaves, after its turn at the
   * gate, with the ids of the units it carries and how long the attempt may
   * wait for its answer (ms); a rejection fails the call as any failure
   * does, that request unsent.
   */
  onSending?: (unitIds: readonly string[], answeredWithinMs: number) => Promise<void>;
}

/** One request as it is to leave: its texts, the units they are of, the context read with them and its name in messages. */
interface Sent {
  texts: string[];
  unitIds: readonly string[];
  context: string | undefined;
  name: string;
  sendOptions: TranslateTextOptions;
  /** Told, instead of the call failing, when DeepL refuses the request for what it was sent (400), with what DeepL said. */
  refused?: (failure: SublocError, reason: string) => void;
}

export interface TranslateUnitsResult {
  /** One per unit, in the units' order. */
  drafts: Draft[];
  diagnostics: Diagnostic[];
  billedCharacters: number;
  requests: number;
  /** Present when the units were drafted to their budgets. */
  condense?: CondenseResult;
}

/** Inline styling and the cue elements never end a sentence: the unit is read as the one sentence it is. */
const NON_SPLITTING_TAGS = [CUE_TAG, 'i', 'b', 'u'];

/** A unit whose answer cannot say which cue each part belongs to, to be asked again cue by cue. */
interface Untrusted {
  item: PlannedUnit;
  problem: CueMarkupProblem;
  /** What the first answer cost: DeepL bills it whether it is used or not. */
  billedCharacters: number;
}

/** What an answer leaves to ask again: units cue by cue, units to their budgets. */
interface Answered {
  untrusted: Untrusted[];
  over: OverBudget[];
}

/** A unit whose placed draft is over its budget, held back until it is asked again. */
interface OverBudget {
  item: PlannedUnit;
  draft: Draft;
  diagnostics: Diagnostic[];
  budgets: readonly number[];
}

/** Speaker lines (opening with a dialogue dash) and italics of each cue's text: what a shorter draft must keep. */
/**
 * A request's units as a message names them: each of a few, else the first
 * and last and how many (units the memory held are not sent, so `5 to 9`
 * may be two of them).
 */
function unitsNamed(ids: readonly string[]): string {
  if (ids.length === 1) return `unit ${ids[0]}`;
  return ids.length <= 4 ? `units ${ids.join(', ')}` : `units ${ids[0]} to ${ids.at(-1)}, ${ids.length} of them`;
}

function sameShape(first: readonly TaggedText[], second: readonly TaggedText[]): boolean {
  const shape = (t: TaggedText) => `${(t.match(/(?:^|\n)\s*[-–—]/g) ?? []).length}${t.includes('<i>') ? 'i' : ''}`;
  return first.length === second.length && first.every((t, k) => shape(t) === shape(second[k]!));
}

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
 * dash, where a new sentence does start. Each part goes to the cue its `n`
 * names. When the elements cannot say that (one missing, doubled, invented
 * or emptied), the unit is asked again through the same limiter, one text per
 * cue with the whole unit as `context` (not billed); a cue DeepL still
 * answers nothing for keeps an empty target and a `translate/cue-unplaced`
 * warning. A text is never given to a cue by guessing.
 *
 * An answer with more or fewer translations than the request had texts, or
 * with one holding another text's protected elements (see answer-order.ts), is
 * rejected whole: which translation belongs to which text is unknown, so
 * nothing of it is delivered. It is not asked again here: DeepL billed it,
 * a proxy that altered it would most likely alter it again, and retries are
 * deepl-node's alone. It is a fatal error like the others.
 *
 * With a `gate`, each request waits there first (the rate and budget shared
 * by several workers) and tells it what DeepL billed; the gate refusing a
 * request (`DEEPL_BUDGET`) is a fatal error like a 456, but the requests
 * the gate let through before it are still sent.
 *
 * A request DeepL refuses (400) is asked again in halves (see askApart):
 * a unit DeepL refuses alone keeps empty targets and a
 * `translate/cue-unplaced` warning on each cue, and the call goes on.
 *
 * After a fatal error (456 quota, 403, unreachable server, an answer that
 * does not match its request, any other failure) no new request starts; the
 * ones in flight settle and deliver their drafts through `onBatch`; then the
 * promise rejects with the first error as a SublocError. 429 and 5xx are
 * retried by deepl-node alone.
 *
 * With `budgets`, for a target DeepL takes custom instructions for, each
 * request asks for concise subtitle wording (`quality_optimized`, which
 * custom instructions need) and each `<c>` element names its cue's budget as
 * `max`. A unit whose placed draft is still over its budget by more than
 * the tolerance (condense.ts) is held back; the units held back are asked
 * once more, in order, in batches planned as the first ones (DeepL's limits;
 * each request's context the neighbours of its first and last unit), each
 * as soon as the first requests up to its last unit are answered (the same
 * batches as if all were planned at the end), through the same limiter, with one
 * stricter instruction for every unit of the request: each `<c max>` is a
 * hard limit. Of a unit's two drafts, the shorter of those that keep the cue markup
 * (the second's elements place) and pass the glossary check (protected terms
 * restored whole, `glossaryFindings` none) is kept; when neither passes, the first. Only the kept draft is
 * delivered, with those of its second request, together; both requests are
 * billed and counted in its `billedCharacters`. A second request that fails
 * (or whose answer count does not match) delivers the first drafts, marked
 * `held`: the next run asks for them again (`firstDrafts`).
 * For another target the units are drafted as without budgets, and a unit
 * over its budget by more than the tolerance gets a `deepl/over-budget` warning.
 */
export async function translateUnits(
  connection: DeepLConnection,
  units: readonly Unit[],
  options: TranslateUnitsOptions,
): Promise<TranslateUnitsResult> {
  const prepared = prepareUnits(units, options);
  const glossaryId = await options.glossaryId;
  const resumes = (item: PlannedUnit) => prepared.budgets !== undefined && options.firstDrafts?.has(item.unit.id) === true;
  const plan = batchRequests(units, { ...prepared, items: prepared.items.filter((item) => !resumes(item)) }, glossaryId);
  const { source, target, requestOptions, items: toSend } = plan;
  const drafts = new Map<string, Draft>(plan.unsent.map((d) => [d.unitId, d]));
  const diagnostics: Diagnostic[] = [];
  const lanes = options.lanes ?? requestLanes(options.concurrency ?? 4);
  let failure: unknown;
  let failed = false;
  let billedCharacters = 0;
  let requests = 0;
  const fail = (error: unknown) => {
    if (!failed) failure = error;
    // Stopped by the user while a request was on its way, which then failed: the stop must not say its answer was stored.
    else if (failure instanceof SublocError && failure.code === 'INTERRUPTED' && failure.cause === undefined && !(error instanceof SublocError && error.code === 'INTERRUPTED')) failure = interruptedError(error);
    failed = true;
  };
  const budgetRefused = (error: unknown) => error instanceof SublocError && error.code === 'DEEPL_BUDGET';
  // Stopped by the user, or for a reason of the run's own (its memory lock lost), which is then the failure.
  const interrupted = () => fail(stoppedBy(options.stop!));
  if (options.stop?.aborted) interrupted();
  options.stop?.addEventListener('abort', interrupted, { once: true });

  /** A permit's bill told to the gate; a gate that cannot take it (its server gone) fails the run as DeepL would. */
  const settle = async (permit: DeepLPermit | undefined, billed: number) => {
    try {
      await permit?.settle(billed);
    } catch (error) {
      fail(error);
    }
  };

  /**
   * One request in `lane`, its answer checked against it; undefined once
   * anything failed. Only the request holds a place in the lanes: the
   * answer is read, checked and stored after the next request has left
   * (see RequestLanes), but for `readFirst`.
   */
  const send = (lane: Lane, sent: Omit<Sent, 'sendOptions'> & { sendOptions?: TranslateTextOptions }, readFirst?: () => boolean): Promise<TextResult[] | undefined> =>
    lanes.run(lane, request, { sendOptions: requestOptions, ...sent }, readFirst);
  let firstAnswersDue = plan.batches.length;
  /** The last answer of the first pass is read before its slot is given away: the second pass it starts should have it. */
  const lastFirstAnswer = () => --firstAnswersDue === 0;

  /** The glossary every request goes with: the plan's, until DeepL no longer has it and it is made again. */
  let glossary = glossaryId;
  const remade = new Map<string, Promise<string | undefined>>();
  /** Whether a request sent with the glossary `sent` failed for want of it and the glossary is there again: then it is sent once more. */
  const glossaryBack = async (error: unknown, sent: string | undefined): Promise<boolean> => {
    if (sent === undefined || options.glossaryGone === undefined || !mayBeGlossaryGone(error)) return false;
    // Another request of this call found it gone first: the one it made is the one to use.
    if (sent !== glossary) return true;
    if (!remade.has(sent)) remade.set(sent, options.glossaryGone(sent));
    const id = await remade.get(sent);
    if (id === undefined || id === sent) return false;
    if (glossary === sent) {
      glossary = id;
      await deliver([], [diagnostic(codes.glossaryRemade, 'warning', messages.glossaryRemade(connection.redact(connection.serverUrl)))]);
    }
    return true;
  };

  const request = async (sent: Sent, again = false, attempt = 1): Promise<TextResult[] | undefined> => {
    const { texts, unitIds, context, name, sendOptions } = sent;
    if (failed) return undefined;
    let permit: DeepLPermit | undefined;
    const reserved = billableAtMost(texts);
    try {
      permit = await options.gate?.acquire(reserved);
      // DeepL asked a request of the run to slow down (429): none leaves before the time it asked for.
      await lanes.clear(options.stop);
    } catch (error) {
      fail(error);
      return undefined;
    }
    // Another request may have failed while this one waited at the gate, or the run stopped while its units were
    // recorded as sent (its memory lock lost). One the budget refused leaves those that got their characters free to
    // go: they fit, and holding them back would leave the end of a budget unspendable.
    const mayLeave = () => !failed || budgetRefused(failure);
    let recorded = mayLeave();
    try {
      if (recorded) await options.onSending?.(unitIds, connection.timeoutMs);
    } catch (error) {
      fail(error);
      recorded = false;
    }
    if (!recorded || !mayLeave()) {
      await settle(permit, 0);
      return undefined;
    }
    let results: TextResult[];
    const withGlossary = sendOptions.glossary === undefined ? undefined : glossary;
    try {
      requests++;
      const asked = withGlossary === undefined || withGlossary === sendOptions.glossary ? sendOptions : { ...sendOptions, glossary: withGlossary };
      results = await heeding(() => connection.client.translateText(texts, source, target, context === undefined ? asked : { ...asked, context }));
    } catch (error) {
      // A request whose fate is unknown keeps its reservation: the shared budget must never fall short of DeepL's bill.
      await settle(permit, mayHaveBilled(error) ? reserved : 0);
      if (mayHaveBilled(error)) options.onMayHaveBilled?.(reserved);
      // Each attempt is made here (deepl-node tries once), behind the gate when there is one; none after a stop.
      if (attempt < connection.attempts && worthAnotherAttempt(error) && !failed) {
        // Not counted as billed (no answer says what DeepL billed), but said: the report's figure may fall short by it.
        if (mayHaveBilled(error)) await deliver([], [diagnostic(codes.sentAgain, 'warning', messages.sentAgain(`${options.pair.target}, ${name}`, reserved, connection.redact(connection.serverUrl)))]);
        const wait = retryDelayMs(attempt, error);
        if (askedToSlowDown(error)) lanes.hold(wait);
        await pause(wait, options.stop);
        return request(sent, again, attempt + 1);
      }
      let back = false;
      try {
        back = !again && (await glossaryBack(error, withGlossary));
      } catch (syncError) {
        fail(syncError);
        return undefined;
      }
      if (back) return request(sent, true);
      const failure = deeplFailure(error, connection, `${options.pair.target}, ${name}`);
      if (sent.refused !== undefined && refusedAsSent(error)) sent.refused(failure, refusalReason(error, connection));
      else fail(failure);
      return undefined;
    }
    // DeepL reports each text's billed characters; an answer that leaves them out or garbles them is counted as the
    // most the text can cost, so the report and a shared budget never fall short of the bill.
    results = results.map((r, i) => (Number.isSafeInteger(r.billedCharacters) && r.billedCharacters >= 0 ? r : { ...r, billedCharacters: billableAtMost([texts[i] ?? '']) }));
    const billed = results.reduce((n, r) => n + r.billedCharacters, 0);
    // Fewer translations than texts: DeepL most likely billed the texts left out too, and nothing says what; the
    // shared budget keeps their part of the reservation.
    const leftOut = results.length < texts.length ? Math.max(0, reserved - billed) : 0;
    options.onBilled?.(billed);
    await settle(permit, billed + leftOut);
    const url = () => connection.redact(connection.serverUrl);
    if (results.length !== texts.length) {
      if (results.length < texts.length) options.onMayHaveBilled?.(leftOut);
      fail(new SublocError('DEEPL_ANSWER_MISMATCH', messages.countMismatch(name, texts.length, results.length, url())));
      return undefined;
    }
    if (results.some((r) => typeof r.text !== 'string')) {
      fail(new SublocError('DEEPL_ANSWER_MISMATCH', messages.notText(name, url())));
      return undefined;
    }
    const misplaced = misplacedTranslation(texts, results.map((r) => r.text), plan.ignoreTags);
    if (misplaced !== undefined) {
      const { translation, of, items } = misplaced;
      fail(new SublocError('DEEPL_ANSWER_MISMATCH', messages.misplaced(name, texts.length, translation + 1, of + 1, items, url())));
      return undefined;
    }
    return results;
  };

  const deliver = async (batchDrafts: Draft[], batchDiagnostics: Diagnostic[]) => {
    for (const draft of batchDrafts) {
      drafts.set(draft.unitId, draft);
      billedCharacters += draft.billedCharacters;
    }
    diagnostics.push(...batchDiagnostics);
    try {
      await options.onBatch?.(batchDrafts, batchDiagnostics);
    } catch (error) {
      fail(error);
    }
  };

  const condense = plan.budgets === undefined ? undefined : { overBudgetFirst: 0, overBudgetSecond: 0, billedSecondPass: 0 };
  const runBatch = async (batch: Batch): Promise<Answered> => {
    const items = toSend.slice(batch.start, batch.end);
    let refusal: { failure: SublocError; said: string } | undefined;
    const results = await send('first', { ...sentOf(items, batch.context), refused: (failure, said) => (refusal = { failure, said }) }, lastFirstAnswer);
    if (results !== undefined) return readAnswer(items, results);
    if (refusal === undefined) return { untrusted: [], over: [] };
    return askApart(items, refusal.failure, refusal.said);
  };

  const sentOf = (items: readonly PlannedUnit[], context: string | undefined) => ({
    texts: items.map((p) => p.text),
    unitIds: items.map((p) => p.unit.id),
    context,
    name: unitsNamed(items.map((p) => p.unit.id)),
  });

  /** Whether DeepL answered a request sent with the first requests' parameters: then a refusal is about a text. */
  let answeredAny = false;
  let verdict: Promise<boolean> | undefined;
  /**
   * Whether DeepL takes requests sent with these parameters at all, for a
   * refusal no other answer tells about: asked once, with the one
   * character `1` (billed to `unit`'s draft). A refused probe: the refusal is
   * the request's (a parameter), not a text's.
   */
  const takesRequests = async (unitId: string): Promise<{ takes: boolean; billed: number }> => {
    if (answeredAny) return { takes: true, billed: 0 };
    let billed = 0;
    verdict ??= send('finishing', { texts: ['1'], unitIds: [unitId], context: undefined, name: `a probe of one character for unit ${unitId}`, refused: () => {} }).then((results) => {
      billed = results?.reduce((n, r) => n + r.billedCharacters, 0) ?? 0;
      return results !== undefined;
    });
    return { takes: await verdict, billed };
  };

  /**
   * The units of a request DeepL refused (400) asked again in halves, each
   * refused half in halves again, down to the units DeepL refuses alone:
   * those are left untranslated, a finding on each cue naming its source
   * and what DeepL said; the others are drafted. Depth first, the first
   * half first: a request refused for its parameters is refused in every
   * part, and once a unit alone is refused with no answer of DeepL's to say
   * otherwise, a probe tells (see takesRequests); then the call fails with
   * the first refusal as before, a few requests later.
   */
  const askApart = async (items: readonly PlannedUnit[], refusal: SublocError, said: string): Promise<Answered> => {
    const out: Answered = { untrusted: [], over: [] };
    const alone: { item: PlannedUnit; reason: string; billed: number }[] = [];
    let parameters = false;
    const leaf = async (item: PlannedUnit, reason: string) => {
      const { takes, billed } = await takesRequests(item.unit.id);
      if (takes) alone.push({ item, reason, billed });
      else parameters = true;
    };
    const split = async (part: readonly PlannedUnit[]): Promise<void> => {
      const mid = Math.ceil(part.length / 2);
      const halves = [part.slice(0, mid), part.slice(mid)];
      const reasons = await Promise.all(
        halves.map(async (half) => {
          let reason: string | undefined;
          const sent = { ...sentOf(half, plan.contextOf(half[0]!, half.at(-1)!)), refused: (_: SublocError, said: string) => (reason = said) };
          const results = await send('finishing', sent);
          if (results !== undefined) {
            const done = await readAnswer(half, results);
            out.untrusted.push(...done.untrusted);
            out.over.push(...done.over);
          }
          return reason;
        }),
      );
      for (const [k, reason] of reasons.entries()) {
        if (reason === undefined || parameters) continue;
        if (halves[k]!.length === 1) await leaf(halves[k]![0]!, reason);
        else await split(halves[k]!);
      }
    };
    if (items.length > 1) await split(items);
    else await leaf(items[0]!, said);
    if (parameters) {
      fail(refusal);
      return out;
    }
    // The second pass asks the units held in order.
    out.over.sort((a, b) => a.item.index - b.item.index);
    const found = alone.flatMap(({ item: { unit }, reason }) =>
      unit.source.map((text, k) => diagnostic(codes.unplaced, 'warning', messages.refusedText(unit.id, excerpt(plainOf(text).trim()), reason), { cueId: unit.cueIds[k] })),
    );
    if (alone.length > 0) await deliver(alone.map(({ item, billed }) => draftOf(item, item.unit.source.map(() => undefined), billed, [])), found);
    return out;
  };

  /** An answer's drafts placed and delivered; the units it leaves to ask again, cue by cue or to their budgets, returned. */
  const readAnswer = async (items: readonly PlannedUnit[], results: readonly TextResult[]): Promise<Answered> => {
    answeredAny = true;
    const placed: Draft[] = [];
    const found: Diagnostic[] = [];
    const untrusted: Untrusted[] = [];
    const over: OverBudget[] = [];
    items.forEach((item, i) => {
      const result = results[i]!;
      const split = splitOnCues(result.text, item.unit.source.length);
      if (!('parts' in split)) {
        untrusted.push({ item, problem: split.problem, billedCharacters: result.billedCharacters });
        return;
      }
      const own: Diagnostic[] = [];
      const draft = draftOf(item, split.parts, result.billedCharacters, own);
      const budgets = plan.budgets?.get(item.unit.id);
      if (budgets !== undefined && draft.targets !== null && overBudget(draft.targets, budgets, options.pair.target)) {
        over.push({ item, draft, diagnostics: own, budgets });
        return;
      }
      const unaimed = plan.budgets === undefined ? options.budgets?.get(item.unit.id) : undefined;
      if (unaimed !== undefined && draft.targets !== null && overBudget(draft.targets, unaimed, options.pair.target)) {
        const budget = unaimed.reduce((a, b) => a + b, 0);
        own.push(diagnostic(codes.overBudget, 'warning', messages.overBudget(item.unit.id, draftWidth(draft.targets, options.pair.target), budget, options.pair.target), { cueId: item.unit.cueIds[0] }));
      }
      placed.push(draft);
      found.push(...own);
    });
    if (placed.length > 0) await deliver(placed, found);
    if (over.length > 0) {
      try {
        await options.onHeld?.(over.map((o) => ({ ...o.draft, held: true as const })));
      } catch (error) {
        fail(error);
      }
    }
    return { untrusted, over };
  };

  const strictInstructions = [GENERAL_INSTRUCTION, ELEMENT_INSTRUCTION, STRICT_INSTRUCTION];
  /** Units still over budget, in order, planned into requests as the first pass is: each a run read between its first and last unit's neighbours. */
  const planSecondPass = (sorted: OverBudget[]) => {
    const batches = planBatches(
      sorted.map((o) => o.item.text),
      {
        fixedParams: plan.fixedParamsWith(strictInstructions),
        contextFor: (start, end) => plan.contextOf(sorted[start]!.item, sorted[end - 1]!.item),
        nameOf: (i) => `unit ${sorted[i]!.item.unit.id}`,
      },
    );
    return batches.map((batch) => ({ batch, held: sorted.slice(batch.start, batch.end) }));
  };

  const runSecondPass = async ({ batch, held }: { batch: Batch; held: OverBudget[] }) => {
    condense!.overBudgetFirst += held.length;
    const name = unitsNamed(held.map((h) => h.item.unit.id));
    // Refused (400), perhaps for its stricter instruction: the first drafts are drafts like any other, and the run goes on.
    let refused: string | undefined;
    const results = await send('finishing', {
      texts: held.map((o) => o.item.text),
      unitIds: held.map((o) => o.item.unit.id),
      context: batch.context,
      name: `${name}, to their budgets`,
      sendOptions: { ...requestOptions, customInstructions: strictInstructions },
      refused: (_, reason) => (refused = reason),
    });
    const kept = held.map(({ item, draft: first, diagnostics: firstFound, budgets }, i) => {
      const { unit } = item;
      let kept = { draft: first, found: firstFound };
      const result = results?.[i];
      if (result !== undefined) {
        condense!.billedSecondPass += result.billedCharacters;
        const split = splitOnCues(result.text, unit.source.length);
        if ('parts' in split) {
          const found: Diagnostic[] = [];
          const second = { draft: draftOf(item, split.parts, 0, found), found };
          const width = (d: Draft) => draftWidth(d.targets ?? [], options.pair.target);
          // A draft passes when its protected terms came back whole and the glossary check finds nothing in it.
          // and, for the second, when each cue keeps its speakers and its italics: shorter by dropping one is no condensing.
          const passes = ({ draft, found }: typeof kept) =>
            problems(found) === 0 && (options.glossaryFindings?.(unit, draft.targets ?? []) ?? 0) === 0 && (draft === first || sameShape(first.targets ?? [], draft.targets ?? []));
          const candidates = [kept, second].filter(passes);
          if (candidates.length > 0) kept = candidates.reduce((a, b) => (width(b.draft) < width(a.draft) ? b : a));
        }
        kept = { ...kept, draft: { ...kept.draft, billedCharacters: first.billedCharacters + result.billedCharacters } };
      }
      if (overBudget(kept.draft.targets ?? [], budgets, options.pair.target)) condense!.overBudgetSecond++;
      if (refused !== undefined) {
        const width = draftWidth(first.targets ?? [], options.pair.target);
        const said = messages.condenseRefused(unit.id, width, budgets.reduce((a, b) => a + b, 0), refused);
        kept = { ...kept, found: [...kept.found, diagnostic(codes.overBudget, 'warning', said, { cueId: unit.cueIds[0] })] };
      }
      return result === undefined ? { ...kept, draft: { ...kept.draft, held: true as const } } : kept;
    });
    // A failed second request still delivers the first drafts: they were billed, and they are drafts like any other.
    await deliver(
      kept.map((k) => k.draft),
      kept.flatMap((k) => k.found),
    );
  };

  const runCueByCue = async ({ item, problem, billedCharacters: billedBefore }: Untrusted) => {
    const { unit } = item;
    const found = [diagnostic(codes.askedPerCue, 'info', messages.askedPerCue(unit.id, problemText(problem, unit.source.length)), { cueId: unit.cueIds[0] })];
    const texts = unit.source.map((text, k) => item.cues[k]?.text ?? text);
    // A cue without words has nothing to translate: it keeps its text, as a unit without words does.
    const asked = texts.flatMap((text, k) => (hasText(text) ? [k] : []));
    const answers = new Map<number, TextResult>();
    const batches = planBatches(
      asked.map((k) => texts[k]!),
      { fixedParams: plan.fixedParams, contextFor: () => plan.plainSource(unit), nameOf: (i) => `cue ${unit.cueIds[asked[i]!]} of unit ${unit.id}` },
    );
    for (const batch of batches) {
      const results = await send('finishing', { texts: asked.slice(batch.start, batch.end).map((k) => texts[k]!), unitIds: [unit.id], context: batch.context, name: `unit ${unit.id}, cue by cue` });
      if (results === undefined) return;
      results.forEach((r, i) => answers.set(asked[batch.start + i]!, r));
    }
    const parts = texts.map((text, k) => {
      const answer = answers.get(k);
      if (answer === undefined) return text;
      if (hasText(answer.text)) return answer.text;
      found.push(diagnostic(codes.unplaced, 'warning', messages.unplaced(unit.id, problemText(problem, unit.source.length)), { cueId: unit.cueIds[k] }));
      return undefined;
    });
    const billed = [...answers.values()].reduce((n, r) => n + r.billedCharacters, billedBefore);
    await deliver([draftOf(item, parts, billed, found)], found);
  };

  // The units still over budget are asked again together, so they share requests as their first drafts did: in
  // the requests planning all of them at once makes. Planning is greedy, so a request that is full, or that the
  // next unit held could not join, is already what that plan would make: it leaves as soon as the first pass has
  // answered up to that unit, not when it has answered everything.
  const heldBy: (OverBudget[] | undefined)[] = plan.batches.map(() => undefined);
  const held: OverBudget[] = [];
  let answeredInOrder = 0;
  let planned = 0;
  const secondPass: Promise<void>[] = [];
  const askAgain = (firstPassDone: boolean) => {
    try {
      planAgain(firstPassDone);
    } catch (error) {
      // A held unit DeepL would refuse with the stricter instructions: the run fails once every request in flight has settled.
      fail(error);
    }
  };
  const planAgain = (firstPassDone: boolean) => {
    const before = held.length;
    while (answeredInOrder < heldBy.length && heldBy[answeredInOrder] !== undefined) held.push(...heldBy[answeredInOrder++]!);
    if (held.length === before && !firstPassDone) return;
    const requests = planSecondPass(held.slice(planned));
    const last = requests.at(-1);
    const open = !firstPassDone && last !== undefined && last.held.length < DEEPL_LIMITS.maxTexts;
    for (const request of open ? requests.slice(0, -1) : requests) {
      planned += request.held.length;
      secondPass.push(runSecondPass(request));
    }
  };

  if (plan.unsent.length > 0) await options.onBatch?.(plan.unsent, []);
  // Units an earlier run held are asked again first: their first answers are in hand.
  const resumed = prepared.items.filter(resumes).map((item): OverBudget => {
    const first: Draft = { unitId: item.unit.id, targets: [...options.firstDrafts!.get(item.unit.id)!], origin: 'machine', provider: 'deepl', billedCharacters: 0 };
    return { item, draft: first, diagnostics: [], budgets: plan.budgets!.get(item.unit.id) ?? [] };
  });
  if (resumed.length > 0) {
    try {
      secondPass.push(...planSecondPass(resumed).map(runSecondPass));
    } catch (error) {
      fail(error);
    }
  }
  await Promise.all(
    plan.batches.map((batch, b) =>
      runBatch(batch).then((done) => {
        heldBy[b] = done.over;
        askAgain(false);
        return Promise.all(done.untrusted.map(runCueByCue));
      }),
    ),
  );
  askAgain(true);
  await Promise.all(secondPass);
  options.stop?.removeEventListener('abort', interrupted);
  if (failed) throw failure;
  return {
    drafts: units.flatMap((u) => drafts.get(u.id) ?? []),
    diagnostics,
    billedCharacters,
    requests,
    ...(condense === undefined ? {} : { condense }),
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
  /** Every parameter of a request but `text` and `context`, as deepl-node sends them. */
  fixedParams: Param[];
  /** A unit's words without markup: the context it is sent in or sends. */
  plainSource(unit: Unit): string;
  /** The context of a request holding the units `first` to `last` (in order, not necessarily neighbours): the plain source of the unit before `first` and of the one after `last`. */
  contextOf(first: PlannedUnit, last: PlannedUnit): string | undefined;
  /** Per unit id, each cue's budget, when the units are drafted to their budgets (see translateUnits). */
  budgets: ReadonlyMap<string, readonly number[]> | undefined;
  /** `fixedParams` with these custom instructions instead of the plan's own. */
  fixedParamsWith(instructions: readonly string[]): Param[];
}

/** The units made ready to send, whatever the glossary: protected, their cues joined, the ones with no words set aside. */
interface PreparedUnits {
  source: SourceLanguageCode;
  target: TargetLanguageCode;
  ignoreTags: readonly string[];
  items: PlannedUnit[];
  unsent: Draft[];
  plain(unit: Unit | undefined): string;
  budgets: ReadonlyMap<string, readonly number[]> | undefined;
  instructions: readonly string[];
}

type PrepareOptions = Pick<TranslateUnitsOptions, 'pair' | 'protection' | 'budgets'>;

function prepareUnits(units: readonly Unit[], options: PrepareOptions): PreparedUnits {
  const source = deeplSource(options.pair.source);
  const target = deeplTarget(options.pair.target);
  const joiner = lineJoiner(options.pair.source);
  const ignoreTags = options.protection?.ignoreTags ?? [];
  const plain = (unit: Unit | undefined) => (unit === undefined ? '' : plainOf(unit.source.join(joiner)).trim());
  const budgets = options.budgets !== undefined && supportsCustomInstructions(options.pair.target) ? options.budgets : undefined;
  const instructions = budgets === undefined ? [] : [GENERAL_INSTRUCTION, ELEMENT_INSTRUCTION];

  const unsent: Draft[] = [];
  const items: PlannedUnit[] = [];
  units.forEach((unit, index) => {
    if (plain(unit) === '') {
      unsent.push({ unitId: unit.id, targets: [...unit.source], origin: 'machine', provider: 'deepl', billedCharacters: 0 });
      return;
    }
    const cues = unit.source.map((text) => options.protection?.prepare(text));
    const text = joinCues(unit.source.map((text, k) => cues[k]?.text ?? text), options.pair.source, budgets?.get(unit.id));
    items.push({ unit, index, cues, text });
  });
  return { source, target, ignoreTags, items, unsent, plain, budgets, instructions };
}

/** The prepared units in consecutive runs within DeepL's limits, each with its context, sent with `glossaryId`. */
function batchRequests(units: readonly Unit[], prepared: PreparedUnits, glossaryId: string | undefined): RequestPlan {
  const { source, target, ignoreTags, items, unsent, plain, budgets, instructions } = prepared;
  const requestOptions: TranslateTextOptions = {
    preserveFormatting: true,
    tagHandling: 'xml',
    nonSplittingTags: NON_SPLITTING_TAGS,
    ...(ignoreTags.length > 0 ? { ignoreTags: [...ignoreTags] } : {}),
    ...(glossaryId === undefined ? {} : { glossary: glossaryId }),
    // Custom instructions need the quality-optimized model (REFERENCE.md); DeepL refuses them with latency_optimized.
    ...(instructions.length > 0 ? { modelType: 'quality_optimized' as const, customInstructions: [...instructions] } : {}),
  };
  // The body deepl-node will send, but for `text` and `context` (utils.ts buildURLSearchParams, validateAndAppendTextOptions).
  const fixedParamsWith = (sent: readonly string[]): Param[] => [
    ['target_lang', target],
    ['source_lang', source],
    ...(glossaryId === undefined ? [] : [['glossary_id', glossaryId] as const]),
    ['show_billed_characters', '1'],
    ['preserve_formatting', '1'],
    ['tag_handling', 'xml'],
    ['non_splitting_tags', NON_SPLITTING_TAGS.join(',')],
    ...(ignoreTags.length > 0 ? [['ignore_tags', ignoreTags.join(',')] as const] : []),
    ...(sent.length > 0 ? [['model_type', 'quality_optimized'] as const] : []),
    ...sent.map((i) => ['custom_instructions', i] as const),
  ];
  const fixedParams = fixedParamsWith(instructions);
  const neighbours = (index: number, last: number) => {
    const context = [plain(units[index - 1]), plain(units[last + 1])].filter((t) => t !== '').join('\n');
    return context === '' ? undefined : context;
  };
  const batches = planBatches(
    items.map((p) => p.text),
    {
      fixedParams,
      contextFor: (start, end) => neighbours(items[start]!.index, items[end - 1]!.index),
      nameOf: (i) => `unit ${items[i]!.unit.id}`,
    },
  );
  return {
    source,
    target,
    requestOptions,
    ignoreTags,
    items,
    batches,
    unsent,
    fixedParams,
    plainSource: plain,
    contextOf: (first, last) => neighbours(first.index, last.index),
    budgets,
    fixedParamsWith,
  };
}

/**
 * The requests translateUnits will make, without making them: one text per
 * unit, consecutive runs within DeepL's limits, each with its context.
 */
export function planRequests(units: readonly Unit[], options: PrepareOptions & { glossaryId?: string }): RequestPlan {
  return batchRequests(units, prepareUnits(units, options), options.glossaryId);
}

/** A unit's parts, one per cue, restored and made tagged text; a cue without a part keeps an empty target. */
function draftOf(item: PlannedUnit, parts: readonly (string | undefined)[], billedCharacters: number, diagnostics: Diagnostic[]): Draft {
  const { unit } = item;
  const targets = parts.map((part, k) => {
    if (part === undefined) return '';
    const others = (list: readonly (string | undefined)[]) => list.filter((_, j) => j !== k).flatMap((x) => (x === undefined ? [] : [x]));
    const unitContext = { items: item.cues.flatMap((c, j) => (j === k || c === undefined ? [] : c.items)), translated: others(parts) };
    const restored = item.cues[k]?.restore(part, unitContext) ?? { text: part, diagnostics: [] };
    const cueId = unit.cueIds[k];
    diagnostics.push(...restored.diagnostics.map((d) => (d.cueId === undefined && cueId !== undefined ? { ...d, cueId } : d)));
    return toTaggedText(restored.text);
  });
  return { unitId: unit.id, targets, origin: 'machine', provider: 'deepl', billedCharacters };
}

/** Problems restoring a draft's protected terms (a term changed or lost), not mere notes. */
function problems(found: readonly Diagnostic[]): number {
  return found.filter((d) => d.severity !== 'info').length;
}

/** What was wrong with a unit's cue elements, for a message. */
function problemText(problem: CueMarkupProblem, count: number): string {
  const found = {
    missing: `no <c n="${problem.n}"> element`,
    duplicate: `two <c n="${problem.n}"> elements`,
    unknown: problem.n === undefined ? 'a <c> element without n' : `an invented <c n="${problem.n}"> element`,
    nested: 'a <c> element inside another',
    empty: `no words in <c n="${problem.n}">`,
  }[problem.kind];
  return `${found}, expected one <c n> element with words for each of its ${count} cue${count === 1 ? '' : 's'} (n from 0 to ${count - 1})`;
}
