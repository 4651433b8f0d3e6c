import { findDotDates } from '../model/dot-date.js';
import { primaryLanguage } from '../model/language.js';
import type { Lang } from '../model/track.js';
import { MONTH_NAMES } from './month-names.js';

/**
 * Numbers in subtitle text, compared by value so that a translation may
 * write them in its own notation: `60,000` = `60.000` = `60 000` = `6万`,
 * `3.5` = `3,5`, `2 million` = `200万`.
 */
export interface NumberToken {
  /** As written, for messages. */
  text: string;
  /** Every value the notation can mean (`60.000` is sixty thousand, or sixty in English), as canonical strings. */
  values: string[];
  /** Written with Arabic digits; numbers in Chinese numerals (`两千多万`) or words (`September`, `two`) are never required. */
  digits: boolean;
  /** An hour said to be before or after noon (`早上七点`, `7 a.m.`; `晚上七点`, `7 p.m.`): it never matches the other half of the day. */
  meridiem?: 'am' | 'pm';
}

const GROUP_SPACE = "[ \\u00a0\\u202f\\u2009'’]";
const ARABIC = `(?:\\d{1,3}(?:${GROUP_SPACE}\\d{3})+(?!\\d)(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)*)`;
const UNIT_CHARS = '十百千万萬亿億兆천만억조';
const DIGIT_TOKEN = new RegExp(
  `(?<![A-Za-z\\u00c0-\\u024f\\d.,])${ARABIC}(?:[${UNIT_CHARS}]+(?:${ARABIC}[${UNIT_CHARS}]*)*)?`,
  'g',
);
/** The Japanese counters after which `1` reads "a" or "per" (`1日`, `1人`, `1回`, `1つ`), see `findNumbers`. */
const ONE_BEFORE_COUNTER = /^[日人回度つ個件本枚杯台]/;
const CJK_NUMERALS = '零〇一二两兩三四五六七八九十百千万萬亿億';
const CJK_TOKEN = new RegExp(`[${CJK_NUMERALS}](?:[${CJK_NUMERALS}]|[多几余](?=[十百千万萬亿億]))*`, 'g');

const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3, thousands: 1e3, mil: 1e3, mila: 1e3, mille: 1e3,
  million: 1e6, millions: 1e6, millionen: 1e6, mio: 1e6, millón: 1e6, millones: 1e6, milione: 1e6, milioni: 1e6, milhão: 1e6, milhões: 1e6, miljoen: 1e6,
  milliarde: 1e9, milliarden: 1e9, mrd: 1e9, milliard: 1e9, milliards: 1e9, miliardo: 1e9, miliardi: 1e9, bilhão: 1e9, bilhões: 1e9, miljard: 1e9,
  billionen: 1e12, billón: 1e12, billones: 1e12, bilião: 1e12, biliões: 1e12, biljoen: 1e12,
};
/**
 * English's short scale and the long scale of most of Europe spell two
 * numbers alike: `billion` is 10⁹ in English and 10¹² in French and German
 * (`Billion`), the false friend a translation most often gets wrong.
 */
const SHORT_OR_LONG: Record<string, [short: number, long: number]> = { billion: [1e9, 1e12], billions: [1e9, 1e12], trillion: [1e12, 1e18], trillions: [1e12, 1e18] };
/** Languages whose `billion` is a thousand million (a text of no known language may mean either). */
const SHORT_SCALE = new Set(['en']);
const SCALE = new RegExp(`^(?:[ \\u00a0](?:${[...Object.keys(SCALE_WORDS), ...Object.keys(SHORT_OR_LONG)].join('|')})\\.?(?![\\p{L}]))+`, 'iu');
/** What a scale word multiplies by in a language: both readings where the language is not known. */
function scaleFactors(word: string, language: Lang | undefined): number[] {
  const key = word.replace(/\.$/, '').toLowerCase();
  const both = SHORT_OR_LONG[key];
  if (both === undefined) return [SCALE_WORDS[key]!];
  if (language === undefined) return both;
  return [SHORT_SCALE.has(primaryLanguage(language)) ? both[0] : both[1]];
}
/** `$5m`, `£3bn`, `5k`: a scale written as a letter or two after the figure (`5m` may also be metres: both readings). */
const SCALE_SUFFIX = /^(k|m|mn|bn)(?![\p{L}\d])/iu;
const SUFFIX_FACTOR: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9 };
/**
 * A sign before a figure: a minus sign or hyphen glued to it (not after a
 * letter or digit, as in `3-5` or `COVID-19`), or a word for below zero
 * (`零下`, `负`, `マイナス`, `minus`, `moins`, `menos`, `meno`). The
 * numbers rule takes a dialogue's dashes off first, glued to a figure or not
 * (`-3 veces`, `spokenText`): a dash left opening a text is a sign (`-5 °C`).
 */
const NEGATIVE_BEFORE = /(?:(?<![\p{L}\p{N}])[-−]|(?:零下|负|負|マイナス)|(?<![\p{L}])(?:minus|moins|menos|meno)\s)$/iu;
/** `the 1990s`, `the ’90s`: a decade, its first year. */
const DECADE_SUFFIX = /^['’]?s(?![\p{L}\d])/u;
const ORDINAL = /^(?:st|nd|rd|th|er|re|e|ème|º|ª)(?![\p{L}])/u;
const LATIN_AFTER = /^[A-Za-z\u00c0-\u024f]/;

/**
 * Words that stand for a number and only ever account for one (never
 * required): month names, as `9月` becomes `September`, and English number
 * words. Lower-case; matched case-insensitively as whole words.
 */
const WORD_VALUES: Record<string, number> = Object.fromEntries([
  ...MONTH_NAMES,
  // Number words from zero to twelve; the words that are also articles (`un`, `ein`, `uno`, `um`…) are left out, they say nothing.
  ...[
    'zero one two three four five six seven eight nine ten eleven twelve',
    'zéro - deux trois quatre cinq six sept huit neuf dix onze douze',
    'null - zwei drei vier fünf sechs sieben acht neun zehn elf zwölf',
    'cero - dos tres cuatro cinco seis siete ocho nueve diez once doce',
    '- - due tre quattro cinque sei sette otto nove dieci undici dodici',
    '- - dois três quatro cinco seis sete oito nove dez onze doze',
  ].flatMap((words) => words.split(' ').flatMap((w, i) => (w === '-' ? [] : [[w, i] as const]))),
]);
const WORD_TOKEN = /\p{L}+/gu;

const DIGIT_VALUE: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 천: 1000 };
const LARGE_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 만: 1e4, 亿: 1e8, 億: 1e8, 억: 1e8, 兆: 1e12, 조: 1e12 };

/** Twelve significant digits, so `0.1 + 0.2` reads as `0.3`; a whole number below 10¹² has no more and is written as it is. */
const canonical = (n: number) => (Number.isInteger(n) && Math.abs(n) < 1e12 ? String(n) : String(Number(n.toPrecision(12))));

/** What a run of digits and separators can mean; ambiguous `1,234` / `1.234` is both 1234 and 1.234. */
function arabicValues(text: string): number[] {
  const compact = text.replace(/[ \u00a0\u202f\u2009'’]/g, '');
  if (compact !== text) {
    const [int, fraction] = compact.split(/[.,]/);
    return [Number(`${int}${fraction === undefined ? '' : `.${fraction}`}`)];
  }
  const parts = text.split(/[.,]/);
  const seps = text.replace(/[^.,]/g, '');
  if (parts.length === 1) return [Number(text)];
  const grouped = (groups: readonly string[]) => groups[0]!.length <= 3 && groups.slice(1).every((g) => g.length === 3);
  if (new Set(seps).size === 2) {
    const fraction = parts.pop()!;
    return grouped(parts) ? [Number(`${parts.join('')}.${fraction}`)] : [];
  }
  if (parts.length > 2) return grouped(parts) ? [Number(parts.join(''))] : [];
  const [int, fraction] = parts as [string, string];
  const decimal = Number(`${int}.${fraction}`);
  return grouped(parts) && !/^0/.test(int) ? [Number(int + fraction), decimal] : [decimal];
}

/**
 * Chinese-style numbers: digits (Arabic or Chinese) times 十百千 within a
 * section, sections times 万 and 亿. `两千多万` reads as 20,000,000: "more
 * than" is dropped, the figure kept.
 */
function eastAsianValue(parts: readonly (number | string)[]): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  parts.forEach((p, i) => {
    if (typeof p === 'number') digit = p;
    else if (p in DIGIT_VALUE) {
      digit = DIGIT_VALUE[p]!;
      // A last digit right after a unit stands for a tenth of it: `两万五` is 25,000, `三千五` 3,500, `一百二` 120.
      const before = parts[i - 1];
      const unit = typeof before === 'string' ? (SMALL_UNIT[before] ?? LARGE_UNIT[before]) : undefined;
      if (i === parts.length - 1 && unit !== undefined && unit >= 100) digit *= unit / 10;
    } else if (p in SMALL_UNIT) {
      section += (digit || 1) * SMALL_UNIT[p]!;
      digit = 0;
    } else if (p in LARGE_UNIT) {
      const unit = LARGE_UNIT[p]!;
      if (unit >= 1e8) total = (total + section + digit || 1) * unit;
      else total += (section + digit || 1) * unit;
      section = digit = 0;
    }
  });
  return total + section + digit;
}

/**
 * A run of Chinese digits with no unit: a figure read digit by digit
 * (`二〇二四年` is 2024, `一九四九` 1949) when it has three digits or more or
 * a zero; two (`三四个`, three or four) are either of them.
 */
function digitRunValues(run: string): number[] | undefined {
  const digits = [...run];
  if (!digits.every((d) => d in DIGIT_VALUE)) return undefined;
  if (digits.length >= 3 || (digits.length === 2 && /[〇零]/.test(run))) return [Number(digits.map((d) => DIGIT_VALUE[d]).join(''))];
  return digits.map((d) => DIGIT_VALUE[d]!);
}

/** The values of a token mixing Arabic numbers and unit characters (`1.5亿`, `1万2千`), one per reading of each number. */
function mixedValues(text: string): number[] {
  const pieces = text.match(new RegExp(`${ARABIC}|[${UNIT_CHARS}]`, 'g')) ?? [];
  let readings: (number | string)[][] = [[]];
  for (const piece of pieces) {
    if (/\d/.test(piece)) readings = readings.flatMap((r) => arabicValues(piece).map((v) => [...r, v]));
    else readings = readings.map((r) => [...r, piece]);
  }
  return readings.map(eastAsianValue);
}

/** `24/7`, "around the clock": it accounts for a source's 24 hours and is never required. */
const AROUND_THE_CLOCK = /(?<![\d/])24\/7(?![\d/])/g;
/**
 * A time on a clock, `19:00` (German `19.30 Uhr`, Italian and Spanish `alle 19.30`, `a las 19.30`, French `22h30`,
 * `19 h`): its minutes are a number only when they are not `00`.
 */
const CLOCK =
  /(?<![\d:.,])([01]?\d|2[0-3])(?::([0-5]\d)|\.([0-5]\d)(?=\s?Uhr\b)|(?<=(?:\b(?:le|alle|dalle|ore|las|los)\s)\d{1,2})\.([0-5]\d)|\s?h\s?([0-5]\d)?(?![\p{L}\d]))(?![\d:])/gu;
/** A date written with dots, as German and Italian write it: `3.9.2021`, `03.09.2021`. */
export const DOTTED_DATE = /(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)/g;
/**
 * A day and month with dots and no year, `am 3.9.`, in the languages that
 * write dates so and decimals with a comma (German, Czech, Polish, the
 * Nordic languages …): in English `3.9.` ends a sentence on a decimal.
 */
export const DAY_MONTH_DOTTED = /(?<![\d.,])(3[01]|[12]\d|0?[1-9])\.(1[0-2]|0?[1-9])\.(?!\d)/g;
const DAY_MONTH_DOT_LANGUAGES: ReadonlySet<string> = new Set(['de', 'cs', 'sk', 'pl', 'da', 'nb', 'nn', 'no', 'fi', 'is', 'et', 'lv', 'sl', 'hr', 'sr', 'bs']);
export const writesDayMonthDots = (language: Lang | undefined): boolean => language !== undefined && DAY_MONTH_DOT_LANGUAGES.has(primaryLanguage(language));
/** One written year first with dots, as Korean and Chinese subtitles do: `2021.9.1`. */
const YEAR_FIRST_DOTTED_DATE = /(?<![\d.,])(\d{4})\.(\d{1,2})\.(\d{1,2})(?!\.?\d)/g;
/**
 * A phone number, grouped as each language groups it (`010-12345678` =
 * `010 1234 5678`): digit groups joined by a space, hyphen or dot, seven
 * digits or more, led by a 0 or a `+` or in three groups or more; compared
 * by its digits. Dates (`2021-09-03`) and thousands (`1 234 567`) are not.
 */
const PHONE = /(?<![\d.,:])\+?\d{2,5}(?:[ \-.]\d{2,8}){1,5}(?![.,]?\d)/g;
const NOT_PHONE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,3}(?:[ .,]\d{3})+)$/;
/** A Chinese decimal, `三点五` (3.5); `七点五十分` is a time, read number by number. */
const CJK_DECIMAL = new RegExp(`([${CJK_NUMERALS}]+)[点點]([零〇一二三四五六七八九]+)(?![十百千万萬亿億分])`, 'g');
/** An hour on a 12-hour clock (`七点`, `7時`) after a word for the afternoon or evening: the 24-hour clock writes it 12 later. */
const HOUR_AFTER = /^[点點时時]/u;
const EVENING_BEFORE = /(?:下午|傍晚|晚上|晚间|晚間|夜里|夜裡|夜间|夜間|午後|夕方|夜|晚)$/u;
/** `七点半`: half past, thirty minutes. */
const HALF_HOUR_AFTER = /^[点點时時]半/u;
/** The end of a year range whose second year is shortened: `2019～24`, `2019–24`. */
const RANGE_BEFORE = /(?<!\d)(\d{2})\d{2}\s*[-–—~～〜]\s*$/u;

/** `7 p.m.`: an hour after noon on a 12-hour clock. */
const PM_AFTER = /^\s?(?:p\.\s?m\.|pm\b)/iu;

/** `7 a.m.`: an hour before noon on a 12-hour clock. */
const AM_AFTER = /^\s?(?:a\.\s?m\.|am\b)/iu;
const MORNING_BEFORE = /(?:早上|早晨|清晨|上午|凌晨|早|午前|朝)$/u;

/**
 * Values a number gains from where it stands: the 24-hour reading of an hour
 * after noon (`晚上七点`, `7 p.m.`). `clock` says the number is a clock's hour
 * (`7:30`), which a word for the evening before it places without `点`.
 */
function hourValues(value: number, before: string, after: string, clock = false): number[] {
  return value >= 1 && value <= 11 && meridiemOf(before, after, clock, value) === 'pm' ? [value + 12] : [];
}

/** Words for the dead of night: an hour from 1 to 5 after one is after midnight (`深夜3時`, `半夜两点`), not after noon. */
const LATE_NIGHT_BEFORE = /(?:深夜|半夜|夜里|夜裡|夜间|夜間|夜)$/u;

/** Whether an hour is said to be before or after noon, by a word before it (`晚上七点`, `晚上7:30`) or after it (`7 p.m.`). */
function meridiemOf(before: string, after: string, clock: boolean, value: number): NumberToken['meridiem'] {
  const hour = clock || HOUR_AFTER.test(after);
  if (hour && value >= 1 && value <= 5 && LATE_NIGHT_BEFORE.test(before) && !PM_AFTER.test(after)) return 'am';
  if ((hour && EVENING_BEFORE.test(before)) || PM_AFTER.test(after)) return 'pm';
  if ((hour && MORNING_BEFORE.test(before)) || AM_AFTER.test(after)) return 'am';
  return undefined;
}

/** The token with its half of the day, when its words say one. */
function withMeridiem(token: NumberToken, value: number, before: string, after: string, clock = false): NumberToken {
  const meridiem = value >= 1 && value <= 12 ? meridiemOf(before, after, clock, value) : undefined;
  return meridiem === undefined ? token : { ...token, meridiem };
}

/** `language` is the text's: it tells which `billion` it means (`scaleFactors`). */
export function findNumbers(text: string, language?: Lang): NumberToken[] {
  const out: NumberToken[] = [];
  // Full-width digits (Japanese writes a single digit so) read as ASCII ones, as do a full-width point, hyphen and
  // plus, and a full-width comma between a digit and a group of three (`１２，３４５`; elsewhere it ends a clause).
  // Each is one UTF-16 unit, so offsets into `text` hold.
  const ascii = text.replace(/[０-９．－＋]|(?<=[0-9０-９])，(?=[0-9０-９]{3}(?![0-9０-９]))/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  let rest = ascii;
  const japanese = language !== undefined && primaryLanguage(language) === 'ja';
  // Blanked once read, so that the unit of `6万` or the minutes of `19:30` are not read again as numbers of their own.
  const blank = (index: number, length: number) => {
    rest = rest.slice(0, index) + ' '.repeat(length) + rest.slice(index + length);
  };
  for (const m of ascii.matchAll(AROUND_THE_CLOCK)) {
    out.push({ text: m[0], values: ['24'], digits: false });
    blank(m.index, m[0].length);
  }
  for (const m of rest.matchAll(CLOCK)) {
    // `3:30 p.m.` is 15:30, as `7 p.m.` is 19.
    const hour = Number(m[1]);
    const before = ascii.slice(0, m.index);
    const after = ascii.slice(m.index + m[0].length);
    const token: NumberToken = { text: text.slice(m.index, m.index + m[0].length), values: [hour, ...hourValues(hour, before, after, true)].map(canonical), digits: true };
    out.push(withMeridiem(token, hour, before, after, true));
    const minutes = m[2] ?? m[3] ?? m[4] ?? m[5];
    if (minutes !== undefined && minutes !== '00') out.push({ text: minutes, values: [canonical(Number(minutes))], digits: true });
    blank(m.index, m[0].length);
  }
  for (const pattern of [DOTTED_DATE, YEAR_FIRST_DOTTED_DATE, ...(writesDayMonthDots(language) ? [DAY_MONTH_DOTTED] : [])]) {
    for (const m of rest.matchAll(pattern)) {
      for (const part of m.slice(1)) out.push({ text: part, values: [canonical(Number(part))], digits: true });
      blank(m.index, m[0].length);
    }
  }
  // Its month and day account for a translation's (`1. Mai`), but a holiday is often said by name (May Day): never required.
  for (const d of findDotDates(rest)) {
    out.push({ text: d.text, values: [canonical(d.month)], digits: false }, { text: d.text, values: [canonical(d.day)], digits: false });
    blank(d.index, d.text.length);
  }
  for (const m of rest.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    const groups = m[0].split(/[ \-.]/).length;
    if (digits.length < 7 || NOT_PHONE.test(m[0]) || !(/^[+0]/.test(m[0]) || groups >= 3)) continue;
    out.push({ text: text.slice(m.index, m.index + m[0].length), values: [digits], digits: true });
    blank(m.index, m[0].length);
  }
  for (const m of rest.matchAll(DIGIT_TOKEN)) {
    blank(m.index, m[0].length);
    let end = m.index + m[0].length;
    let values = /[^\d.,' \u00a0\u202f\u2009’]/.test(m[0]) ? mixedValues(m[0]) : arabicValues(m[0]);
    let shown = text.slice(m.index, end);
    const scale = SCALE.exec(ascii.slice(end));
    const suffix = scale ? null : SCALE_SUFFIX.exec(ascii.slice(end));
    const decade = scale || suffix ? null : DECADE_SUFFIX.exec(ascii.slice(end));
    if (scale) {
      const factors = scale[0].trim().split(/\s+/).reduce<number[]>((fs, w) => fs.flatMap((f) => scaleFactors(w, language).map((g) => f * g)), [1]);
      values = values.flatMap((v) => factors.map((f) => v * f));
      shown += scale[0];
      end += scale[0].length;
    } else if (suffix) {
      const factor = SUFFIX_FACTOR[suffix[1]!.toLowerCase()]!;
      // `5m` after no currency sign may be five metres.
      values = values.flatMap((v) => (factor === 1e6 && !/[$€£¥]\s?$/u.test(ascii.slice(0, m.index)) ? [v, v * factor] : [v * factor]));
      shown += suffix[0];
      end += suffix[0].length;
    } else if (decade && /^\d0$|^\d{3}0$/.test(m[0])) {
      // `the ’90s` is the 1990s.
      if (m[0].length === 2) values.push(1900 + Number(m[0]));
      end += decade[0].length;
    } else {
      const ordinal = ORDINAL.exec(ascii.slice(end));
      if (ordinal) end += ordinal[0].length;
    }
    // Glued to a word (`5G`, `MP3s`): a name, not a quantity.
    if (LATIN_AFTER.test(ascii.slice(end)) || values.length === 0) continue;
    const before = ascii.slice(0, m.index);
    const century = /^\d{2}$/.test(m[0]) ? RANGE_BEFORE.exec(before)?.[1] : undefined;
    if (century !== undefined) values.push(Number(century + m[0]));
    const sign = NEGATIVE_BEFORE.exec(before);
    if (sign) values = values.map((v) => -v);
    const single = values.length === 1 && !sign ? values[0]! : undefined;
    if (single !== undefined) values.push(...hourValues(single, before, ascii.slice(end)));
    // Japanese writes "a day", "alone", "once" with a figure (`1日に100件`, `1人で`, `1回`) where the source says 每天
    // or 一个人: such a 1 accounts for one, but is no figure the translation added. A day of a month (`9月1日`) stays one.
    const counted = japanese && m[0] === '1' && !sign && ONE_BEFORE_COUNTER.test(ascii.slice(end)) && !/月\s?$/.test(before);
    const token: NumberToken = { text: `${sign ? sign[0] : ''}${shown.replace(/\s+/g, ' ')}`, values: values.map(canonical), digits: !counted };
    out.push(single === undefined ? token : withMeridiem(token, single, before, ascii.slice(end)));
    if (HALF_HOUR_AFTER.test(ascii.slice(end))) out.push({ text: '半', values: ['30'], digits: false });
  }
  for (const m of rest.matchAll(CJK_DECIMAL)) {
    const whole = eastAsianValue([...m[1]!]);
    const fraction = [...m[2]!].map((d) => DIGIT_VALUE[d]).join('');
    out.push({ text: m[0], values: [Number(`${whole}.${fraction}`), whole, Number(fraction)].map(canonical), digits: false });
    blank(m.index, m[0].length);
  }
  for (const m of rest.matchAll(CJK_TOKEN)) {
    const after = rest.slice(m.index + m[0].length);
    // `零下` is "below zero", a sign, not the number 0.
    if (m[0] === '零' && after.startsWith('下')) continue;
    const negative = NEGATIVE_BEFORE.test(rest.slice(0, m.index));
    if (negative) {
      out.push({ text: m[0], values: [canonical(-eastAsianValue([...m[0]]))], digits: false });
      continue;
    }
    const run = digitRunValues(m[0]);
    if (run !== undefined && run.length > 1) {
      out.push({ text: m[0], values: run.map(canonical), digits: false });
      continue;
    }
    const value = run?.[0] ?? eastAsianValue([...m[0]]);
    out.push(withMeridiem({ text: m[0], values: [value, ...hourValues(value, rest.slice(0, m.index), after)].map(canonical), digits: false }, value, rest.slice(0, m.index), after));
    if (HALF_HOUR_AFTER.test(after)) out.push({ text: '半', values: ['30'], digits: false });
  }
  for (const m of rest.matchAll(WORD_TOKEN)) {
    const value = WORD_VALUES[m[0].toLowerCase()];
    if (value !== undefined) out.push({ text: m[0], values: [canonical(value)], digits: false });
  }
  return out;
}

export interface NumberComparison {
  /** Source numbers written in digits that no target number matches. */
  missing: string[];
  /** Target numbers written in digits that no source number matches. */
  extra: string[];
  /** The source's numbers written in digits. */
  expected: string[];
}

/**
 * The numbers of a source and a target text (`findNumbers` of each) by value.
 * Presence, not counts: a number twice in the source is satisfied by one in the target.
 */
export function compareNumbers(s: readonly NumberToken[], t: readonly NumberToken[]): NumberComparison {
  // Two hours said to be in different halves of the day are different times, whatever digit they share (7 a.m., 晚上七点).
  const meets = (a: NumberToken, others: readonly NumberToken[]) =>
    others.some((o) => o.values.some((v) => a.values.includes(v)) && (a.meridiem === undefined || o.meridiem === undefined || a.meridiem === o.meridiem));
  const unique = (list: readonly NumberToken[]) => [...new Set(list.map((n) => n.text))];
  return {
    missing: unique(s.filter((n) => n.digits && !meets(n, t))),
    extra: unique(t.filter((n) => n.digits && !meets(n, s))),
    expected: unique(s.filter((n) => n.digits)),
  };
}
