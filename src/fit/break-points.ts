import { languageProperties, primaryLanguage } from '../model/language.js';
import { breakWordsFor, JA_PARTICLES, NAME_PARTICLES, type BreakWords } from './break-words.js';
import { protectedRanges } from './protected-ranges.js';

export interface BreakPoint {
  /** End of the line before the break. */
  at: number;
  /** Start of the line after it: `at` plus the whitespace the break consumes. */
  resume: number;
  /**
   * How good a place this is, lower is better: 0 after a full stop, 1 after a
   * comma, 4 before a conjunction or preposition (or after a Japanese
   * particle), 5.5 any other word boundary, 7 leaving a conjunction or
   * preposition at the end of the line.
   */
  level: number;
}

/** Breakable spaces only: no-break spaces (U+00A0, U+2007, U+202F) hold what they join together. */
const SPACE = /[\t \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+/g;

const CLOSERS = /[)\]}»”’"'」』）】〕〉》]+$/u;
const SENTENCE_END = /[.?!…。！？．]$/u;
const CLAUSE_END = /[,;:—–，、；：]$/u;
const DASH = /^[-–—]+$/u;
const TRAILING_PUNCT = /[.,;:!?…»”")\]—–]$/u;
/** Never at the start of a line: closing punctuation, French spaced punctuation, Japanese small kana and marks (kinsoku). */
const NO_START = /^[)\]}»”’,;:!?%‰、。，．！？）」』】〕〉》ー・：；ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜]/u;
/** Never at the end of a line: opening punctuation. */
const NO_END = /[(\[{«“‘「『（【〔〈《]$/u;
const SYMBOL = /^[%‰€$£¥]$/u;
const CAPITAL = /^[("'«“‘¿¡[]*\p{Lu}/u;
const INITIAL = /^\p{Lu}\.$/u;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

function bare(token: string): string {
  return token
    .replace(/^[("'«“‘¿¡[]+/u, '')
    .replace(/[.,;:!?…»”")\]]+$/u, '')
    .replace(/’/g, "'")
    .toLowerCase();
}

/** The elided article a token starts with (`l'État` → `l'`), else the bare word. */
function head(token: string): string {
  const elided = /^\p{L}+['’]/u.exec(token);
  return elided ? elided[0].replace(/’/g, "'").toLowerCase() : bare(token);
}

const isCapital = (token: string | undefined): boolean => token !== undefined && CAPITAL.test(token);
/** A name part that the next word may continue: capitalised and not closing a clause (an initial `F.` still continues). */
const continuesName = (token: string | undefined): boolean =>
  isCapital(token) && (!TRAILING_PUNCT.test(token!) || INITIAL.test(token!));
const isParticle = (token: string | undefined): boolean =>
  token !== undefined && !TRAILING_PUNCT.test(token) && NAME_PARTICLES.has(token);
/** Two narrow letters or digits side by side: the inside of a Latin word or a number. */
const NARROW_WORD = /[\p{L}\p{N}]/u;
const isNarrowWordChar = (ch: string): boolean => ch.charCodeAt(0) < 0x1100 && NARROW_WORD.test(ch);

function insideName(tokens: readonly string[], i: number): boolean {
  const [before, left, right, after] = [tokens[i - 1], tokens[i]!, tokens[i + 1]!, tokens[i + 2]];
  if (continuesName(left) && (isCapital(right) || (isParticle(right) && isCapital(after)))) return true;
  return isParticle(left) && continuesName(before) && isCapital(right);
}

function forbidden(tokens: readonly string[], i: number, zeroWidth: boolean, japanese: boolean, words: BreakWords): boolean {
  const left = tokens[i]!;
  const right = tokens[i + 1]!;
  if (japanese && JA_PARTICLES.has(right)) return true; // a particle belongs to the word before it
  if (NO_START.test(right) || (zeroWidth && /^[…‥]/u.test(right)) || NO_END.test(left) || SYMBOL.test(right)) return true;
  if (i === 0 && !/[\p{L}\p{N}]/u.test(left)) return true; // a leading dialogue dash or quote stays with its words
  if (/\p{N}$/u.test(left) && /^\p{N}/u.test(right)) return true; // digit groups: "60 000"
  if (zeroWidth && isNarrowWordChar(left.at(-1)!) && isNarrowWordChar(right[0]!)) return true;
  if (words.titles.has(bare(left)) && isCapital(right)) return true;
  if (insideName(tokens, i)) return true;
  if (TRAILING_PUNCT.test(left)) return false;
  return words.determiners.has(bare(left)) || words.determinerPairs.has(`${bare(left)} ${head(right)}`);
}

function level(left: string, right: string, japanese: boolean, words: BreakWords): number {
  const closed = left.replace(CLOSERS, '');
  if (SENTENCE_END.test(closed)) return 0;
  if (CLAUSE_END.test(closed) || DASH.test(left)) return 1;
  if (japanese && JA_PARTICLES.has(left)) return 4;
  const before = bare(left);
  if (words.conjunctions.has(before) || words.prepositions.has(before)) return 7;
  const after = bare(right);
  if (words.conjunctions.has(after) || words.prepositions.has(after)) return 4;
  return 5.5;
}

function boundaries(text: string, language: string): Array<{ at: number; resume: number }> {
  const found: Array<{ at: number; resume: number }> = [];
  for (const m of text.matchAll(SPACE)) {
    const resume = m.index + m[0].length;
    if (m.index > 0 && resume < text.length) found.push({ at: m.index, resume });
  }
  // Scripts written without spaces between words: their word boundaries come from the ICU segmenter.
  if (languageProperties(language).spaced) return found;
  for (const { index } of segmenterFor(language).segment(text)) {
    if (index > 0 && !/\s/u.test(text[index - 1]!) && !/\s/u.test(text[index]!)) found.push({ at: index, resume: index });
  }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * Every place a single line of text may break, with how good a place it is.
 * Left out: breaks inside a protected phrase, after an article or title,
 * inside a name, a number or a Latin word, and before closing or after
 * opening punctuation.
 */
export function findBreakPoints(text: string, language: string, protectedPhrases: readonly string[]): BreakPoint[] {
  const raw = boundaries(text, language);
  if (raw.length === 0) return [];
  const tokens = raw.map((b, i) => text.slice(i === 0 ? 0 : raw[i - 1]!.resume, b.at));
  tokens.push(text.slice(raw.at(-1)!.resume));
  const words = breakWordsFor(language);
  const japanese = primaryLanguage(language) === 'ja';
  const ranges = protectedRanges(text, protectedPhrases, !languageProperties(language).spaced);
  const points: BreakPoint[] = [];
  raw.forEach(({ at, resume }, i) => {
    if (ranges.some(([start, end]) => start < at && resume < end)) return;
    if (forbidden(tokens, i, at === resume, japanese, words)) return;
    points.push({ at, resume, level: level(tokens[i]!, tokens[i + 1]!, japanese, words) });
  });
  return points;
}
