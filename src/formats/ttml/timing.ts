import type { Diagnostic } from '../../model/diagnostic.js';
import type { Locator } from '../shared/xml/locator.js';
import { messages } from './messages.js';
import { attrsOf, childrenOf, isBlank, nameOf, TEXT, textOf, type Attrs, type XNode } from '../shared/xml/nodes.js';
import { add, cmp, INDEFINITE, isIndefinite, max, min, toMs, ZERO, type Rat } from './rational.js';
import { parseLenientTime, parseTime, type FieldOverflow, type Seen, type TimingParameters } from './time.js';

/** An active interval in document time; the end may be indefinite. */
export interface Interval {
  begin: Rat;
  end: Rat;
}

/** The timed elements of the TTML core, by their canonical names (see nodes.ts). */
export function isTimed(name: string): boolean {
  return name === 'p' || name === 'span' || name === 'div' || name === 'body';
}

/**
 * One element's timing while its children are met in order (TTML1 §10.4,
 * SMIL timing): in a `par` container children count from the parent's
 * begin, in a `seq` container from the previous sibling's end. Without
 * `end`/`dur` an element lasts as long as its timed children (`par`: the
 * latest end; `seq`: the last end); text in a `par` container is
 * indefinite, in a `seq` zero. White space and `<br/>` do not stretch a
 * container.
 */
export class ElementTiming {
  readonly begin: Rat;
  /** From `end`/`dur`, when given. */
  readonly explicitEnd: Rat | undefined;
  readonly seq: boolean;
  private cursor: Rat;
  private latestChild: Rat | undefined;
  private text = false;
  private space = false;

  constructor(attrs: Attrs, begin: Rat, explicitEnd: Rat | undefined) {
    this.begin = begin;
    this.explicitEnd = explicitEnd;
    this.seq = attrs['timeContainer'] === 'seq';
    this.cursor = begin;
  }

  /** Where the next timed child counts from. */
  get syncBase(): Rat {
    return this.seq ? this.cursor : this.begin;
  }

  childEnded(end: Rat): void {
    if (this.seq) this.cursor = end;
    this.latestChild = this.latestChild ? max(this.latestChild, end) : end;
  }

  sawText(text: string): void {
    this.text ||= !isBlank(text);
    this.space ||= text !== '';
  }

  /** The resolved end, once every child has been met. */
  end(name: string): Rat {
    if (this.explicitEnd) return this.explicitEnd;
    if (this.seq) return this.cursor;
    // A span of only white space still separates words (`<span>a</span><span> </span><span>b</span>` is "a b").
    if (this.text || (name === 'span' && this.space)) return INDEFINITE;
    return this.latestChild ?? (name === 'span' || name === 'p' ? this.begin : INDEFINITE);
  }
}

export class TimingResolver {
  /** The latest definite time resolved, the end given to indefinite cues. */
  latest: Rat | undefined;
  private warnedLenient = false;
  private readonly seen: Seen = {};
  /** Media times between two frames of the picture: said once, at the first, with how many more. */
  private offGrid: { said: Diagnostic; message: string; more: number } | undefined;
  /** The first field past its rate is said; the rest are only counted into its message. */
  /** Per kind (a field past its rate, a label drop-frame skips): said once, at the first, with how many more. */
  private readonly overflows = new Map<boolean, { said: Diagnostic; message: string; more: number }>();

  constructor(
    private readonly params: TimingParameters,
    private readonly locator: Locator,
    /** Where problems with time expressions go. */
    public diagnostics: Diagnostic[],
  ) {}

  private attribute(attrs: Attrs, name: string, el: XNode): Rat | undefined {
    const value = attrs[name];
    if (value === undefined) return undefined;
    const t = parseTime(value, this.params, this.seen);
    if (this.seen.overflow) this.overflow(this.seen.overflow, name, value, el);
    if (this.seen.offGrid) this.betweenFrames(name, value, t!, el);
    if (t !== undefined) return t;
    const lenient = parseLenientTime(value);
    if (lenient !== undefined) {
      if (!this.warnedLenient) this.diagnostics.push(messages.lenientTime(name, value, this.locator.at(el)));
      this.warnedLenient = true;
      return lenient;
    }
    this.diagnostics.push(messages.badTime(name, value, this.locator.at(el)));
    return undefined;
  }

  private overflow(o: FieldOverflow, name: string, value: string, el: XNode): void {
    this.seen.overflow = undefined;
    const kind = o.field === 'dropped';
    const earlier = this.overflows.get(kind);
    if (earlier) {
      earlier.said.message = `${earlier.message} (and ${++earlier.more} more like this)`;
      return;
    }
    const said = messages.fieldOverflow(name, value, o, this.params.declared !== undefined, this.locator.at(el));
    this.overflows.set(kind, { said, message: said.message, more: 0 });
    this.diagnostics.push(said);
  }

  /**
   * Kept as the file states it (imscJS shows `00:00:01:00` at 1.000 s), but
   * the track's frame rate is the file's, and every writer puts its times
   * on that rate's frames: said, with where this one lands.
   */
  private betweenFrames(name: string, value: string, t: Rat, el: XNode): void {
    this.seen.offGrid = false;
    if (this.offGrid) {
      this.offGrid.said.message = `${this.offGrid.message} (and ${++this.offGrid.more} more like this)`;
      return;
    }
    const { frameRate, multiplier } = this.params;
    const said = messages.betweenFrames(name, value, toMs(t), { numerator: frameRate * multiplier[0], denominator: multiplier[1] }, this.locator.at(el));
    this.offGrid = { said, message: said.message, more: 0 };
    this.diagnostics.push(said);
  }

  /** Starts resolving an element: its own `begin`, `end` and `dur`, counted from `syncBase`. */
  start(el: XNode, syncBase: Rat): ElementTiming {
    const attrs = attrsOf(el);
    const offset = this.attribute(attrs, 'begin', el);
    const begin = offset ? add(syncBase, offset) : syncBase;
    const endAttr = this.attribute(attrs, 'end', el);
    const dur = this.attribute(attrs, 'dur', el);
    let end: Rat | undefined;
    if (endAttr) end = add(syncBase, endAttr);
    if (dur) end = end ? min(end, add(begin, dur)) : add(begin, dur);
    return new ElementTiming(attrs, begin, end);
  }

  /** Ends resolving an element; its interval counts towards the latest time. */
  finish(timing: ElementTiming, name: string): Interval {
    const end = timing.end(name);
    this.note(timing.begin);
    this.note(end);
    return { begin: timing.begin, end };
  }

  /**
   * Resolves an element and everything timed inside it. The intervals of
   * the spans go to `spans` when given, for the reader to show them.
   */
  resolve(el: XNode, name: string, syncBase: Rat, spans?: Map<XNode, Interval>): Interval {
    const timing = this.start(el, syncBase);
    for (const child of childrenOf(el, name)) {
      const key = nameOf(child);
      if (key === TEXT) timing.sawText(textOf(child));
      else if (isTimed(key)) timing.childEnded(this.resolve(child, key, timing.syncBase, spans).end);
    }
    const interval = this.finish(timing, name);
    if (spans && name === 'span') spans.set(el, interval);
    return interval;
  }

  /** The interval of a region, which counts from the start of the document. */
  regionInterval(el: XNode): [Rat, Rat] | undefined {
    const attrs = attrsOf(el);
    const b = this.attribute(attrs, 'begin', el);
    const e = this.attribute(attrs, 'end', el);
    const d = this.attribute(attrs, 'dur', el);
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
