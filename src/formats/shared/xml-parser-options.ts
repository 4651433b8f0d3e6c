import type { X2jOptions } from 'fast-xml-parser';

/**
 * What every subloc XML reader (TTML, DCP, TMX, XLIFF) asks of fast-xml-parser:
 * document order kept (mixed content is the text), raw names and strings,
 * white space kept, and entity expansion fenced. Each reader adds only what
 * is its own.
 */
export const XML_PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Character references (`&#x4E2D;`) are only decoded with htmlEntities on.
  htmlEntities: true,
  // A second fence behind the readers' DOCTYPE check, which refuses DTD
  // entities outright. The expansion totals also count `&amp;` and friends,
  // so they stay unbounded: a long film has hundreds of thousands.
  processEntities: { enabled: true, maxEntityCount: 16, maxEntitySize: 1024, maxTotalExpansions: Number.MAX_SAFE_INTEGER, maxExpandedLength: Number.MAX_SAFE_INTEGER },
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 1000,
} as const satisfies Partial<X2jOptions>;
