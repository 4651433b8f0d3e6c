import { XS_LANGUAGE } from '../shared/xml-language.js';

/**
 * Interop `<Language>` holds an English language name (`French`) by habit;
 * SMPTE holds an xs:language tag. These are the languages festivals subtitle
 * into most; anything else is written as its tag.
 */
const NAMES: ReadonlyArray<readonly [tag: string, name: string]> = [
  ['en', 'English'], ['fr', 'French'], ['de', 'German'], ['es', 'Spanish'], ['it', 'Italian'], ['pt', 'Portuguese'],
  ['nl', 'Dutch'], ['sv', 'Swedish'], ['da', 'Danish'], ['no', 'Norwegian'], ['nb', 'Norwegian Bokmal'], ['fi', 'Finnish'],
  ['is', 'Icelandic'], ['pl', 'Polish'], ['cs', 'Czech'], ['sk', 'Slovak'], ['hu', 'Hungarian'], ['ro', 'Romanian'],
  ['el', 'Greek'], ['tr', 'Turkish'], ['ru', 'Russian'], ['uk', 'Ukrainian'], ['bg', 'Bulgarian'], ['hr', 'Croatian'],
  ['sr', 'Serbian'], ['sl', 'Slovenian'], ['et', 'Estonian'], ['lv', 'Latvian'], ['lt', 'Lithuanian'], ['ca', 'Catalan'],
  ['eu', 'Basque'], ['he', 'Hebrew'], ['ar', 'Arabic'], ['fa', 'Persian'], ['hi', 'Hindi'], ['th', 'Thai'],
  ['vi', 'Vietnamese'], ['id', 'Indonesian'], ['ms', 'Malay'], ['ja', 'Japanese'], ['ko', 'Korean'],
  ['zh', 'Chinese'], ['zh-Hans', 'Chinese (Simplified)'], ['zh-Hant', 'Chinese (Traditional)'], ['und', 'Unknown'],
];

const BY_TAG = new Map(NAMES.map(([tag, name]) => [tag.toLowerCase(), name]));
const BY_NAME = new Map(NAMES.map(([tag, name]) => [name.toLowerCase(), tag]));

export function languageName(tag: string): string {
  return BY_TAG.get(tag.toLowerCase()) ?? tag;
}

/** A tag for an Interop name or tag (`French`, `EN`, `de-DE`); undefined when it is neither. */
export function languageTag(value: string): string | undefined {
  const v = value.trim();
  const named = BY_NAME.get(v.toLowerCase());
  if (named) return named;
  // A primary subtag of 2 or 3 letters: longer words are names subloc does not know.
  if (!XS_LANGUAGE.test(v) || !/^[a-zA-Z]{2,3}(?:-|$)/.test(v)) return undefined;
  const dash = v.indexOf('-');
  return dash < 0 ? v.toLowerCase() : v.slice(0, dash).toLowerCase() + v.slice(dash);
}
