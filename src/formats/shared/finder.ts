import { keepShapes } from './keep-shapes.js';

/**
 * Where any of a few strings next occurs in a text, for positions asked
 * about mostly in order: one indexOf a string over the text ahead of the
 * reader, which is much faster than scanning each line for them, and one
 * comparison a question while the nearest is still ahead.
 */
export class Finder {
  /** Per needle, its next occurrence at or after where it was last looked for; -1: none left, -2: not looked for yet. */
  private readonly next: number[];
  /** The least of `next` that is not -1; -1 when none is left. */
  private nearest = -2;
  private from = 0;

  constructor(
    private readonly text: string,
    private readonly needles: readonly string[],
  ) {
    this.next = needles.map(() => -2);
  }

  /** Whether one of the strings occurs at a position in `[from, end)`. */
  within(from: number, end: number): boolean {
    const nearest = this.nearest;
    if ((nearest !== -1 && nearest < from) || from < this.from) this.advance(from);
    this.from = from;
    return this.nearest !== -1 && this.nearest < end;
  }

  private advance(from: number): void {
    const { next, needles } = this;
    const back = from < this.from;
    let nearest = -1;
    for (let k = 0; k < next.length; k++) {
      let at = next[k]!;
      if ((at !== -1 && at < from) || back) next[k] = at = this.text.indexOf(needles[k]!, from);
      if (at !== -1 && (nearest === -1 || at < nearest)) nearest = at;
    }
    this.nearest = nearest;
  }
}

keepShapes(new Finder('', ['']));
