import { createHash } from 'node:crypto';
import { GlossaryEntries, type MultilingualGlossaryInfo } from 'deepl-node';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Lang } from '../../model/track.js';
import type { DeepLConnection } from './client.js';
import type { DeepLGate } from './gate.js';
import { deeplFailure } from './errors.js';
import { deeplGlossaryLanguage } from './languages.js';
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
 */
export async function syncGlossary(connection: DeepLConnection, options: GlossarySyncOptions): Promise<GlossarySyncResult> {
  const { client } = connection;
  const prefix = options.prefix ?? 'subloc';
  const diagnostics: Diagnostic[] = [];
  /** A turn at the gate before a request: glossary requests count against DeepL's rate like any other, and bill nothing. */
  const gated = async <T>(request: () => Promise<T>): Promise<T> => {
    await (await options.gate?.acquire(0))?.settle(0);
    return request();
  };
  try {
    const sourceCode = deeplGlossaryLanguage(options.sourceLang);
    // Asked together: neither answer depends on the other, and each is a round trip before the first translation.
    const [pairs, existing] = await Promise.all([gated(() => client.getGlossaryLanguagePairs()), gated(() => client.listMultilingualGlossaries())]);
    const supported = new Set(pairs.map((p) => `${p.sourceLang.toLowerCase()}>${p.targetLang.toLowerCase()}`));

    const dictionaries: Dictionary[] = [];
    for (const target of options.targetLangs) {
      const code = deeplGlossaryLanguage(target);
      if (sourceCode === undefined || code === undefined || !supported.has(`${sourceCode}>${code}`)) {
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
    const reused = sets.every(({ name }) => existing.some((g) => g.name === name));
    const made: MultilingualGlossaryInfo[] = await Promise.all(
      sets.map(
        ({ set, name }) =>
          existing.find((g) => g.name === name) ??
          gated(() =>
            client.createMultilingualGlossary(
              name,
              set.map((d) => ({ sourceLangCode: sourceCode!, targetLangCode: d.code, entries: new GlossaryEntries({ entries: d.entries }) })),
            ),
          ),
      ),
    );
    const glossaries: Record<Lang, string> = {};
    const kept = new Set(made.map((g) => g.glossaryId));
    sets.forEach(({ set }, i) => {
      for (const d of set) for (const target of d.targets) glossaries[target] = made[i]!.glossaryId;
    });
    const older = existing.filter((g) => !kept.has(g.glossaryId) && isOlderVersion(g, prefix, options.title, options.contentHash));
    await Promise.all(older.map((old) => gated(() => client.deleteMultilingualGlossary(old))));
    const deleted = older.map((g) => g.glossaryId);
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
