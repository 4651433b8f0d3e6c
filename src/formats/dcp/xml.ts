import type { Diagnostic } from '../../model/diagnostic.js';
import type { Locator } from '../shared/xml/locator.js';
import { attrsOf, childrenOf, nameOf, TEXT, type XNode } from '../shared/xml/nodes.js';
import { xmlReader } from '../shared/xml/read-xml.js';
import { messages } from './messages.js';

export { attrsOf, TEXT, type XNode } from '../shared/xml/nodes.js';
export type { Locator } from '../shared/xml/locator.js';

export interface DcpXml {
  /** The text read, where the locator's offsets are. */
  text: string;
  /** Absent when the text is no XML or its root is another element (both reported). */
  root?: XNode;
  locator?: Locator;
  /** The root element's namespace URI, '' for none. */
  rootNs?: string;
  diagnostics: Diagnostic[];
}

const readXml = xmlReader({ format: { code: 'dcp', name: 'DCP subtitle XML', outcome: 'the document was not read' } });

/** The shared XML reader's tree and the root's namespace, when the root is the dialect's `rootName`. */
export function readDcpXml(text: string, rootName: 'DCSubtitle' | 'SubtitleReel'): DcpXml {
  const { text: read, root, locator, diagnostics } = readXml(text);
  if (!root || !locator) return { text: read, diagnostics };
  if (localName(root) !== rootName) {
    diagnostics.push(messages.wrongRoot(localName(root), rootName, locator.at(root)));
    return { text: read, diagnostics };
  }
  const name = nameOf(root);
  const colon = name.indexOf(':');
  // The root can only be in a namespace it declares itself.
  const rootNs = attrsOf(root)[colon < 0 ? 'xmlns' : `xmlns:${name.slice(0, colon)}`] ?? '';
  return { text: read, root, locator, rootNs, diagnostics };
}

/** The name without its prefix. */
export function localName(node: XNode): string {
  const name = nameOf(node);
  return name.slice(name.indexOf(':') + 1);
}

export function isText(node: XNode): boolean {
  return nameOf(node) === TEXT;
}

/** Child nodes, text included, in document order. */
export function children(node: XNode): readonly XNode[] {
  return childrenOf(node, nameOf(node));
}

/** The first child element with this local name. */
export function child(node: XNode, local: string): XNode | undefined {
  return children(node).find((c) => !isText(c) && localName(c) === local);
}

/** The text content of an element, nested elements included, trimmed. */
export function contentOf(node: XNode | undefined): string {
  if (!node) return '';
  const collect = (n: XNode): string => (isText(n) ? String(n[TEXT]) : children(n).map(collect).join(''));
  return collect(node).trim();
}
