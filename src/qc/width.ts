import type { Lang } from '../model/track.js';

const CJK = /^(zh|ja|ko)(-|$)/i;

/** Chinese, Japanese and Korean: the languages whose guides count half-width characters as 0.5. */
export function isCjk(language: Lang): boolean {
  return CJK.test(language);
}

/**
 * How wide a subtitler counts a run of text. Every character counts 1,
 * spaces and punctuation included; in Chinese, Japanese and Korean a
 * half-width character (Latin letters, digits, ASCII punctuation, half-width
 * katakana) counts 0.5 (Netflix partner help, "How is reading speed
 * measured"; Netflix Korean Timed Text Style Guide).
 */
export function textWidth(text: string, language: Lang): number {
  if (!isCjk(language)) return [...text].length;
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x1100 || (ch >= '\uff61' && ch <= '\uffdc') ? 0.5 : 1;
  return width;
}
