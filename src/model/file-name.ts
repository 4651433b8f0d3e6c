import { basename } from 'node:path';

/** A BCP 47 tag as subloc takes one: language, then optional script, region and variants (`zh-Hans`, `en-US`, `sl-IT-rozaj`). */
export const BCP47 = /^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|\d{3}))?(-[a-zA-Z\d]{5,8})*$/;

let languageNames: Intl.DisplayNames | undefined;

/**
 * Whether a name part is a language tag: BCP 47 in form, of a language ICU
 * knows (or `und`). `dcp-smpte` and `dcp-interop`, the ends of deliver's own
 * file names, have the form of a tag and name no language.
 */
function namesLanguage(part: string): boolean {
  if (!BCP47.test(part)) return false;
  const primary = part.split('-')[0]!.toLowerCase();
  if (primary === 'und') return true;
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return languageNames.of(primary) !== undefined;
}

/**
 * `hotline-beijing.zh-Hans.srt` → title `hotline-beijing`, language `zh-Hans`.
 * Only a language tag just before the extension names a language, the
 * extension being one part or a format's two (`.dcp-smpte.xml`, a word
 * that names no language before the last); any other name is all title.
 */
export function fromFileName(path: string): { title: string; language?: string } {
  const parts = basename(path).split('.');
  parts.pop();
  // A two-part extension (`.dcp-smpte.xml`, `.ebu-tt-d.xml`, `.imsc.ttml`): a word that names no language, after one that does.
  if (parts.length > 2 && /^[a-zA-Z]+(?:-[a-zA-Z]+)*$/.test(parts.at(-1)!) && !namesLanguage(parts.at(-1)!) && namesLanguage(parts.at(-2)!)) parts.pop();
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last !== undefined && namesLanguage(last)) {
    parts.pop();
    return { title: parts.join('.'), language: last };
  }
  return { title: parts.join('.') };
}
