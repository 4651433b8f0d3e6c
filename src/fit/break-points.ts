import { languageProperties, primaryLanguage } from '../model/language.js';
import { breakWordsFor, JA_PARTICLES, MONTHS, NAME_PARTICLES, ORDINAL_DOT, UNITS, type BreakWords } from './break-words.js';
import { protectedRanges } from './protected-ranges.js';

export interface BreakPoint {
  /** End of the line before the break. */
  at: number;
  /** Start of the line after it: `at` plus the whitespace the break consumes. */
  resume: number;
  /**
   * How good a place this is, lower is better: 0 after a full stop, 1 after a
   * comma, 2 at the space a Chinese or Japanese subtitler writes between
   * phrases, 3 before a conjunction, 4 after a Japanese particle or a verb's
   * continuative ending, 4.5 before a preposition (5 before one that mostly
   * joins two nouns, `of`, `de`), 5.5 any other word boundary, 6.5 between a
   * word and the preposition it takes (`más / de`), 7 leaving a conjunction
   * or preposition at the end of the line, a number before the noun it
   * counts, a word before the number, article or phrase it leads (`all /
   * 12`), or a German verb before its subject pronoun, 8 inside a Japanese
   * compound or before the hiragana ending of a Japanese word, 12 between two
   * capitalised words that may be a name (German, or a line in capitals),
   * `LAST_RESORT` inside a name or a glossary rendering: taken only when no
   * other layout fits.
   */
  level: number;
}

/** Breakable spaces only: no-break spaces (U+00A0, U+2007, U+202F) hold what they join together. */
const SPACE = /[\t \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+/g;

/** Closing marks after a sentence's end; German closes its quotes with `“`, `‘` and `«` (`„Hilfe!“`, `»Hilfe!«`). */
const CLOSERS = /[)\]}»”’"'“‘«」』）】〕〉》]+$/u;
const SENTENCE_END = /[.?!…。！？．؟۔]$/u;
const CLAUSE_END = /[,;:—–，、；：،؛]$/u;
const DASH = /^[-–—]+$/u;
const TRAILING_PUNCT = /[.,;:!?…»”“‘«")\]—–]$/u;
/**
 * Never at the start of a line: closing punctuation, French spaced punctuation, Japanese small kana and marks (kinsoku).
 * A quote mark written against the word after it opens a quote there (German `»Hilfe!«`, Swedish `”Hej”`).
 */
const NO_START = /^(?:[»”’](?![\p{L}\p{N}])|[)\]},;:!?%‰、。，．！？）」』】〕〉》］｝〙〗〟｠｣ー・：；ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜～‼⁇⁈⁉ゝゞヽヾ〻])/u;
/**
 * Never at the end of a line: opening punctuation. A quote mark written against the word before it closes
 * a quote there (German `„Hilfe!“`, `»Hilfe!«`): only one that stands alone or after another opening mark opens one.
 */
const NO_END = /(?:^|[\s(\[{«“‘„‚])[«“‘„‚]+$|[(\[{「『（【〔〈《［｛〘〖〝｟｢]$/u;
const SYMBOL = /^[%‰€$£¥]$/u;
const CAPITAL = /^[("'«“‘„‚»¿¡[]*\p{Lu}/u;
const INITIAL = /^\p{Lu}\.$/u;

/**
 * Counters and units that follow a number in Chinese and Japanese (`8時`,
 * `1階`, `3か月`, `200元`, `六万个`, `3层`), and what qualifies a counted
 * number (`200回以上`, `3メートル余り`): a line never breaks between them.
 */
const COUNTER_START =
  /^(?:[時分秒階回人个個件年月日号號台歳才円元万萬億亿千百十戸世帯週度倍番位枚本冊匹頭杯軒棟栋歩部名家所项項条條辆輛次层層楼樓岁歲块塊米天周户戶座张張间間期届屆代章节節页頁行点點种種遍只隻场場份封双雙套斤亩畝趟顿頓%％‰]|か月|ヶ月|カ月|キロ|メートル|センチ|ミリ|グラム|トン|ドル|ユーロ|パーセント|公里|公斤|小时|小時|分钟|分鐘|以上|以下|以内|以內|未満|余り|あまり|多|余|餘)/u;
/**
 * A number's last character and the counters, units and qualifiers after it
 * (`3か月以上`, `三个多月`, `二年余り`), found in the text itself: ICU may
 * join a numeral to the word before it (`了三|个`), so tokens cannot tell.
 */
const COUNTED = new RegExp(`(?:\\p{Nd}|[〇零一二两兩三四五六七八九十百千万萬亿億兆])[多余餘几幾]?(?:${COUNTER_START.source.slice(1)})+`, 'gu');
/** Prefixes of a number: `第3回`, `約60`, `计127`, `零下5度`, `负3`. */
const NUMBER_PREFIX = /(?:[第約约計计共毎每负負]|零下)$/u;
/** A Chinese or Japanese numeral character: a figure written so (`一千二百三十四`) is as whole as one in digits. */
const CJK_NUMERAL = '〇零一二两兩三四五六七八九十百千万萬亿億兆';
const STARTS_NUMERAL = new RegExp(`^(?:\\p{N}|[${CJK_NUMERAL}])`, 'u');
const ENDS_NUMERAL = new RegExp(`(?:\\p{N}|[${CJK_NUMERAL}])$`, 'u');
/** An hour before its minutes (`十一時三十五分`, `7点30分`). */
const ENDS_HOUR = new RegExp(`(?:\\p{N}|[${CJK_NUMERAL}])[時时点點]$`, 'u');
/** A full-width figure's separators (`０１０－１２３４`, `１２，３４５`, `５．５`): between digits they hold it together, as half-width ones do. */
const FULL_WIDTH_JOINER = /[－．，：／]/u;
const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{N}/u.test(ch);

/** Whether a break at `at` (text going on at `resume`) falls next to a separator inside a figure. */
function splitsFigure(text: string, at: number, resume: number): boolean {
  const [before, last, next, after] = [text[at - 2], text[at - 1], text[resume], text[resume + 1]];
  return (isDigit(before) && FULL_WIDTH_JOINER.test(last ?? '') && isDigit(next)) || (isDigit(last) && FULL_WIDTH_JOINER.test(next ?? '') && isDigit(after));
}
/** Two sides of a Japanese compound written in kanji or katakana (`通話ホール`, `駐車枠`): a break inside one is the last resort. */
const COMPOUND_SIDE = /[\p{Script=Han}\p{Script=Katakana}ー]/u;
const HIRAGANA_START = /^\p{Script=Hiragana}/u;
/**
 * A verb's continuative ending (`ふさがれ`, `して`, `書き`) before a word in kanji: a clause ends there, as at a
 * comma (連用中止). Not `い` or `な`, which end an adjective before its noun (`新しい家`, `静かな町`).
 */
const CONTINUATIVE_END = /[きしちにびみりぎれけべめえせてでねへ]$/u;
const KANJI_START = /^\p{Script=Han}/u;

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
    .replace(/^[("'«“‘„‚»¿¡[]+/u, '')
    .replace(/[.,;:!?…»”“‘«")\]]+$/u, '')
    .replace(/’/g, "'")
    .toLowerCase();
}

/** The elided article a token starts with (`l'État` → `l'`), else the bare word (`bareToken`, its `bare`). */
function head(token: string, bareToken: string): string {
  const elided = /^\p{L}+['’]/u.exec(token);
  return elided ? elided[0].replace(/’/g, "'").toLowerCase() : bareToken;
}

const isCapital = (token: string | undefined): boolean => token !== undefined && CAPITAL.test(token);
/** A name part that the next word may continue: capitalised and not closing a clause (an initial `F.` still continues). */
const continuesName = (token: string | undefined): boolean =>
  isCapital(token) && (!TRAILING_PUNCT.test(token!) || INITIAL.test(token!));
const isParticle = (token: string | undefined): boolean =>
  token !== undefined && !TRAILING_PUNCT.test(token) && NAME_PARTICLES.has(token);
/**
 * A half-width character of a script written with spaces (below Thai, U+0E00),
 * not a space: two side by side are inside one Latin word, number or address.
 * Thai, Lao and Burmese are written without spaces: their word boundaries are breaks.
 */
const isNarrowChar = (ch: string): boolean => ch.charCodeAt(0) < 0x0e00 && !/\s/u.test(ch);
/** Marks written twice as one (`——`, `――`, `……`). */
const PAIRED = /[—―─…‥]/u;

function insideName(tokens: readonly string[], i: number): boolean {
  const [before, left, right, after] = [tokens[i - 1], tokens[i]!, tokens[i + 1]!, tokens[i + 2]];
  if (continuesName(left) && (isCapital(right) || (isParticle(right) && isCapital(after)))) return true;
  return isParticle(left) && continuesName(before) && isCapital(right);
}

/** Between two capitalised words where capitals do not mark names: the last resort before a line that does not fit. */
const MAYBE_NAME = 12;
/**
 * Inside a name or a glossary rendering: worse than the most uneven layout
 * other breaks can make in as many lines (a line's shape costs at most 10
 * levels, see choose-lines.ts), so it is taken only when no layout of those
 * lines fits without it (and `fitCue` tries one more line first), and beats
 * a line too long for the screen.
 */
export const LAST_RESORT = 1000;

/** A number as a whole token (`20`, `60,000`, `3.5`, a clock's `10:30`, a sign's `-5`, an amount's `$5`), and one written as an ordinal with a dot (`12.`). */
const NUMBER = /^[-−+]?[$€£¥]?\p{N}[\p{N}.,:]*$/u;
/** Months, as `UNITS` lists them after a number, that come before one in English (`March 12`). */
const MONTH_BEFORE_NUMBER = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
/**
 * A word shortened with a dot, which ends no sentence: a single letter
 * (`z.`, `B.`, `d.`), letters with dots inside (`U.S.`, `e.g.`), or one of the
 * abbreviations that lead a number (`No.`, `Nr.`, `Art.`).
 */
const ABBREVIATION = /^(?:\p{L}\.|\p{L}+\.(?:\p{L}+\.)+|no\.|nr\.|nº\.|art\.|abs\.|ca\.|vol\.|p\.|pp\.)$/iu;
const NUMBER_LEAD = /^(?:no|nr|nº|art|abs|vol|p|pp)\.$/iu;
const ORDINAL = /^\p{N}{1,3}\.$/u;

function forbidden(tokens: readonly string[], bares: readonly string[], i: number, zeroWidth: boolean, japanese: boolean, ordinalDot: boolean, words: BreakWords): boolean {
  const left = tokens[i]!;
  const right = tokens[i + 1]!;
  const bareLeft = bares[i]!;
  if (NUMBER.test(bareLeft) && UNITS.has(bares[i + 1]!)) return true; // `20 km`, `10:30 p.m.`, `12 mars`
  if (left === 'h' && NUMBER.test(tokens[i - 1] ?? '') && /^\p{N}{2}\b/u.test(right)) return true; // French `12 h 30`, not `8 h, 200`
  // `12 de marzo`: a date joined by a preposition is as whole as `12 mars`.
  if (NUMBER.test(bareLeft) && words.prepositions.has(bares[i + 1]!) && UNITS.has(bares[i + 2] ?? '')) return true;
  if (NUMBER.test(bares[i - 1] ?? '') && words.prepositions.has(bareLeft) && UNITS.has(bares[i + 1]!)) return true;
  if (ordinalDot && ORDINAL.test(left)) return true; // `am 12. März`: the ordinal belongs to its noun
  if (japanese && JA_PARTICLES.has(right)) return true; // a particle belongs to the word before it
  if (NO_START.test(right) || (zeroWidth && /^[…‥]/u.test(right)) || NO_END.test(left) || SYMBOL.test(right)) return true;
  if (i === 0 && !/[\p{L}\p{N}]/u.test(left)) return true; // a leading dialogue dash or quote stays with its words
  if (/\p{N}$/u.test(left) && /^\p{N}/u.test(right)) return true; // digit groups: "60 000"
  if (MONTH_BEFORE_NUMBER.has(bareLeft) && NUMBER.test(bares[i + 1]!.replace(/(?:st|nd|rd|th)$/u, ''))) return true; // `March 12`
  if (NUMBER_LEAD.test(left) && /^\p{N}/u.test(right)) return true; // `No. 5`
  if (/^\p{L}\.$/u.test(left) && /^\p{L}\.$/u.test(right)) return true; // `z. B.`, `d. h.`
  if (zeroWidth && NUMBER_PREFIX.test(left) && STARTS_NUMERAL.test(right)) return true;
  if (zeroWidth && ENDS_NUMERAL.test(left) && STARTS_NUMERAL.test(right)) return true; // `一千二百三十四`
  if (zeroWidth && ENDS_HOUR.test((tokens[i - 1] ?? '') + left) && STARTS_NUMERAL.test(right)) return true; // `十一時三十五分`
  // Between Chinese or Japanese characters: a half-width run (`iPhone`, `03-1234-5678`, `COVID-19`, a web address) stays whole, and so does a two-em dash or ellipsis (`——`, `……`).
  if (zeroWidth && isNarrowChar(left.at(-1)!) && isNarrowChar(right[0]!)) return true;
  if (zeroWidth && PAIRED.test(right[0]!) && left.at(-1) === right[0]) return true;
  if (words.titles.has(bareLeft) && isCapital(right)) return true;
  if (TRAILING_PUNCT.test(left)) return false;
  const next = bares[i + 1]!;
  // Before a preposition, a conjunction or an article a determiner's word is a pronoun (`called her / at the office`).
  const pronoun = words.prepositions.has(next) || words.conjunctions.has(next) || words.determiners.has(next);
  return (words.determiners.has(bareLeft) && !pronoun) || words.determinerPairs.has(`${bareLeft} ${head(right, next)}`);
}

/** A figure that names or dates rather than counts: a code or phone number of five digits or more written without groups (`12345`, where a count writes `12,345`), or a clock time (`10:30`). */
const NAMING_FIGURE = /^(?:\p{N}{5,}|\p{N}{1,2}:\p{N}{2})$/u;
const YEAR = /^[12]\p{N}{3}$/u;
const YEAR_WORDS: ReadonlySet<string> = new Set(['year', 'jahr', 'année', 'año', 'anno']);

/**
 * Whether the number `bares[i]` may count what follows it (`drei Runden`,
 * `12 households`). It counts nothing where it names or dates: a code or a
 * clock time (`NAMING_FIGURE`), a year after a month, a preposition or the
 * word year (`September 2021`, `in 2019`, `im Jahr 2021`), an hour after a
 * clock word (`um 7`).
 */
function mayCount(bares: readonly string[], i: number, words: BreakWords): boolean {
  const [previous, number] = [bares[i - 1] ?? '', bares[i]!];
  if (NAMING_FIGURE.test(number)) return false;
  if (YEAR.test(number) && (MONTHS.has(previous) || words.prepositions.has(previous) || YEAR_WORDS.has(previous))) return false;
  return !(words.clockWords.has(previous) && /^\p{N}{1,2}$/u.test(number) && Number(number) <= 24);
}

/** How good a place the break between `tokens[i]` and `tokens[i + 1]` is (see `BreakPoint.level`). */
function level(tokens: readonly string[], bares: readonly string[], i: number, separator: string, japanese: boolean, unspaced: boolean, words: BreakWords): number {
  const [left, right, before, after] = [tokens[i]!, tokens[i + 1]!, bares[i]!, bares[i + 1]!];
  const closed = left.replace(CLOSERS, '');
  if (SENTENCE_END.test(closed) && !ABBREVIATION.test(closed)) return 0;
  if (CLAUSE_END.test(closed) || DASH.test(left)) return 1;
  // The space a Chinese or Japanese subtitler writes between phrases in place of a comma: full-width, or
  // half-width between two full-width characters (Netflix's Japanese guide writes one for `、`).
  if (separator.includes('\u3000') || (unspaced && separator !== '' && !isNarrowChar(left.at(-1)!) && !isNarrowChar(right[0]!))) return 2;
  if (japanese && JA_PARTICLES.has(left)) return 4;
  if (japanese && separator === '' && CONTINUATIVE_END.test(left) && KANJI_START.test(right)) return 4;
  if (japanese && separator === '' && COMPOUND_SIDE.test(left.at(-1)!) && COMPOUND_SIDE.test(right[0]!)) return 8;
  // Hiragana after anything but a particle: the ending or auxiliary of the word before (`ふさ|がれ`, `送|れない`).
  if (japanese && separator === '' && HIRAGANA_START.test(right)) return 8;
  if (words.conjunctions.has(before) || words.prepositions.has(before)) return 7;
  if (TRAILING_PUNCT.test(left)) return phraseStart(bares, i + 1, words);
  // `más / de 100`, `have / to`: the preposition or conjunction belongs to the word before it.
  if (words.boundPairs.has(`${before} ${head(right, after)}`)) return 6.5;
  const functionWord = words.conjunctions.has(after) || words.prepositions.has(after) || words.determiners.has(after);
  // `all / 12 households`, `tous / les`: what leads a number or an article leads its noun too.
  if (words.quantifiers.has(before) && (NUMBER.test(after) || words.numbers.has(after) || words.determiners.has(after))) return 7;
  if (words.focusWords.has(before)) return 7;
  // A number before the noun it counts (`drei / Runden`); before a function word (`in 2019 / the`) it may end a line.
  if (separator !== '' && (NUMBER.test(before) || words.numbers.has(before)) && !functionWord && mayCount(bares, i, words)) return 7;
  if (words.subjectPronouns.has(after)) return 7;
  return phraseStart(bares, i + 1, words);
}

/**
 * A break before `bares[j]`: before a conjunction a clause starts (3), unless
 * the conjunction is an adverb there (`so much`); before a preposition a
 * phrase (4.5: the preposition may still be one the verb before takes,
 * `agree with`), unless it is one that mostly joins a noun to the one
 * before it (5); else a plain word boundary (5.5).
 */
function phraseStart(bares: readonly string[], j: number, words: BreakWords): number {
  const after = bares[j]!;
  if (words.conjunctions.has(after)) return words.boundPairs.has(`${after} ${bares[j + 1] ?? ''}`) ? 5.5 : 3;
  if (!words.prepositions.has(after)) return 5.5;
  return words.nounLinks.has(after) ? 5 : 4.5;
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

/** The dash a dialogue line opens with (`- `, `-`, `– `, Spanish `—`), its text right after it. */
const OPENING_DASH = /^\s*([-–—])(?=\s\S|[^\s\-–—])/u;
/** A dash before a figure, which may be its sign (`-5 °C`) as well as a speaker's. */
const SIGN = /^\s*[-–—]\d/u;
/**
 * Space before a dash that opens a speaker's words; none after a Chinese or Japanese full stop (`-在哪个区？-东城区。`).
 * A figure may follow it (`-¿Qué piso? -12, el último.`): in a dialogue, a dash after a turn's end is the next speaker's.
 */
const SPEAKER_DASH = /(?:[\t \u3000]+|(?<=[。！？]))(?=([-–—])(?:\s\S|[^\s\-–—]))/gu;

const TURN_CLOSERS = '[)\\]}»”’"\'“‘«」』）】〕〉》]*$';
/** What a speaker's words end with before the next speaker's dash: a sentence's end, or a dash that cuts them off (`to-`, `to—`). */
const TURN_END = new RegExp(`(?:[.?!…。！？．]|\\S[-–—])${TURN_CLOSERS}`, 'u');
/** A sentence's end, the only end of a turn where the text itself may not be a dialogue. */
const SENTENCE_TURN_END = new RegExp(`[.?!…。！？．]${TURN_CLOSERS}`, 'u');

/** A speaker's words that go on after a dash: a lower-case word (`- I did - twice - but`), or a figure it is the sign of (`- Cold, -5 at night`). */
const GOES_ON = /^[-–—](?:\s?\p{Ll}|\d)/u;
/** A speaker's first words after the dash: a capital, or a letter of a script without case, after any opening mark (`-That much?`, `- ¿Sin ascensor?`). */
const TURN_START = /^[-–—]\s?[¿¡«„‚"“‘(]*[\p{Lu}\p{Lo}]/u;

/**
 * Where a dialogue written on one line (`- Where to? - The office.`) breaks:
 * before each later speaker's dash, the same dash the text opens with. A dash
 * after words that end no sentence and are not cut off, before a lower-case
 * word or a figure, is inside one speaker's words (`- I did - twice - but no
 * one came`, `- Cold, -5 at night`), and no break. A text that opens with a
 * dash before a figure (`-200 yuan a month. -That much?`), which may be a
 * minus sign, or with no dash (`Which floor? - The sixth.`, only the second
 * speaker marked), is a dialogue only where a dash after a sentence's end
 * opens a speaker's capitalised words; `-5 °C today, -10 °C tomorrow.` is none.
 */
export function speakerBreaks(text: string): BreakPoint[] {
  const opening = OPENING_DASH.exec(text)?.[1];
  const sure = opening !== undefined && !SIGN.test(text);
  let dash = opening;
  const points: BreakPoint[] = [];
  for (const m of text.matchAll(SPEAKER_DASH)) {
    const end = m.index + m[0].length;
    const [before, after] = [text.slice(0, m.index), text.slice(end)];
    const turn = sure ? TURN_END.test(before) || !GOES_ON.test(after) : SENTENCE_TURN_END.test(before) && TURN_START.test(after);
    if (m.index === 0 || !turn) continue;
    dash ??= m[1];
    if (m[1] === dash) points.push({ at: m.index, resume: end, level: 0 });
  }
  return points;
}

/**
 * Every place a single line of text may break, with how good a place it is.
 * Inside a protected phrase or a name only as the last resort. Left out:
 * breaks after an article or title, inside a number or a Latin word,
 * between a number and its unit or month, after an ordinal written with a
 * dot, and before closing or after opening punctuation.
 */
export function findBreakPoints(text: string, language: string, protectedPhrases: readonly string[]): BreakPoint[] {
  const raw = boundaries(text, language);
  if (raw.length === 0) return [];
  const tokens = raw.map((b, i) => text.slice(i === 0 ? 0 : raw[i - 1]!.resume, b.at));
  tokens.push(text.slice(raw.at(-1)!.resume));
  const words = breakWordsFor(language);
  const japanese = primaryLanguage(language) === 'ja';
  const ordinalDot = ORDINAL_DOT.has(primaryLanguage(language));
  // Capitals mark names only where other words are lower case: German capitalises every noun, and a line in capitals says nothing.
  const capitalNames = primaryLanguage(language) !== 'de' && /\p{Ll}/u.test(text);
  const unspaced = !languageProperties(language).spaced;
  const ranges = protectedRanges(text, protectedPhrases, unspaced);
  // Each token bared once: the rules ask about both sides of every break.
  const bares = tokens.map(bare);
  const points: BreakPoint[] = [];
  const counted = unspaced ? [...text.matchAll(COUNTED)].map((m) => [m.index, m.index + m[0].length] as const) : [];
  raw.forEach(({ at, resume }, i) => {
    if (counted.some(([start, end]) => start < at && at < end)) return;
    if (at === resume && splitsFigure(text, at, resume)) return;
    if (forbidden(tokens, bares, i, at === resume, japanese, ordinalDot, words)) return;
    const own = level(tokens, bares, i, text.slice(at, resume), japanese, unspaced, words);
    // A name or a rendering longer than a line is split rather than left on a line the screen cannot hold.
    const whole = ranges.some(([start, end]) => start < at && resume < end) || (capitalNames && insideName(tokens, i));
    // Where capitals may be nouns (German), two of them may still be a name: a poor place, but not the last.
    const maybeName = !capitalNames && insideName(tokens, i);
    points.push({ at, resume, level: whole ? Math.max(own, LAST_RESORT) : maybeName ? Math.max(own, MAYBE_NAME) : own });
  });
  return points;
}
