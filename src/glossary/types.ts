import type { Lang } from '../model/track.js';

/** How one term is rendered in one target language. */
export interface Rendering {
  preferred: string;
  /** Accepted alternatives (inflected forms included: matching is exact-phrase). */
  allowed: string[];
  /** Renderings a draft must not use. */
  forbidden: string[];
  note?: string;
}

export interface Term {
  /** Kebab-case, unique in the glossary. */
  id: string;
  /** The source-language form. */
  source: string;
  /** Other source-language forms of the same term. */
  variants: string[];
  /** Keyed by BCP 47 tag. Empty for a do-not-translate term without extra rules. */
  targets: Record<Lang, Rendering>;
  /** The source form is carried into every language unchanged. @default false */
  doNotTranslate: boolean;
  /** Latin-script forms match case-sensitively (except an upper-cased first letter). @default false */
  caseSensitive: boolean;
  note?: string;
  /** Ids of the terminology research (`S1`, `SEED`) the renderings come from. */
  sources: string[];
}

export interface Glossary {
  /**
   * First 16 hex digits of the SHA-256 of the canonical content: what can
   * change a draft or its check (forms, renderings, flags, source language),
   * independent of term order, ids, notes and source ids.
   */
  version: string;
  sourceLanguage: Lang;
  note?: string;
  terms: Term[];
}
