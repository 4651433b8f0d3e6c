import { keepShapes } from './keep-shapes.js';

/** Pieces joined this many at a time. */
const CHUNK = 256;

/**
 * `pieces.join(separator)` for the many pieces of a long text, joined as
 * they come in chunks: a 100,000-cue file then keeps a few hundred strings
 * alive until the end rather than 100,000, which the collector would copy
 * again and again.
 */
export class Joiner {
  private readonly chunks: string[] = [];
  private readonly pending: string[] = [];

  constructor(private readonly separator: string) {}

  add(piece: string): void {
    this.pending.push(piece);
    if (this.pending.length === CHUNK) this.flush();
  }

  /** The pieces joined, after `head` with no separator: one flat string, which readers scan fastest. */
  join(head = ''): string {
    this.flush();
    const first = this.chunks[0];
    if (first === undefined) return head;
    if (head !== '') this.chunks[0] = head + first;
    return this.chunks.join(this.separator);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(this.pending.join(this.separator));
    this.pending.length = 0;
  }
}

keepShapes(new Joiner(''));
