/** Offsets to 1-based lines, indexed only when a diagnostic first asks. */
export class SourceLines {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    // Near the top (the root element, the head) counting beats indexing a long file.
    if (!this.starts && offset < 65_536) return this.count(offset);
    const starts = (this.starts ??= this.index());
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The 1-based line and column (in UTF-16 code units) of an offset. */
  locate(offset: number): { line: number; column: number } {
    const line = this.lineAt(offset);
    let start = offset;
    while (start > 0 && this.text.charCodeAt(start - 1) !== 0x0a && this.text.charCodeAt(start - 1) !== 0x0d) start--;
    return { line, column: offset - start + 1 };
  }

  get lastLine(): number {
    return this.lineAt(this.text.length);
  }

  private count(offset: number): number {
    const t = this.text;
    let line = 1;
    for (let i = 0; i < offset && i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && t.charCodeAt(i + 1) !== 0x0a)) line++;
    }
    return line;
  }

  private index(): number[] {
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x0a) starts.push(i + 1);
      else if (c === 0x0d && t.charCodeAt(i + 1) !== 0x0a) starts.push(i + 1);
    }
    return starts;
  }
}
