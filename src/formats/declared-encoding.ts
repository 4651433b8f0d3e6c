// `<?xml` in ASCII at the very start, as XML requires of a declaration in an ASCII-compatible encoding.
const XML_DECLARATION = [0x3c, 0x3f, 0x78, 0x6d, 0x6c];
/** Longer than any declaration with its version, encoding and standalone pseudo-attributes. */
const LIMIT = 256;
const ENCODING = /^<\?xml\s[^?]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** The encoding name the XML declaration at the start of the bytes gives, as written; undefined when there is none. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (!XML_DECLARATION.every((b, i) => bytes[i] === b)) return undefined;
  const head = bytes.subarray(0, LIMIT);
  const end = head.findIndex((b, i) => b === 0x3f && head[i + 1] === 0x3e);
  if (end < 0) return undefined;
  const match = ENCODING.exec(String.fromCharCode(...head.subarray(0, end)));
  return match?.[1] ?? match?.[2];
}
