/** Every message the glossary code writes, in one table. */

import { foundValue } from '../formats/shared/excerpt.js';

const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(', ');

export const invalid = {
  jsonSyntax: (detail: string) => `not valid JSON: ${detail}`,
  notObject: (found: unknown) => `must be an object, found ${foundValue(found)}`,
  notArray: (found: unknown) => `must be an array, found ${foundValue(found)}`,
  emptyArray: () => 'must hold at least one entry, found an empty array',
  required: () => 'is required, found nothing',
  unknownField: (where: string, allowed: readonly string[]) => `is not a field of ${where}; expected one of ${list(allowed)}`,
  version: (expected: number, found: unknown) => `must be ${expected} (the file format version), found ${foundValue(found)}`,
  languageTag: (found: unknown) => `must be a BCP 47 language tag in canonical case such as \`zh-Hans\` or \`fr-FR\`, found ${foundValue(found)}`,
  otherLanguage: (found: string, track: string) =>
    `is ${foundValue(found)}, but the source track is ${track}; expected a glossary written as the track is (\`sourceLanguage\` ${track}): ` +
    'its terms would never be found in the track. Pass --glossary <file> to name the glossary for this track',
  id: (found: unknown) => `must be a kebab-case id (lower-case letters and digits joined by single hyphens), found ${foundValue(found)}`,
  form: (found: unknown) =>
    typeof found === 'string' && found !== ''
      ? `must not contain tabs, line breaks or other control characters, nor start or end with whitespace, found ${foundValue(found)}`
      : `must be a non-empty string, found ${foundValue(found)}`,
  string: (found: unknown) => `must be a string, found ${foundValue(found)}`,
  boolean: (found: unknown) => `must be true or false, found ${foundValue(found)}`,
  sourceId: (found: unknown) => `must be a source id such as \`S12\` or \`SEED\`, found ${foundValue(found)}`,
  repeated: (value: string, firstPath: string) => `repeats ${foundValue(value)}, already given at \`${firstPath}\``,
  noTargets: () => 'is required unless `doNotTranslate` is true, found nothing',
  emptyTargets: () => 'must name at least one language, found an empty object',
  clash: (value: string, otherField: string) => `${foundValue(value)} is also listed in \`${otherField}\`; a rendering is either accepted or forbidden`,
  dntPreferred: (source: string, found: string) =>
    `must equal the source ${foundValue(source)} on a doNotTranslate term, found ${foundValue(found)}`,
  duplicateId: (other: string) => `repeats the id of ${other}`,
  duplicateForm: (form: string, other: string) => `${foundValue(form)} is already a source form of ${other}`,
  more: (count: number) => `… and ${count} more problem${count === 1 ? '' : 's'}`,
};

export const check = {
  missing: (preferred: string, sourceForm: string, termId: string) =>
    `expected \`${preferred}\` for ${sourceForm} (term \`${termId}\`), found none of its renderings`,
  forbidden: (found: string, sourceForm: string, termId: string, preferred: string) =>
    `found \`${found}\`, a forbidden rendering of ${sourceForm} (term \`${termId}\`); expected \`${preferred}\``,
  dntChanged: (form: string, termId: string) =>
    `expected \`${form}\` unchanged (do-not-translate term \`${termId}\`), found it missing or altered`,
};

export const restore = {
  changed: (original: string, found: string) => `protected \`${original}\` came back as \`${found}\`; restored \`${original}\``,
  emptied: (original: string) => `protected \`${original}\` came back as an empty element; restored \`${original}\``,
  emptiedMoved: (original: string) => `protected \`${original}\` came back as an empty element with its text beside it; kept the text`,
  unwrapped: (original: string) => `protected \`${original}\` came back without its element; its text is present`,
  missing: (original: string) => `protected \`${original}\` is missing from the translation`,
  unexpected: (found: string) => `the translation holds a protected element \`${found}\` that was not sent; kept its text`,
};

export const entries = {
  bad: (key: string, value: string) => `a DeepL glossary entry must be non-empty and free of tabs and line breaks, found ${foundValue(key)} → ${foundValue(value)}`,
};
