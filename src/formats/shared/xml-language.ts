/** xs:language, the form `xml:lang` and a SMPTE `<Language>` must take. */
export const XS_LANGUAGE = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;

/**
 * The tag an XML writer puts for a track's language: as it is when XML
 * takes it, with `_` read as `-` (`en_US`, a system locale), else `und`;
 * `changed` says the track's own was not written.
 */
export function xmlLanguage(language: string): { tag: string; changed: boolean } {
  if (XS_LANGUAGE.test(language)) return { tag: language, changed: false };
  const hyphens = language.replace(/_/g, '-');
  return { tag: XS_LANGUAGE.test(hyphens) ? hyphens : 'und', changed: true };
}
