import { doubled } from './doubled.js';
import { keepShapes } from './keep-shapes.js';

/**
 * The lines of a text as offsets into it, found as the reader asks for
 * them: a reader looks at timing and number lines in place and cuts out
 * only the strings it keeps (cue text), so a 100,000-cue file does not turn
 * into half a million strings for the collector to copy, and each line is
 * read while it is still in the cache. Line ends: `\r\n`, `\n` or `\r`, mixed,
 * as SRT and WebVTT both have them.
 */
export class LineSource {
  /** Where row `r` starts and ends (before its line end) in `text`. */
  private starts: Int32Array;
  private ends: Int32Array;
  /** Rows found so far. */
  private found = 0;
  /** Where the next row starts; past the end after the last row. */
  private pos = 0;
  /** Next `\n` and `\r` at or after `pos` (-1: none left); found with indexOf, which is fast. */
  private nextLF = -2;
  private nextCR = -2;

  constructor(readonly text: string) {
    // Room for a row every 16 characters, about what subtitle files hold, so a
    // whole file is mostly read without growing the arrays (copying them) on the way.
    const room = Math.max(1024, Math.min(text.length >> 4, 1 << 22));
    this.starts = new Int32Array(room);
    this.ends = new Int32Array(room);
  }

  /** Whether row `row` (0-based) exists; `start`, `end` and `get` need this first. A final line end is followed by one empty row. */
  has(row: number): boolean {
    while (row >= this.found) if (!this.read()) return false;
    return true;
  }

  /** Row `row`, or undefined past the end. */
  get(row: number): string | undefined {
    return this.has(row) ? this.text.slice(this.starts[row]!, this.ends[row]!) : undefined;
  }

  start(row: number): number {
    return this.starts[row]!;
  }

  end(row: number): number {
    return this.ends[row]!;
  }

  private read(): boolean {
    const { text } = this;
    const n = text.length;
    const from = this.pos;
    if (from > n) return false;
    if (this.nextLF !== -1 && this.nextLF < from) this.nextLF = text.indexOf('\n', from);
    if (this.nextCR !== -1 && this.nextCR < from) this.nextCR = text.indexOf('\r', from);
    const lf = this.nextLF < 0 ? n : this.nextLF;
    const cr = this.nextCR < 0 ? n : this.nextCR;
    const end = lf < cr ? lf : cr;
    this.pos = end === cr && lf === cr + 1 ? end + 2 : end + 1;
    if (this.found === this.starts.length) {
      this.starts = doubled(this.starts);
      this.ends = doubled(this.ends);
    }
    this.starts[this.found] = from;
    this.ends[this.found] = end;
    this.found++;
    return true;
  }
}

keepShapes(new LineSource(''));
