import { createHash } from 'node:crypto';
import { GlossaryEntries, GlossaryNotFoundError, type MultilingualGlossaryInfo } from 'deepl-node';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Lang } from '../../model/track.js';
import type { DeepLConnection } from './client.js';
import { unbilled, type DeepLGate } from './gate.js';
import { deeplFailure } from './errors.js';
import { deeplGlossaryLanguage } from './languages.js';
import type { RequestLanes } from './request-lanes.js';
import { codes, messages } from './messages.js';

export interface GlossarySyncOptions {
  /** The film's title: glossaries are named `<prefix> <title> <contentHash>`. */
  title: string;
  sourceLang: Lang;
  targetLangs: readonly Lang[];
  /** Source term → target rendering for one target language. */
  entriesFor(target: Lang): Readonly<Record<string, string>>;
  /** Hash of the glossary content: a new hash means a new DeepL glossary. */
  contentHash: string;
  /** Marks the glossaries this tool made. @default 'subloc' */
  prefix?: string;
  /** Passed by each request (none is billed): the request rate shared with other processes. */
  gate?: DeepLGate;
  /** Aborted when the user stops the run: no request, and no attempt of one, leaves after it. */
  stop?: AbortSignal;
  /**
   * Leave this title's glossaries of other content on the server: for a run
   * whose own glossary another run deleted, which must not delete that run's
   * in turn. @default false
   */
  keepOthers?: boolean;
  /**
   * Create the glossaries while asking whether they exist (see syncGlossary):
   * for a run that has no reason to expect them on the server. @default false
   */
  makeAtOnce?: boolean;
  /** The run's requests in flight: the sync's take their turns in it, so the run keeps to its concurrency from the first request. */
  lanes?: RequestLanes;
  /** Told the glossary for each target as soon as it is known, before older versions are deleted. */
  onGlossaries?: (glossaries: Readonly<Record<Lang, string>>) => void;
}

export interface GlossarySyncResult {
  /**
   * The DeepL glossary to pass for each target language (as given) that has a
   * dictionary; a target not listed is translated without one.
   */
  glossaries: Record<Lang, string>;
  /** Whether every glossary needed already existed on the server. */
  reused: boolean;
  /** Ids of older glossaries of this title deleted. */
  deleted: string[];
  diagnostics: Diagnostic[];
}

/** DeepL refuses tabs, line breaks and control characters in terms (deepl-node `validateGlossaryTerm`). */
const INVALID_TERM = /[\u0000-\u001f\u0080-\u009f\u2028\u2029]/;

interface Dictionary {
  targets: Lang[];
  code: string;
  entries: Record<string, string>;
  /** The code and the sorted entries: two targets with the same fingerprint share one dictionary. */
  fingerprint: string;
}

/** A glossary to hold: its dictionaries and the name that says what they hold. */
interface NamedSet {
  set: Dictionary[];
  name: string;
}

/**
 * The glossaries this content needs, given which target codes DeepL takes
 * from the source: identical dictionaries shared, targets that share a code
 * but differ spread over further glossaries, and a diagnostic for each
 * target left without a dictionary or entry left out.
 */
function planSets(options: GlossarySyncOptions, prefix: string, sourceCode: string | undefined, supported: (code: string) => boolean): { sets: NamedSet[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const dictionaries: Dictionary[] = [];
  for (const target of options.targetLangs) {
    const code = deeplGlossaryLanguage(target);
    if (sourceCode === undefined || code === undefined || !supported(code)) {
      diagnostics.push(diagnostic(codes.pairUnsupported, 'info', messages.pairUnsupported(options.sourceLang, target)));
      continue;
    }
    const entries: Record<string, string> = {};
    for (const [s, t] of Object.entries(options.entriesFor(target))) {
      if (s.trim() === '' || t.trim() === '' || INVALID_TERM.test(s) || INVALID_TERM.test(t)) {
        diagnostics.push(diagnostic(codes.invalidEntry, 'warning', messages.invalidEntry(s, t)));
        continue;
      }
      entries[s] = t;
    }
    if (Object.keys(entries).length === 0) {
      diagnostics.push(diagnostic(codes.noEntries, 'info', messages.noEntries(target)));
      continue;
    }
    const fingerprint = JSON.stringify([code, Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
    const same = dictionaries.find((d) => d.fingerprint === fingerprint);
    if (same) same.targets.push(target);
    else dictionaries.push({ targets: [target], code, entries, fingerprint });
  }
  const sets = glossarySets(dictionaries).map((set) => ({ set, name: `${prefix} ${options.title} ${options.contentHash}.${setHash(set)}` }));
  return { sets, diagnostics };
}

/** Of glossaries of one name, the one every run keeps: the first made (then the lowest id), so two runs that each made one agree. */
function first(glossaries: readonly MultilingualGlossaryInfo[]): MultilingualGlossaryInfo | undefined {
  let kept: MultilingualGlossaryInfo | undefined;
  for (const g of glossaries) {
    const earlier = kept === undefined || g.creationTime.getTime() < kept.creationTime.getTime() || (g.creationTime.getTime() === kept.creationTime.getTime() && g.glossaryId < kept.glossaryId);
    if (earlier) kept = g;
  }
  return kept;
}

/**
 * Makes sure DeepL holds v3 multilingual glossaries for this content. A
 * glossary holds one dictionary per DeepL target code, but targets that share
 * a code (en-US, en-GB) may render terms differently: identical dictionaries
 * are shared, a differing one goes into a further glossary. Each glossary is
 * named by the hash of what it holds (`<prefix> <title> <contentHash>.<set>`),
 * so a glossary found by name always has the right entries and is reused as
 * it is; this tool's glossaries of an older content hash of the same title
 * are deleted. Pairs DeepL glossaries do not support, and targets without
 * entries, get no dictionary and a diagnostic.
 *
 * With `makeAtOnce`, the glossaries are created while the pairs and the list
 * are asked, as if DeepL took every pair subloc knows a glossary code for:
 * one round trip where finding out first takes two. One that turns out to
 * exist already, or that the pairs DeepL names do not call for, is deleted.
 */
export async function syncGlossary(connection: DeepLConnection, options: GlossarySyncOptions): Promise<GlossarySyncResult> {
  const { client } = connection;
  const prefix = options.prefix ?? 'subloc';
  const gated = <T>(request: () => Promise<T>): Promise<T> => unbilled(options.gate, request, { attempts: connection.attempts, stop: options.stop, lanes: options.lanes });
  const send = <T>(request: () => Promise<T>): Promise<T> => (options.lanes ? options.lanes.run('finishing', gated, request) : gated(request));
  const sourceCode = deeplGlossaryLanguage(options.sourceLang);
  const create = ({ set, name }: NamedSet): Promise<MultilingualGlossaryInfo> =>
    send(() =>
      client.createMultilingualGlossary(
        name,
        set.map((d) => ({ sourceLangCode: sourceCode!, targetLangCode: d.code, entries: new GlossaryEntries({ entries: d.entries }) })),
      ),
    );
  try {
    // Asked together: neither answer depends on the other, and each is a round trip before the first translation.
    const asked = Promise.all([send(() => client.getGlossaryLanguagePairs()), send(() => client.listMultilingualGlossaries())]);
    // A failed early create is no failure of the sync: the glossary is then made the usual way, and that failure counts.
    const early = (options.makeAtOnce ? planSets(options, prefix, sourceCode, () => true).sets : []).map((named) =>
      create(named).then(
        (made) => made,
        () => undefined,
      ),
    );
    const [pairs, listed] = await asked;
    const supported = new Set(pairs.map((p) => `${p.sourceLang.toLowerCase()}>${p.targetLang.toLowerCase()}`));
    const { sets, diagnostics } = planSets(options, prefix, sourceCode, (code) => supported.has(`${sourceCode}>${code}`));
    const madeEarly = (await Promise.all(early)).filter((g): g is MultilingualGlossaryInfo => g !== undefined);
    // The list may already show what this run has just made.
    const ours = new Set(madeEarly.map((g) => g.glossaryId));
    const existing = listed.filter((g) => !ours.has(g.glossaryId));
    const reused = sets.every(({ name }) => existing.some((g) => g.name === name));
    const made: MultilingualGlossaryInfo[] = await Promise.all(sets.map((named) => first([...existing, ...madeEarly].filter((g) => g.name === named.name)) ?? create(named)));
    const glossaries: Record<Lang, string> = {};
    const kept = new Set(made.map((g) => g.glossaryId));
    sets.forEach(({ set }, i) => {
      for (const d of set) for (const target of d.targets) glossaries[target] = made[i]!.glossaryId;
    });
    options.onGlossaries?.(glossaries);
    const older = options.keepOthers ? [] : existing.filter((g) => !kept.has(g.glossaryId) && isOlderVersion(g, prefix, options.title, options.contentHash));
    const unused = madeEarly.filter((g) => !kept.has(g.glossaryId));
    // Tidying up: a glossary that cannot be deleted is said, and the drafts the run bills meanwhile are not lost to it.
    const remove = (g: MultilingualGlossaryInfo): Promise<boolean> =>
      send(() => client.deleteMultilingualGlossary(g)).then(
        () => true,
        (error: unknown) => {
          if (error instanceof GlossaryNotFoundError) return true;
          diagnostics.push(diagnostic(codes.deleteFailed, 'warning', messages.deleteFailed(g.name, deeplFailure(error, connection).message)));
          return false;
        },
      );
    const [gone] = await Promise.all([Promise.all(older.map(remove)), Promise.all(unused.map(remove))]);
    const deleted = older.filter((_, i) => gone[i]).map((g) => g.glossaryId);
    return { glossaries, reused, deleted, diagnostics };
  } catch (error) {
    throw deeplFailure(error, connection);
  }
}

/** As few glossaries as the codes allow: the k-th dictionary of each target code goes into the k-th glossary. */
function glossarySets(dictionaries: readonly Dictionary[]): Dictionary[][] {
  const sets: Dictionary[][] = [];
  for (const d of dictionaries) {
    const free = sets.find((set) => set.every((other) => other.code !== d.code));
    if (free) free.push(d);
    else sets.push([d]);
  }
  return sets;
}

function setHash(set: readonly Dictionary[]): string {
  const fingerprints = set.map((d) => d.fingerprint).sort();
  return createHash('sha256').update(JSON.stringify(fingerprints)).digest('hex').slice(0, 12);
}

/**
 * `<prefix> <title> <hash>[.<set>]` with another content hash (no spaces in
 * it), so other titles that start alike, and the glossaries of this content
 * that a run with other target languages may be using, are left alone.
 */
function isOlderVersion(g: MultilingualGlossaryInfo, prefix: string, title: string, contentHash: string): boolean {
  const head = `${prefix} ${title} `;
  if (!g.name.startsWith(head)) return false;
  const version = g.name.slice(head.length);
  return /^\S+$/.test(version) && version.split('.')[0] !== contentHash;
}

/** Whether DeepL still holds the glossary `id`; a failure to ask is read as yes, so the failure that made the run ask stands. */
export async function glossaryExists(connection: DeepLConnection, id: string, gate?: DeepLGate, stop?: AbortSignal): Promise<boolean> {
  try {
    await unbilled(gate, () => connection.client.getMultilingualGlossary(id), { attempts: connection.attempts, stop });
    return true;
  } catch (error) {
    return !(error instanceof GlossaryNotFoundError);
  }
}
