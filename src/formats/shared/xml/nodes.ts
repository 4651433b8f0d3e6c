/**
 * A node of fast-xml-parser's `preserveOrder` tree, read in place rather than
 * copied: an element is `{ [name]: children, ':@'?: attributes }`, text is
 * `{ '#text': string }`. Names are as written (`dcst:Text`), unless a reader
 * renames them (TTML's canonical names).
 */
export type XNode = Record<string, unknown>;
export type Attrs = Readonly<Record<string, string>>;

export const TEXT = '#text';
export const ATTRS = ':@';

const EMPTY_ATTRS: Attrs = Object.freeze({});
const NO_CHILDREN: readonly XNode[] = Object.freeze([]);

/** The element name of a node, or `#text`. */
export function nameOf(node: XNode): string {
  for (const key in node) if (key !== ATTRS) return key;
  return '';
}

export function attrsOf(node: XNode): Attrs {
  return (node[ATTRS] as Attrs | undefined) ?? EMPTY_ATTRS;
}

export function childrenOf(node: XNode, name: string): readonly XNode[] {
  return (node[name] as XNode[] | undefined) ?? NO_CHILDREN;
}

export function textOf(node: XNode): string {
  return node[TEXT] as string;
}

/** The element children of `node` called `name`. */
export function elements(node: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  for (const c of childrenOf(node, nameOf(node))) if (nameOf(c) === name) out.push(c);
  return out;
}

/** Nothing but XML white space: under `xml:space="default"` layout of the file, not content. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
