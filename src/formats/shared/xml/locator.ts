import { childrenOf, nameOf, TEXT, type XNode } from './nodes.js';
import type { SourceLines } from '../source-lines.js';

/**
 * Where elements start, for located diagnostics. The parser's nodes carry no
 * offsets; an element's pre-order index, found with one walk when the first
 * diagnostic asks, indexes the offsets scanTags found.
 */
export class Locator {
  private indexes: Map<XNode, number> | undefined;

  constructor(
    private readonly root: XNode,
    private readonly starts: Int32Array,
    readonly lines: SourceLines,
  ) {}

  /** The element's line, as a diagnostic's location. */
  at(node: XNode): { line: number } {
    const k = node === this.root ? 0 : (this.indexes ??= this.index()).get(node);
    return this.atIndex(k ?? 0);
  }

  /** Where the element's start tag begins (its `<`) in the text read. */
  offset(node: XNode): number {
    const k = node === this.root ? 0 : (this.indexes ??= this.index()).get(node);
    return this.starts[k ?? 0] ?? 0;
  }

  /** The line of the element that is `k`-th in document order, the root being 0. */
  atIndex(k: number): { line: number } {
    return { line: this.lines.lineAt(this.starts[k] ?? 0) };
  }

  private index(): Map<XNode, number> {
    const indexes = new Map<XNode, number>();
    const walk = (node: XNode, name: string): void => {
      indexes.set(node, indexes.size);
      for (const c of childrenOf(node, name)) {
        const key = nameOf(c);
        if (key !== TEXT) walk(c, key);
      }
    };
    walk(this.root, nameOf(this.root));
    return indexes;
  }
}
