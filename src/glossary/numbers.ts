import type { Lang } from '../model/track.js';

/** Digit runs with inner separators (`60,000`, `3.5`, `12345`), not glued to a Latin word (`A4`, `5G`). */
export const NUMBER = /(?<![A-Za-z\u00c0-\u024f\d])\d+(?:[.,]\d+)*(?![A-Za-z\u00c0-\u024f\d])/g;

interface Convention {
  group: string;
  /** A whole number in the convention: grouped digits or a plain run, then maybe a decimal part. */
  pattern: RegExp;
}

// Made once per language and per format: building an Intl.NumberFormat costs more than the
// rewrite itself, and a film asks for it at every number of every cue in every language.
const conventions = new Map<Lang, Convention>();
const formats = new Map<string, Intl.NumberFormat>();

function conventionOf(lang: Lang): Convention {
  let convention = conventions.get(lang);
  if (convention === undefined) {
    const parts = new Intl.NumberFormat(lang).formatToParts(12345.6);
    const group = parts.find((p) => p.type === 'group')?.value ?? ',';
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    convention = { group, pattern: new RegExp(`^(\\d{1,3}(?:${esc(group)}\\d{3})+|\\d+)(?:${esc(decimal)}(\\d+))?$`) };
    conventions.set(lang, convention);
  }
  return convention;
}

function formatOf(target: Lang, digits: number, grouped: boolean): Intl.NumberFormat {
  const key = `${target}|${digits}|${grouped}`;
  let format = formats.get(key);
  if (format === undefined) {
    // Omitting useGrouping keeps the locale's own rule (Spanish and Italian leave 4-digit numbers ungrouped).
    const options: Intl.NumberFormatOptions = { minimumFractionDigits: digits, maximumFractionDigits: digits };
    if (!grouped) options.useGrouping = false;
    formats.set(key, (format = new Intl.NumberFormat(target, options)));
  }
  return format;
}

/**
 * Rewrites a grouped or decimal number from the source language's
 * convention into the target's: `60,000` from Chinese is `60.000` in German,
 * where `60,000` would read as sixty. Plain digit runs (`12345`, `2024`) and
 * anything that is not clearly a number of the source convention stay as
 * they are.
 */
export function localizeNumber(text: string, source: Lang, target: Lang): string {
  const { group, pattern } = conventionOf(source);
  const m = pattern.exec(text);
  if (!m) return text;
  const grouped = m[1]!.includes(group);
  const fraction = m[2];
  if (!grouped && fraction === undefined) return text;
  const value = Number(`${m[1]!.split(group).join('')}${fraction === undefined ? '' : `.${fraction}`}`);
  if (!Number.isSafeInteger(Math.trunc(value))) return text;
  return formatOf(target, fraction?.length ?? 0, grouped).format(value);
}
