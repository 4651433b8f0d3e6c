import type { Diagnostic } from '../../model/diagnostic.js';
import type { Locator } from '../ttml/locator.js';
import { childrenOf, nameOf, TEXT, type XNode } from '../ttml/nodes.js';
import { SourceLines } from '../shared/source-lines.js';
import { readXml } from '../ttml/xml.js';
import { messages } from './messages.js';

export { attrsOf, TEXT, type XNode } from '../ttml/nodes.js';
export type { Locator } from '../ttml/locator.js';

export interface DcpXml {
  root?: XNode;
  locator?: Locator;
  rootLocal?: string;
  rootNs?: string;
  diagnostics: Diagnostic[];
}

/**
 * The TTML reader's safe XML (DTD entities refused, well-formedness located),
 * with its diagnostics under DCP codes: only the entity refusal names TTML.
 */
export function readDcpXml(text: string): DcpXml {
  const result = readXml(text, new SourceLines(text));
  const diagnostics = result.diagnostics.map((d): Diagnostic => {
    if (d.code === 'ttml/doctype-entities') return messages.doctypeEntities({ line: d.line });
    return { ...d, code: d.code.replace(/^ttml\//, 'dcp/') };
  });
  const out: DcpXml = { diagnostics };
  if (result.root) out.root = result.root;
  if (result.locator) out.locator = result.locator;
  if (result.rootLocal !== undefined) out.rootLocal = result.rootLocal;
  if (result.rootNs !== undefined) out.rootNs = result.rootNs;
  return out;
}

/** The local name: readXml spells elements of a foreign namespace `{uri}local`. */
export function localName(node: XNode): string {
  const name = nameOf(node);
  const brace = name.lastIndexOf('}');
  const colon = name.lastIndexOf(':');
  return name.slice(Math.max(brace, colon) + 1);
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
