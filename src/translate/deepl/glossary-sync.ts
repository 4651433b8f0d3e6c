import { GlossaryEntries, type MultilingualGlossaryDictionaryEntries, type MultilingualGlossaryInfo } from 'deepl-node';
import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Lang } from '../../model/track.js';
import type { DeepLConnection } from './client.js';
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
}

export interface GlossarySyncResult {
  /** Undefined when no target language has a dictionary. */
  glossaryId: string | undefined;
  /** The target languages (as given) the glossary has a dictionary for: pass `glossaryId` only for these. */
  targets: Lang[];
  /** Whether an existing glossary with this content hash was used. */
  reused: boolean;
  /** Ids of older glossaries of this title deleted. */
  deleted: string[];
  diagnostics: Diagnostic[];
}

/** DeepL refuses tabs, line breaks and control characters in terms (deepl-node `validateGlossaryTerm`). */
const INVALID_TERM = /[\u0000-\u001f\u0080-\u009f\u2028\u2029]/;

/**
 * Makes sure DeepL holds a v3 multilingual glossary for this content:
 * reuses the one named with the content hash (adding dictionaries for target
 * languages it lacks), else creates it; then deletes this tool's older
 * glossaries of the same title. Pairs DeepL glossaries do not support, and
 * targets without entries, get no dictionary and a diagnostic.
 */
export async function syncGlossary(connection: DeepLConnection, options: GlossarySyncOptions): Promise<GlossarySyncResult> {
  const { client } = connection;
  const prefix = options.prefix ?? 'subloc';
  const name = `${prefix} ${options.title} ${options.contentHash}`;
  const diagnostics: Diagnostic[] = [];
  try {
    const sourceCode = deeplGlossaryLanguage(options.sourceLang);
    const pairs = await client.getGlossaryLanguagePairs();
    const supported = new Set(pairs.map((p) => `${p.sourceLang.toLowerCase()}>${p.targetLang.toLowerCase()}`));

    const dictionaries: { target: Lang; dictionary: MultilingualGlossaryDictionaryEntries }[] = [];
    const seen = new Set<string>();
    for (const target of options.targetLangs) {
      const targetCode = deeplGlossaryLanguage(target);
      if (sourceCode === undefined || targetCode === undefined || !supported.has(`${sourceCode}>${targetCode}`)) {
        diagnostics.push(diagnostic(codes.pairUnsupported, 'info', messages.pairUnsupported(options.sourceLang, target)));
        continue;
      }
      // en-US and en-GB share one `en` dictionary: glossaries are not regional.
      if (seen.has(targetCode)) {
        dictionaries.push({ target, dictionary: dictionaries.find((d) => d.dictionary.targetLangCode === targetCode)!.dictionary });
        continue;
      }
      const entries = new GlossaryEntries();
      for (const [s, t] of Object.entries(options.entriesFor(target))) {
        if (s.trim() === '' || t.trim() === '' || INVALID_TERM.test(s) || INVALID_TERM.test(t)) {
          diagnostics.push(diagnostic(codes.invalidEntry, 'warning', messages.invalidEntry(s, t)));
          continue;
        }
        entries.add(s, t, true);
      }
      if (Object.keys(entries.entries()).length === 0) {
        diagnostics.push(diagnostic(codes.noEntries, 'info', messages.noEntries(target)));
        continue;
      }
      seen.add(targetCode);
      dictionaries.push({ target, dictionary: { sourceLangCode: sourceCode, targetLangCode: targetCode, entries } });
    }

    const existing = await client.listMultilingualGlossaries();
    const mine = existing.filter((g) => isOlderVersion(g, prefix, options.title, name));
    const wanted = unique(dictionaries.map((d) => d.dictionary));
    let glossary: MultilingualGlossaryInfo | undefined = existing.find((g) => g.name === name);
    const reused = glossary !== undefined;
    if (glossary !== undefined) {
      for (const dict of wanted) {
        const present = glossary.dictionaries.some(
          (d) => d.sourceLangCode.toLowerCase() === dict.sourceLangCode && d.targetLangCode.toLowerCase() === dict.targetLangCode,
        );
        if (!present) await client.replaceMultilingualGlossaryDictionary(glossary, dict);
      }
    } else if (wanted.length > 0) {
      glossary = await client.createMultilingualGlossary(name, wanted);
    }
    const deleted: string[] = [];
    for (const old of mine) {
      await client.deleteMultilingualGlossary(old);
      deleted.push(old.glossaryId);
    }
    return {
      glossaryId: glossary?.glossaryId,
      targets: glossary === undefined ? [] : dictionaries.map((d) => d.target),
      reused,
      deleted,
      diagnostics,
    };
  } catch (error) {
    throw deeplFailure(error, connection);
  }
}

/** `<prefix> <title> <hash>` with another hash (no spaces in it), so other titles that start alike are left alone. */
function isOlderVersion(g: MultilingualGlossaryInfo, prefix: string, title: string, current: string): boolean {
  const head = `${prefix} ${title} `;
  return g.name !== current && g.name.startsWith(head) && /^\S+$/.test(g.name.slice(head.length));
}

function unique(dicts: MultilingualGlossaryDictionaryEntries[]): MultilingualGlossaryDictionaryEntries[] {
  return [...new Set(dicts)];
}
