/** Every message the DeepL adapter writes, in one table. None of them may carry the key. */
export const messages = {
  keyMissing: () => 'DEEPL_AUTH_KEY is not set: set it in the environment to translate with DeepL, or use --provider offline',
  quota: (detail: string) =>
    `DeepL quota exceeded (456): the character limit of this billing period is reached${detail}. ` +
    'Drafts received so far are kept; run again once the quota allows, and only the rest is requested',
  auth: () => 'DeepL refused the key (403): check DEEPL_AUTH_KEY',
  refused: (url: string, reason: string) => `could not reach DeepL at ${url} (${reason}): check DEEPL_SERVER_URL and the network`,
  connection: (url: string, reason: string) => `the connection to DeepL at ${url} failed (${reason}) after deepl-node's retries`,
  failed: (status: number | undefined, detail: string) =>
    `DeepL request failed${status === undefined ? '' : ` with status ${status}`}: ${detail}`,
  boundariesLost: (unitId: string) =>
    `DeepL moved or dropped the cue boundaries of unit ${unitId}; split the translation by cue length at the nearest word or punctuation`,
  tooShort: (unitId: string, cues: number) =>
    `DeepL's translation of unit ${unitId} is too short to give each of its ${cues} cues a character; left untranslated`,
  emptyTranslation: (unitId: string) => `DeepL returned no text for unit ${unitId}; left untranslated`,
  pairUnsupported: (source: string, target: string) =>
    `DeepL glossaries do not support ${source} → ${target}: translated without a glossary for ${target}`,
  noEntries: (target: string) => `the glossary has no entries for ${target}: no DeepL glossary dictionary for it`,
  invalidEntry: (source: string, target: string) =>
    `glossary entry \`${source}\` → \`${target}\` has a tab, line break or control character, which a DeepL glossary cannot hold: left out`,
} as const;

export const codes = {
  boundariesLost: 'deepl/cue-boundaries-lost',
  tooShort: 'deepl/translation-too-short',
  emptyTranslation: 'deepl/empty-translation',
  pairUnsupported: 'deepl/glossary-pair-unsupported',
  noEntries: 'deepl/glossary-no-entries',
  invalidEntry: 'deepl/glossary-entry-invalid',
} as const;
