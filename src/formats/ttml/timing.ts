import type { Diagnostic } from '../../model/diagnostic.js';
import { messages } from './messages.js';
import { add, cmp, INDEFINITE, isIndefinite, max, min, ZERO, type Rat } from './rational.js';
import type { SourceLines } from './source-lines.js';
import { parseLenientTime, parseTime, type TimingParameters } from './time.js';
import type { XElement } from './xml.js';

const TIMED = new Set(['body', 'div', 'p', 'span']);

export function isTimed(el: XElement): boolean {
  return el.ns === 'tt' && TIMED.has(el.local);
}

/** Text that counts as content: under `xml:space="default"` white space alone is layout. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/**
 * Resolves `begin`/`end`/`dur` to document time (TTML1 §10.4, SMIL timing):
 * in a `par` container children count from the parent's begin, in a `seq`
 * container from the previous sibling's end. Without `end`/`dur` an element
 * lasts as long as its timed children (`par`: the latest end; `seq`: the
 * last end); text in a `par` container is indefinite, in a `seq` zero.
 * White space and `<br/>` do not stretch a container.
 */
export class TimingResolver {
  /** The latest definite time resolved, the end given to indefinite cues. */
  latest: Rat | undefined;

  constructor(
    private readonly params: TimingParameters,
    private readonly lines: SourceLines,
    private readonly diagnostics: Diagnostic[],
  ) {}

  private warnedLenient = false;

  attribute(el: XElement, name: string): Rat | undefined {
    const value = el.attrs[name];
    if (value === undefined) return undefined;
    const t = parseTime(value, this.params);
    if (t !== undefined) return t;
    const lenient = parseLenientTime(value);
    if (lenient !== undefined) {
      if (!this.warnedLenient) this.diagnostics.push(messages.lenientTime(name, value, { line: this.lines.lineAt(el.offset) }));
      this.warnedLenient = true;
      return lenient;
    }
    this.diagnostics.push(messages.badTime(name, value, { line: this.lines.lineAt(el.offset) }));
    return undefined;
  }

  resolve(el: XElement, syncBase: Rat): void {
    const offset = this.attribute(el, 'begin');
    const begin = offset ? add(syncBase, offset) : syncBase;
    const endAttr = this.attribute(el, 'end');
    const dur = this.attribute(el, 'dur');
    let end: Rat | undefined;
    if (endAttr) end = add(syncBase, endAttr);
    if (dur) end = end ? min(end, add(begin, dur)) : add(begin, dur);

    const seq = el.attrs['timeContainer'] === 'seq';
    let cursor = begin;
    let latestChild: Rat | undefined;
    let text = false;
    for (const child of el.children) {
      if (typeof child === 'string') {
        text ||= !isBlank(child);
        continue;
      }
      if (!isTimed(child)) continue;
      this.resolve(child, seq ? cursor : begin);
      const childEnd = child.end!;
      if (seq) cursor = childEnd;
      latestChild = latestChild ? max(latestChild, childEnd) : childEnd;
    }
    if (end === undefined) {
      if (seq) end = cursor;
      else if (text) end = INDEFINITE;
      else end = latestChild ?? (el.local === 'span' || el.local === 'p' ? begin : INDEFINITE);
    }
    el.begin = begin;
    el.end = end;
    this.note(begin);
    this.note(end);
  }

  /** The interval of a region, which counts from the start of the document. */
  regionInterval(el: XElement): [Rat, Rat] | undefined {
    const b = this.attribute(el, 'begin');
    const e = this.attribute(el, 'end');
    const d = this.attribute(el, 'dur');
    if (!b && !e && !d) return undefined;
    const begin = b ?? ZERO;
    let end = e ?? INDEFINITE;
    if (d) end = min(end, add(begin, d));
    this.note(begin);
    this.note(end);
    return [begin, end];
  }

  private note(t: Rat): void {
    if (!isIndefinite(t) && (!this.latest || cmp(t, this.latest) > 0)) this.latest = t;
  }
}
