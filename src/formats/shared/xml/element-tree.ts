import { attrsOf, childrenOf, nameOf, TEXT, textOf as nodeText, type XNode } from './nodes.js';

/** An element as a plain tree, for readers that walk mixed content (TMX `<seg>`, XLIFF `<source>`). */
export interface Element {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: Node[];
  /** Its place in document order, the root being 0: `Locator.atIndex` gives its line. */
  index: number;
}

export type Node = Element | string;

/** The parser's tree under `root`, as Elements. */
export function elementTree(root: XNode): Element {
  let next = 0;
  const convert = (node: XNode, name: string): Element => {
    const element: Element = { name, attrs: attrsOf(node), children: [], index: next++ };
    for (const child of childrenOf(node, name)) {
      const key = nameOf(child);
      element.children.push(key === TEXT ? String(nodeText(child)) : convert(child, key));
    }
    return element;
  };
  return convert(root, nameOf(root));
}

export function elements(parent: Element, name: string): Element[] {
  return parent.children.filter((c): c is Element => typeof c !== 'string' && c.name === name);
}

/** All the text inside, nested elements included. */
export function textOf(node: Node): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
