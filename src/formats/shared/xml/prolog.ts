export interface Prolog {
  /** Offset of the root element's `<`. */
  rootOffset: number;
  /** The root's qualified name as written (`tt`, `tt:tt`). */
  rootName: string;
  /** The first `<!ENTITY` (general or parameter) in the DOCTYPE's internal subset, when there is one. */
  entity?: { offset: number; name: string };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff;
}

/**
 * Walks the XML declaration, comments, processing instructions and the
 * DOCTYPE up to the root element, token by token, without parsing the
 * document. Undefined when the text does not start like XML within `limit`
 * characters: then nothing before the root was understood, and no parser may
 * be shown it.
 */
export function scanProlog(text: string, limit = text.length): Prolog | undefined {
  const end = Math.min(limit, text.length);
  let i = 0;
  let entity: Prolog['entity'];
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
      entity ??= scanned.entity;
      i = scanned.next;
    } else {
      let j = i + 1;
      while (j < end && !isSpace(text.charCodeAt(j)) && text[j] !== '>' && text[j] !== '/') j++;
      if (j === i + 1 || j >= end) return undefined;
      const prolog: Prolog = { rootOffset: i, rootName: text.slice(i + 1, j) };
      if (entity) prolog.entity = entity;
      return prolog;
    }
  }
  return undefined;
}

/** From after `<!DOCTYPE` to after its `>`: quoted literals, comments and processing instructions are skipped whole, so a `]` or `>` inside them ends nothing. */
function scanDoctype(text: string, i: number, end: number): { next: number; entity?: Prolog['entity'] } | undefined {
  let inSubset = false;
  let entity: Prolog['entity'];
  for (; i < end; i++) {
    const ch = text[i]!;
    let close = i;
    if (ch === '"' || ch === "'") {
      close = text.indexOf(ch, i + 1);
    } else if (ch === '[') {
      inSubset = true;
    } else if (ch === ']') {
      inSubset = false;
    } else if (inSubset && text.startsWith('<!--', i)) {
      close = text.indexOf('-->', i + 4) + 2;
    } else if (inSubset && text.startsWith('<?', i)) {
      close = text.indexOf('?>', i + 2) + 1;
    } else if (inSubset && text.startsWith('<!ENTITY', i)) {
      entity ??= { offset: i, name: entityName(text, i + 8) };
    } else if (!inSubset && ch === '>') {
      return entity ? { next: i + 1, entity } : { next: i + 1 };
    }
    if (close < i || close >= end) return undefined;
    i = close;
  }
  return undefined;
}

/** The declared name, as `% name` for a parameter entity. */
function entityName(text: string, i: number): string {
  const skipSpace = (j: number): number => {
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    return j;
  };
  let start = skipSpace(i);
  const parameter = text[start] === '%';
  if (parameter) start = skipSpace(start + 1);
  let end = start;
  while (end < text.length && end - start < 64 && !isSpace(text.charCodeAt(end)) && !'"\'>'.includes(text[end]!)) end++;
  return (parameter ? '% ' : '') + text.slice(start, end);
}
