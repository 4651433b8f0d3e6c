import { findDotDates } from '../model/dot-date.js';
import { canonicalLanguageTag, primaryLanguage } from '../model/language.js';
import type { Lang } from '../model/track.js';
import { MONTH_ABBREVIATIONS, MONTH_NAMES, monthName } from './month-names.js';
import { DAY_MONTH_DOTTED, DOTTED_DATE, findNumbers, writesDayMonthDots } from './number-values.js';

/**
 * A day of a month a text states, read as its language writes dates:
 * `9月1日`, `September 1`, `1er septembre`, `1. September`, `1 de
 * septiembre`, `1° settembre`, `2021-09-01`, `1.9.2021`, `am 1.9.` (in German and the languages that write it so), and `1/9/2021`
 * as the language orders it. The year is left out: a swapped month and
 * day is what this catches.
 */
export interface DateToken {
  /** As written, for messages. */
  text: string;
  month: number;
  day: number;
}

/** A day of the month, with the ordinal mark each language puts after it (`1st`, `1er`, `1.`, `1°`, `1º`). */
const DAY = String.raw`\d{1,2}(?!\d)(?:st|nd|rd|th|er|°|º|ª|\.)?`;
/** Days listed or ranged before or after one month (`3–5 May`, `du 3 au 5 mai`, `vom 3. bis 5. Mai`, `May 3 and 4`). */
const DAYS = String.raw`${DAY}(?:(?:\s*(?:,|[-–—~]|&)\s*|\s+(?:to|through|and|or|au|à|et|ou|bis|und|oder|al|a|y|o|e|ed)\s+)${DAY})*`;
const MONTH_WORD = String.raw`(\p{L}{3,})(\.?)`;
const DAYS_BEFORE_MONTH = new RegExp(String.raw`(?<![\p{L}\d.,/])(${DAYS})\s+(?:(?:of|de|del)\s+)?${MONTH_WORD}(?!\p{L})`, 'gu');
const MONTH_BEFORE_DAYS = new RegExp(String.raw`(?<!\p{L})${MONTH_WORD}\s+(?:the\s+)?(${DAYS})(?![\p{L}\d])`, 'gu');
/** `2021-09-01`, and `2021/9/1` as Japanese and Chinese write it: year, month, day everywhere. */
const YEAR_FIRST = /(?<![\d.,/-])\d{4}([-/.])(\d{1,2})\1(\d{1,2})(?![\d/])/g;
/** `1/9/2021`: month first in American English, day first elsewhere. */
const SLASHED = /(?<![\d/.,])(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})(?![\d/])/g;
const MONTH_FIRST_SLASHES = new Set(['en-US']);
const CJK_FIGURE = '(?:[0-9０-９]{1,2}|[〇一二三四五六七八九十]{1,3})';
/** `9月1日`, `九月一号`, `9월 1일`, and the days after it that share its month (`5月3日到5日`, `5月3日から5日`). */
const CJK_DATE = new RegExp(
  `(?<![0-9０-９])(${CJK_FIGURE})\\s?[月월]\\s?(${CJK_FIGURE}\\s?[日号號일](?:\\s?(?:到|至|[-–—~～〜、]|和|及|或|与|與|から)\\s?${CJK_FIGURE}\\s?[日号號일])*)`,
  'gu',
);
const CJK_DAY = new RegExp(`${CJK_FIGURE}(?=\\s?[日号號일])`, 'gu');

/** A month's name or shortened name; a shortened one without its dot only capitalised (`Sept 1`, not `set 5`). English writes months capitalised, so `may` is a verb. */
function monthOf(word: string, dot: string, language: Lang): number | undefined {
  const key = word.toLowerCase();
  const capitalised = word[0] !== key[0];
  if (primaryLanguage(language) === 'en' && !capitalised) return undefined;
  return MONTH_NAMES.get(key) ?? (dot !== '' || capitalised ? MONTH_ABBREVIATIONS.get(key) : undefined);
}

/** A figure in digits, full-width digits or Chinese numerals (`一`, `三十一`). */
function figure(text: string): number {
  return Number(findNumbers(text)[0]?.values[0]);
}

export function findDates(text: string, language: Lang): DateToken[] {
  const out: DateToken[] = [];
  let rest = text;
  const read = (pattern: RegExp, dates: (m: RegExpExecArray) => Array<[month: number, day: number]>) => {
    for (const m of rest.matchAll(pattern)) {
      const found = dates(m).filter(([month, day]) => month >= 1 && month <= 12 && day >= 1 && day <= 31);
      if (found.length === 0) continue;
      // A full stop after the last day ends the sentence (`since Sept. 1.`); German's ordinal dot comes before its month.
      const shown = m[0].replace(/(?<=\d)\.$/, '');
      out.push(...found.map(([month, day]) => ({ text: shown, month, day })));
      rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
  };
  const days = (list: string) => [...list.matchAll(/\d{1,2}/g)].map((d) => Number(d[0]));
  read(YEAR_FIRST, (m) => [[Number(m[2]), Number(m[3])]]);
  read(DOTTED_DATE, (m) => [[Number(m[2]), Number(m[1])]]);
  if (writesDayMonthDots(language)) read(DAY_MONTH_DOTTED, (m) => [[Number(m[2]), Number(m[1])]]);
  const monthFirst = MONTH_FIRST_SLASHES.has(canonicalLanguageTag(language));
  read(SLASHED, (m) => [monthFirst ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])]]);
  read(CJK_DATE, (m) => [...m[2]!.matchAll(CJK_DAY)].map((d) => [figure(m[1]!), figure(d[0])]));
  read(DAYS_BEFORE_MONTH, (m) => {
    const month = monthOf(m[2]!, m[3]!, language);
    return month === undefined ? [] : days(m[1]!).map((day) => [month, day]);
  });
  read(MONTH_BEFORE_DAYS, (m) => {
    const month = monthOf(m[1]!, m[2]!, language);
    return month === undefined ? [] : days(m[3]!).map((day) => [month, day]);
  });
  for (const d of findDotDates(rest)) out.push({ text: d.text, month: d.month, day: d.day });
  return out;
}

export interface DateComparison {
  /** The source's dates that no target date matches. */
  missing: DateToken[];
  /** The target's dates that no source date matches. */
  extra: DateToken[];
}

/**
 * The dates of a source and a target text (`findDates` of each) as sets of
 * (month, day): a range may be turned round (`从5月3日到3月5日` = `from March 5
 * to May 3`), a date said twice is said.
 */
export function compareDates(s: readonly DateToken[], t: readonly DateToken[]): DateComparison {
  const among = (d: DateToken, list: readonly DateToken[]) => list.some((o) => o.month === d.month && o.day === d.day);
  return { missing: s.filter((d) => !among(d, t)), extra: t.filter((d) => !among(d, s)) };
}

/** `September 1`, as a message says a date. */
export function dateName(d: Pick<DateToken, 'month' | 'day'>): string {
  return `${monthName(d.month)} ${d.day}`;
}
