/**
 * The fields and patterns of `glossary.json`. The loader checks against these
 * and a test compares them with `glossary.schema.json`, so the published
 * schema and the loader cannot drift apart.
 */
export const GLOSSARY_FIELDS = ['$schema', 'version', 'sourceLanguage', 'note', 'terms'] as const;
export const GLOSSARY_REQUIRED = ['version', 'sourceLanguage', 'terms'] as const;

export const TERM_FIELDS = ['id', 'source', 'variants', 'targets', 'doNotTranslate', 'caseSensitive', 'note', 'sources'] as const;
export const TERM_REQUIRED = ['id', 'source'] as const;

export const RENDERING_FIELDS = ['preferred', 'allowed', 'forbidden', 'note'] as const;
export const RENDERING_REQUIRED = ['preferred'] as const;

/** The format version of the file, not of its content. */
export const FILE_VERSION = 1;

export const PATTERNS = {
  /** Kebab-case: `work-order`, `elevator-installation`. */
  id: '^[a-z0-9]+(-[a-z0-9]+)*$',
  /**
   * A term or rendering: no control characters (tabs and newlines included)
   * nor U+2028/U+2029 line and paragraph separators, which DeepL glossary
   * entries reject, and no surrounding whitespace.
   */
  form: '^[^\\s\\p{Cc}]([^\\p{Cc}\\p{Zl}\\p{Zp}]*[^\\s\\p{Cc}])?$',
  /** BCP 47 in canonical case, language[-Script][-REGION]: `zh-Hans`, `fr-FR`. */
  languageTag: '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$',
  /** A source id of the terminology research: `S12`, `SEED`. */
  sourceId: '^[A-Z][A-Z0-9]*$',
} as const;

export const PATTERN_RE = {
  id: new RegExp(PATTERNS.id, 'u'),
  form: new RegExp(PATTERNS.form, 'u'),
  languageTag: new RegExp(PATTERNS.languageTag, 'u'),
  sourceId: new RegExp(PATTERNS.sourceId, 'u'),
} as const;
