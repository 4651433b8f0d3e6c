// Characters XML 1.0 cannot carry at all, even as references.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Tagged text's own escapes are XML's; a raw `&`, `<` or `>` is escaped here. */
export function xmlText(fragment: string): string {
  return fragment
    .replace(NOT_XML, '')
    .replace(/&(?!(?:amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Plain text (a reviewer's comment, a note): every `&` is the character itself, `AT&amp;T` included. */
export function xmlPlainText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function xmlAttr(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\n\r\t]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text as XML character data: `&`, `<` and `>` escaped, nothing else changed. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
