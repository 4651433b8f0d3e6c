import type { SourceGlossaryLanguageCode, SourceLanguageCode, TargetLanguageCode } from 'deepl-node';
import { SublocError } from '../../errors.js';
import { scriptOf } from '../../model/language.js';
import type { Lang } from '../../model/track.js';

/**
 * BCP 47 → DeepL codes, here and nowhere else (DESIGN.md). Codes are spelt
 * the way deepl-node spells them (`zh`, `zh-HANS`, `en-US`); DeepL reads
 * them case-insensitively.
 */

/** DeepL's fully supported languages (the ones with glossaries and tag handling), by ISO 639-1 code; Thai has no glossaries. */
const LANGUAGES = new Set([
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'he', 'hu', 'id', 'it', 'ja', 'ko', 'lt', 'lv', 'nb', 'nl',
  'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'uk', 'vi', 'zh',
]);
/** Norwegian without a written standard is read as Bokmål, DeepL's only Norwegian. */
const ALIASES: Record<string, string> = { no: 'nb', iw: 'he', in: 'id' };

interface Tag {
  language: string;
  region: string | undefined;
}

function parseTag(tag: Lang): Tag {
  const [first = '', ...rest] = tag.trim().split(/[-_]/);
  const raw = first.toLowerCase();
  const language = ALIASES[raw] ?? raw;
  const region = rest.find((s) => /^([A-Za-z]{2}|\d{3})$/.test(s));
  return {
    language,
    region: region?.toUpperCase(),
  };
}

function unsupported(tag: Lang, role: 'source' | 'target'): SublocError {
  return new SublocError(
    'DEEPL_LANGUAGE',
    `DeepL cannot translate ${role === 'source' ? 'from' : 'into'} \`${tag}\`: expected a BCP 47 tag of a language DeepL supports ` +
      `(such as zh-Hans, en-US, en-GB, fr-FR, de-DE, it-IT, es-ES, ja-JP, pt-BR)`,
  );
}

function supported(tag: Lang, role: 'source' | 'target'): Tag {
  const parsed = parseTag(tag);
  if (!LANGUAGES.has(parsed.language)) throw unsupported(tag, role);
  return parsed;
}

/** The source language: DeepL reads every variant of a language as one (`zh-Hant` → `zh`, `en-GB` → `en`). */
export function deeplSource(tag: Lang): SourceLanguageCode {
  return supported(tag, 'source').language as SourceLanguageCode;
}

/**
 * The target language. English and Portuguese must name a variant: bare `en`
 * becomes `en-US` and bare `pt` becomes `pt-PT`, the variant DeepL's own
 * deprecated `PT` meant. Chinese is `zh-HANS` unless the tag says Hant or a
 * Hant region; Spanish is `es-419` for `es-419` only.
 */
export function deeplTarget(tag: Lang): TargetLanguageCode {
  const { language, region } = supported(tag, 'target');
  switch (language) {
    case 'en':
      return region === 'GB' ? 'en-GB' : 'en-US';
    case 'pt':
      return region === 'BR' ? 'pt-BR' : 'pt-PT';
    case 'zh':
      return scriptOf(tag) === 'Hant' ? 'zh-HANT' : 'zh-HANS';
    case 'es':
      return region === '419' ? 'es-419' : 'es';
    default:
      return language as TargetLanguageCode;
  }
}

/** The glossary code of a language (glossaries are not regional), or undefined when DeepL has no glossaries for it. */
export function deeplGlossaryLanguage(tag: Lang): SourceGlossaryLanguageCode | undefined {
  const { language } = parseTag(tag);
  return LANGUAGES.has(language) && language !== 'th' ? (language as SourceGlossaryLanguageCode) : undefined;
}

/** REFERENCE.md: DeepL takes `custom_instructions` for these targets (any variant) only, and only with the quality-optimized model. */
const CUSTOM_INSTRUCTION_LANGUAGES = new Set(['de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'zh']);

/** Whether DeepL accepts custom instructions for a target language. */
export function supportsCustomInstructions(tag: Lang): boolean {
  return CUSTOM_INSTRUCTION_LANGUAGES.has(parseTag(tag).language);
}
