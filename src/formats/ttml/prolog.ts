export interface Prolog {
  /** Offset of the root element's `<`. */
  rootOffset: number;
  /** The root's qualified name as written (`tt`, `tt:tt`). */
  rootName: string;
  /** Offset of an `<!ENTITY` inside the DOCTYPE, when there is one. */
  entityOffset?: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;
}

/**
 * Walks the XML declaration, comments, processing instructions and the
 * DOCTYPE up to the root element, without parsing the document.
 * Undefined when the text does not start like XML within `limit` characters.
 */
export function scanProlog(text: string, limit = text.length): Prolog | undefined {
  const end = Math.min(limit, text.length);
  let i = 0;
  let entityOffset: number | undefined;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c !== 0x3c) return undefined;
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close < 0 || close >= end) return undefined;
      i = close + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0 || close >= end) return undefined;
      i = close + 3;
    } else if (text.startsWith('<!DOCTYPE', i)) {
      const scanned = scanDoctype(text, i + 9, end);
      if (!scanned) return undefined;
      entityOffset ??= scanned.entityOffset;
      i = scanned.next;
    } else {
      let j = i + 1;
      while (j < end && !isSpace(text.charCodeAt(j)) && text[j] !== '>' && text[j] !== '/') j++;
      if (j === i + 1 || j >= end) return undefined;
      const prolog: Prolog = { rootOffset: i, rootName: text.slice(i + 1, j) };
      if (entityOffset !== undefined) prolog.entityOffset = entityOffset;
      return prolog;
    }
  }
  return undefined;
}

function scanDoctype(text: string, i: number, end: number): { next: number; entityOffset?: number } | undefined {
  let quote = '';
  let inSubset = false;
  let entityOffset: number | undefined;
  for (; i < end; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '[') {
      inSubset = true;
    } else if (ch === ']') {
      inSubset = false;
    } else if (inSubset && ch === '<' && text.startsWith('<!ENTITY', i)) {
      entityOffset ??= i;
    } else if (inSubset && ch === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return undefined;
      i = close + 2;
    } else if (!inSubset && ch === '>') {
      return entityOffset === undefined ? { next: i + 1 } : { next: i + 1, entityOffset };
    }
  }
  return undefined;
}
