import type { Lang } from './track.js';

/** What the stages need to know about how a language is written. */
export interface LanguageProperties {
  /**
   * Words are separated by spaces, so two lines join with one (`아주 중요한 전화`);
   * Chinese, Japanese, Thai, Lao, Khmer and Burmese join with nothing.
   */
  spaced: boolean;
  /**
   * Written in full-width characters: subtitle guides count a half-width one
   * (Latin letters, digits, ASCII punctuation, half-width katakana) as 0.5
   * (Netflix partner help, "How is reading speed measured"; Netflix Korean
   * Timed Text Style Guide).
   */
  fullWidth: boolean;
  /**
   * Characters a line when no profile says otherwise (Netflix Timed Text
   * Style Guides: most languages 42, Simplified Chinese and Korean 16,
   * Japanese 13 horizontal).
   */
  charsPerLine: number;
}

const SPACED_LATIN: LanguageProperties = Object.freeze({ spaced: true, fullWidth: false, charsPerLine: 42 });
const UNSPACED: LanguageProperties = Object.freeze({ spaced: false, fullWidth: false, charsPerLine: 42 });

/** By primary subtag; a language not listed is written like English. */
const TABLE: Readonly<Record<string, LanguageProperties>> = Object.freeze({
  zh: Object.freeze({ spaced: false, fullWidth: true, charsPerLine: 16 }),
  ja: Object.freeze({ spaced: false, fullWidth: true, charsPerLine: 13 }),
  ko: Object.freeze({ spaced: true, fullWidth: true, charsPerLine: 16 }),
  th: UNSPACED,
  lo: UNSPACED,
  km: UNSPACED,
  my: UNSPACED,
});

/**
 * A language tag in the case RFC 5646 (2.1.1) recommends, with `-` between
 * subtags: `EN_us` → `en-US`, `ZH-HANS` → `zh-Hans`. Tags are compared and
 * kept in this one form, so a memory, a glossary and an output folder agree
 * on what other tools (`en_US` from OmegaT, `EN-US` from Trados) spell apart.
 */
export function canonicalLanguageTag(tag: Lang): Lang {
  let extension = false;
  return tag
    .trim()
    .split(/[-_]/)
    .map((subtag, i) => {
      const lower = subtag.toLowerCase();
      // After a singleton (`-u-`, `-x-`) every subtag is lower case.
      if (i === 0 || extension || subtag.length === 1) {
        extension ||= i > 0 && subtag.length === 1;
        return lower;
      }
      if (subtag.length === 2) return subtag.toUpperCase();
      if (subtag.length === 4 && /^[a-z]+$/i.test(subtag)) return lower[0]!.toUpperCase() + lower.slice(1);
      return lower;
    })
    .join('-');
}

/** Where Chinese is written in Traditional (else in Simplified) characters when a tag names no script. */
const CHINESE_SCRIPT_BY_REGION: Readonly<Record<string, string>> = { TW: 'Hant', HK: 'Hant', MO: 'Hant', CN: 'Hans', SG: 'Hans' };

/**
 * The script a tag names (`zh-Hant-HK` → `Hant`, `sr-Latn` → `Latn`), else
 * the one its region implies for Chinese (`zh-TW` → `Hant`, `zh-CN` →
 * `Hans`); undefined when neither says.
 */
export function scriptOf(tag: Lang): string | undefined {
  const [language, ...rest] = canonicalLanguageTag(tag).split('-');
  const named = rest.find((s) => /^[A-Z][a-z]{3}$/.test(s));
  if (named !== undefined || language !== 'zh') return named;
  const region = rest.find((s) => /^[A-Z]{2}$/.test(s));
  return region === undefined ? undefined : CHINESE_SCRIPT_BY_REGION[region];
}

/**
 * Whether two different tags may name one written variety: the same
 * language and script (named or implied) and no two different regions, as
 * `zh-CN` and `zh-Hans`, or `en` and `en-US`; not `en-US` and `en-GB`, nor
 * `zh-Hans` and `zh-TW`.
 */
export function oneVariety(a: Lang, b: Lang): boolean {
  const region = (tag: Lang) => canonicalLanguageTag(tag).split('-').slice(1).find((s) => /^([A-Z]{2}|\d{3})$/.test(s));
  const [ra, rb] = [region(a), region(b)];
  return primaryLanguage(a) === primaryLanguage(b) && scriptOf(a) === scriptOf(b) && (ra === undefined || rb === undefined || ra === rb);
}

/** The primary subtag, lower case: `zh-Hans` → `zh`. */
export function primaryLanguage(language: Lang): string {
  const dash = language.indexOf('-');
  return (dash === -1 ? language : language.slice(0, dash)).toLowerCase();
}

// Asked for every cue, line and break point: each tag is looked up once.
const byTag = new Map<Lang, LanguageProperties>();

export function languageProperties(language: Lang): LanguageProperties {
  let properties = byTag.get(language);
  if (properties === undefined) {
    properties = TABLE[primaryLanguage(language)] ?? SPACED_LATIN;
    byTag.set(language, properties);
  }
  return properties;
}

/** What goes between two lines of one sentence when they become one run of text. */
export function lineJoiner(language: Lang): string {
  return languageProperties(language).spaced ? ' ' : '';
}

/**
 * Code points that join the character before them into one that a viewer
 * sees (combining marks, variation selectors, emoji modifiers and joiners,
 * flag halves, Hangul jamo vowels and finals), or that are not seen at all
 * (direction marks, soft hyphens): where one occurs, text is counted by
 * grapheme cluster.
 */
const CLUSTERING = /[\p{M}\p{Cf}\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}\u1160-\u11FF\uD7B0-\uD7FF\uFF9E\uFF9F\u0E33\u0EB3]/u;
/**
 * Letters a grapheme cluster holds after its first that take a place of
 * their own on screen: the half-width voiced sound marks (`ｶﾞ` is two
 * half-width cells) and the Thai and Lao vowel AM. They count as they would
 * alone, so a text counts the same whichever way it is read.
 */
const SPACING_IN_CLUSTER = /[\uFF9E\uFF9F\u0E33\u0EB3]/gu;
const INVISIBLE = /^\p{Cf}+$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function characterWidth(character: string, fullWidth: boolean): number {
  if (!fullWidth) return 1;
  const code = character.charCodeAt(0);
  return code < 0x1100 || (code >= 0xff61 && code <= 0xffdc) ? 0.5 : 1;
}

function clusterWidth(cluster: string, fullWidth: boolean): number {
  if (INVISIBLE.test(cluster)) return 0;
  let width = characterWidth(cluster, fullWidth);
  for (const spacing of cluster.slice(1).matchAll(SPACING_IN_CLUSTER)) width += characterWidth(spacing[0], fullWidth);
  return width;
}

/**
 * The characters a viewer sees in the text (grapheme clusters: `é` written
 * as `e` and a combining accent is one, a family emoji of seven code points
 * is one), each with its UTF-16 length and its width as `textWidth` counts it.
 */
export function visibleCharacters(text: string, language: Lang): Array<{ length: number; width: number }> {
  const { fullWidth } = languageProperties(language);
  const out: Array<{ length: number; width: number }> = [];
  if (!CLUSTERING.test(text)) {
    for (const ch of text) out.push({ length: ch.length, width: characterWidth(ch, fullWidth) });
    return out;
  }
  for (const { segment } of graphemes.segment(text)) out.push({ length: segment.length, width: clusterWidth(segment, fullWidth) });
  return out;
}

/**
 * How wide a subtitler counts a run of text: every character a viewer sees
 * 1, spaces and punctuation included, direction marks and other invisible
 * characters 0; in a full-width language a half-width character 0.5.
 */
export function textWidth(text: string, language: Lang): number {
  if (CLUSTERING.test(text)) return visibleCharacters(text, language).reduce((sum, c) => sum + c.width, 0);
  if (!languageProperties(language).fullWidth) return [...text].length;
  let width = 0;
  for (const ch of text) width += characterWidth(ch, true);
  return width;
}
