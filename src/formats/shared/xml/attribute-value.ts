function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Where the value of attribute `name` stands in the start tag at `at` (its
 * `<`), without the white space around it inside the quotes; undefined when
 * the tag has no such attribute. The tag is one the XML reader accepted.
 */
export function attributeValue(text: string, at: number, name: string): { from: number; to: number } | undefined {
  let i = at + 1;
  const n = text.length;
  while (i < n && !isSpace(text.charCodeAt(i)) && text[i] !== '>' && text[i] !== '/') i++;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n || text[i] === '>' || text[i] === '/') return undefined;
    const nameFrom = i;
    while (i < n && text[i] !== '=' && !isSpace(text.charCodeAt(i))) i++;
    const found = text.slice(nameFrom, i);
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (text[i] !== '=') return undefined;
    i++;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    const quote = text[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, i + 1);
    if (close < 0) return undefined;
    if (found === name) {
      let from = i + 1;
      let to = close;
      while (from < to && isSpace(text.charCodeAt(from))) from++;
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
      return { from, to };
    }
    i = close + 1;
  }
  return undefined;
}
