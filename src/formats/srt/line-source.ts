const MARKUP = ['<', '{', '&', '\u2028', '\u2029'];

/**
 * The lines of a text, read on demand with a little lookahead. Unlike
 * `split`, a line the reader is past can be dropped at once, so 100,000-cue
 * files do not keep half a million strings alive (and copied by the GC)
 * for the whole parse. Line ends: `\r\n`, `\n` or `\r`, mixed.
 */
export class LineSource {
  private pos = 0;
  private readonly lines: Array<string | undefined> = [];
  /** Text offset where each line in `lines` starts. */
  private readonly starts: number[] = [];
  /** Row number of `lines[0]`. */
  private first = 0;
  /** Rows before `first + head` have been released. */
  private head = 0;
  /** Next `\n` and `\r` at or after `pos` (-1: none left); found with indexOf, which is fast. */
  private nextLF = -2;
  private nextCR = -2;

  /** Next position of each of `MARKUP` at or after the last line asked about (-1: none left). */
  private readonly nextMarkup = MARKUP.map(() => -2);

  constructor(private readonly text: string) {}

  /** Row `row` (0-based), or undefined past the end. Only rows not yet released can be asked for. */
  get(row: number): string | undefined {
    const k = row - this.first;
    while (k >= this.lines.length) if (!this.read()) return undefined;
    return this.lines[k];
  }

  /** The reader will not ask for rows before `row` again. */
  release(row: number): void {
    const k = row - this.first;
    while (this.head < k) this.lines[this.head++] = undefined;
    if (this.head > 64) {
      this.lines.splice(0, this.head);
      this.starts.splice(0, this.head);
      this.first += this.head;
      this.head = 0;
    }
  }

  private read(): boolean {
    const text = this.text;
    const n = text.length;
    const from = this.pos;
    if (from > n) return false;
    if (this.nextLF !== -1 && this.nextLF < from) this.nextLF = text.indexOf('\n', from);
    if (this.nextCR !== -1 && this.nextCR < from) this.nextCR = text.indexOf('\r', from);
    const lf = this.nextLF < 0 ? n : this.nextLF;
    const cr = this.nextCR < 0 ? n : this.nextCR;
    const end = lf < cr ? lf : cr;
    this.pos = end === cr && lf === cr + 1 ? end + 2 : end + 1;
    this.lines.push(text.slice(from, end));
    this.starts.push(from);
    return true;
  }

  /**
   * Whether row `row` (already read) holds a character that may start markup:
   * `<`, `{`, `&`, U+2028 or U+2029. Found by indexOf over the whole text,
   * which is much faster than scanning each line string: those are slices
   * of the text, and scanning slices char by char is slow.
   */
  hasMarkup(row: number): boolean {
    const k = row - this.first;
    const from = this.starts[k]!;
    const end = from + this.lines[k]!.length;
    const next = this.nextMarkup;
    for (let m = 0; m < MARKUP.length; m++) {
      let at = next[m]!;
      if (at !== -1 && at < from) next[m] = at = this.text.indexOf(MARKUP[m]!, from);
      if (at !== -1 && at < end) return true;
    }
    return false;
  }
}
