import type { Lang } from '../model/track.js';

/** Digit runs with inner separators (`60,000`, `3.5`, `12345`), not glued to a Latin word (`A4`, `5G`). */
export const NUMBER = /(?<![A-Za-z\u00c0-\u024f\d])\d+(?:[.,]\d+)*(?![A-Za-z\u00c0-\u024f\d])/g;

function separators(lang: Lang): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(lang).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * Rewrites a grouped or decimal number from the source language's
 * convention into the target's: `60,000` from Chinese is `60.000` in German,
 * where `60,000` would read as sixty. Plain digit runs (`12345`, `2024`) and
 * anything that is not clearly a number of the source convention stay as
 * they are.
 */
export function localizeNumber(text: string, source: Lang, target: Lang): string {
  const { group, decimal } = separators(source);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^(\\d{1,3}(?:${esc(group)}\\d{3})+|\\d+)(?:${esc(decimal)}(\\d+))?$`).exec(text);
  if (!m) return text;
  const grouped = m[1]!.includes(group);
  const fraction = m[2];
  if (!grouped && fraction === undefined) return text;
  const value = Number(`${m[1]!.split(group).join('')}${fraction === undefined ? '' : `.${fraction}`}`);
  if (!Number.isSafeInteger(Math.trunc(value))) return text;
  const digits = fraction?.length ?? 0;
  // Omitting useGrouping keeps the locale's own rule (Spanish and Italian leave 4-digit numbers ungrouped).
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (!grouped) options.useGrouping = false;
  return new Intl.NumberFormat(target, options).format(value);
}
