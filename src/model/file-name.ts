import { basename } from 'node:path';

/** A BCP 47 tag as subloc takes one: language, then optional script, region and variants (`zh-Hans`, `en-US`, `sl-IT-rozaj`). */
export const BCP47 = /^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|\d{3}))?(-[a-zA-Z\d]{5,8})*$/;

/**
 * `hotline-beijing.zh-Hans.srt` → title `hotline-beijing`, language `zh-Hans`.
 * Only a BCP 47 tag just before the extension names a language; any other
 * name is all title.
 */
export function fromFileName(path: string): { title: string; language?: string } {
  const parts = basename(path).split('.');
  parts.pop();
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last !== undefined && BCP47.test(last)) {
    parts.pop();
    return { title: parts.join('.'), language: last };
  }
  return { title: parts.join('.') };
}
