import { isNearBlack } from '../../model/color.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Cue, FrameRate, Placement, Span, Track } from '../../model/track.js';
import type { CueTimeFields, ParseOptions, ParseResult, TimeField } from '../types.js';
import { attributeValue } from '../shared/xml/attribute-value.js';
import { framesCounted, ttmlTimeText } from './time-field.js';
import { placementOf, readFrame, type Frame } from './layout.js';
import { buildLines, LineBuilder, type Run } from './lines.js';
import type { Locator } from '../shared/xml/locator.js';
import { messages } from './messages.js';
import { attrsOf, childrenOf, elements, isBlank, nameOf, TEXT, textOf, type XNode } from '../shared/xml/nodes.js';
import { add, cmp, INDEFINITE, isIndefinite, max, min, ms, rat, toMs, ZERO, type Rat } from './rational.js';
import { settleCueIds } from '../shared/cue-ids.js';
import { lineAlign, merge, NO_STYLE, StyleSheet, type StyleProps } from './styles.js';
import { readParameters, type TimingParameters } from './time.js';
import { isTimed, TimingResolver, type ElementTiming, type Interval } from './timing.js';
import { readTtmlXml } from './xml.js';

interface Region {
  style: StyleProps;
  /** What the region hands down as the root of inheritance for the content it holds. */
  inherited: StyleProps;
  interval?: [Rat, Rat];
}

/** A paragraph's runs with the interval each is shown in. */
interface Content {
  runs: Run[];
  begins: Rat[];
  ends: Rat[];
  /** Some run is shown for less than the whole paragraph. */
  split: boolean;
  from: Rat;
  to: Rat;
}

/**
 * What a container hands down to the paragraphs it shows. Its style is read
 * when first asked for, so a container that turns out to show nothing
 * reports nothing about its styles.
 */
class Context {
  private resolved: StyleProps | undefined;

  constructor(
    /** The part of the timeline where the container's content can show, clipped to its ancestors'. */
    readonly shown: Interval,
    readonly regionId: string | undefined,
    readonly preserve: boolean,
    private readonly styleOf: () => StyleProps,
  ) {}

  style(): StyleProps {
    return (this.resolved ??= this.styleOf());
  }
}

const BR: Run = { br: true };

/** EBU-TT metadata, named by namespace once read (`{urn:ebu:tt:metadata}authoredFrameRate`). */
const EBUTTM_NS = 'urn:ebu:tt:metadata';

/**
 * The frame rate an EBU-TT-D document was authored at (`ebuttm:authoredFrameRate`,
 * with its multiplier), which it states in its metadata instead of `ttp:frameRate`:
 * a 25 fps file stays on 25 fps frames when it is timed or written again.
 */
function authoredFrameRate(documentMetadata: XNode): FrameRate | undefined {
  let rate: number | undefined;
  let multiplier: [number, number] = [1, 1];
  for (const c of childrenOf(documentMetadata, nameOf(documentMetadata))) {
    const name = nameOf(c);
    if (name === `{${EBUTTM_NS}}authoredFrameRate`) rate = Number(textContent(c, name).trim());
    else if (name === `{${EBUTTM_NS}}authoredFrameRateMultiplier`) {
      const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(textContent(c, name));
      if (m && Number(m[1]) > 0 && Number(m[2]) > 0) multiplier = [Number(m[1]), Number(m[2])];
    }
  }
  if (rate === undefined || !Number.isInteger(rate) || rate <= 0) return undefined;
  return { numerator: rate * multiplier[0], denominator: multiplier[1] };
}

/** A cue as read: its times already rounded, its id the file's own if any, settled by finish. */
interface PendingCue {
  id: string | undefined;
  start: number;
  end: number;
  lines: Span[][];
  placement?: Placement;
}

/** A background a viewer would miss: neither see-through nor the dark box every writer puts behind text anyway. */
function shownBackground(color: string): boolean {
  const alpha = /^#[0-9a-f]{8}$/.test(color) ? Number.parseInt(color.slice(7), 16) : 255;
  return alpha > 0 && !isNearBlack(color);
}

/** Properties that flow from parent to child; region geometry does not. */
function inherit(parent: StyleProps, own: StyleProps): StyleProps {
  if (own === NO_STYLE) return parent;
  const out: StyleProps = { ...parent };
  if (own.italic !== undefined) out.italic = own.italic;
  if (own.bold !== undefined) out.bold = own.bold;
  if (own.underline !== undefined) out.underline = own.underline;
  if (own.color !== undefined) out.color = own.color;
  if (own.textAlign !== undefined) out.textAlign = own.textAlign;
  if (own.direction !== undefined) out.direction = own.direction;
  if (own.hidden !== undefined) out.hidden = own.hidden;
  if (own.lineThrough !== undefined) out.lineThrough = own.lineThrough;
  // Not inherited in TTML, but painted behind the children: what the text is read on.
  if (own.background !== undefined) out.background = own.background;
  return out;
}

function textContent(el: XNode, name: string): string {
  let out = '';
  for (const c of childrenOf(el, name)) {
    const key = nameOf(c);
    out += key === TEXT ? textOf(c) : textContent(c, key);
  }
  return out;
}

function preserves(el: XNode, inherited: boolean): boolean {
  const space = attrsOf(el)['xml:space'];
  return space === undefined ? inherited : space === 'preserve';
}

/**
 * A paragraph of text, `<br/>` and spans that only style their text (no
 * timing of their own, some text in each): the shape nearly every file has.
 * Such spans are shown for the whole paragraph, so it is read without
 * timing each of them.
 */
function isPlain(p: XNode): boolean {
  if (attrsOf(p)['timeContainer'] !== undefined) return false;
  for (const c of childrenOf(p, 'p')) {
    if (c[TEXT] !== undefined || c['br'] !== undefined) continue;
    const inner = c['span'] as XNode[] | undefined;
    if (inner === undefined) return false;
    const a = attrsOf(c);
    if (a['begin'] !== undefined || a['end'] !== undefined || a['dur'] !== undefined || a['timeContainer'] !== undefined) return false;
    // A span without text lasts no time, and a paragraph holding one is split around it.
    let text = false;
    for (const t of inner) {
      const value = t[TEXT];
      if (value === undefined) {
        if (t['br'] === undefined) return false;
      } else if (value !== '') {
        text = true;
      }
    }
    if (!text) return false;
  }
  return true;
}

/** Whether a paragraph holds text other than XML white space, in itself or its spans (not in its metadata). */
function holdsText(node: XNode): boolean {
  for (const child of childrenOf(node, nameOf(node))) {
    const name = nameOf(child);
    if (name === TEXT ? !isBlank(textOf(child)) : name === 'span' && holdsText(child)) return true;
  }
  return false;
}

const FALLBACK_DURATION = rat(5);

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly cues: PendingCue[] = [];
  /** Where cue k came from: its `<p>`, located only if its id must change (locating walks the whole document). */
  private readonly paragraphs: XNode[] = [];
  /** Whether cue k's id is the file's `xml:id`. */
  private readonly given: boolean[] = [];
  /** Paragraphs with text that are never shown (their time, clipped to their containers' and region's, is empty): said, not kept. */
  private readonly unshown: XNode[] = [];
  /** Cues whose end nothing resolves yet, with their exact begin; finish ends them. */
  private readonly indefinite = new Map<PendingCue, Rat>();
  private readonly styles: StyleSheet;
  private readonly regions = new Map<string, Region>();
  private readonly placements = new Map<string, Placement | undefined>();
  private readonly regionPlacements = new Map<Region | undefined, Map<string | undefined, Placement | undefined>>();
  private readonly warnedRegions = new Set<string>();
  /** Span intervals of the paragraph being read. */
  private readonly spanTimes = new Map<XNode, Interval>();
  private readonly lines = new LineBuilder();
  /** What the paragraph being read shows. */
  private content: Content = { runs: [], begins: [], ends: [], split: false, from: ZERO, to: ZERO };
  private frame: Frame = { columns: 32, rows: 15 };
  timing!: TimingResolver;
  private params!: TimingParameters;
  /** Where a cue's times stand in `located`. */
  private readonly fields = new Map<PendingCue, CueTimeFields>();

  constructor(
    private readonly locator: Locator,
    /** The text read, when the caller asked where the times stand in it. */
    private readonly located: string | undefined,
  ) {
    this.styles = new StyleSheet(locator, this.diagnostics);
  }

  /** Where each cue's times stand, in the order of `cues`. */
  timeFields(cues: readonly Cue[]): CueTimeFields[] {
    return cues.map((cue) => this.fields.get(cue) ?? { start: undefined, end: undefined });
  }

  line(el: XNode): { line: number } {
    return this.locator.at(el);
  }

  read(root: XNode, opts: ParseOptions): Track {
    const attrs = attrsOf(root);
    const { params, diagnostics } = readParameters(attrs, opts.frameRate, () => this.line(root));
    this.params = params;
    for (const d of diagnostics) this.diagnostics.push(d);
    this.timing = new TimingResolver(params, this.locator, this.diagnostics);
    this.frame = readFrame(attrs);

    const track: Track = { language: attrs['xml:lang']?.trim() || opts.language || 'und', cues: [], meta: {} };
    if (params.declared) track.frameRate = params.declared;

    const head = elements(root, 'head')[0];
    if (head) this.readHead(head, track);
    const body = elements(root, 'body')[0];
    if (!body) {
      this.diagnostics.push(messages.noBody(this.line(root)));
      return track;
    }
    // Problems with times come before what showing the content finds, as if all timing were resolved first.
    const timingDiagnostics: Diagnostic[] = [];
    const mark = this.diagnostics.length;
    this.timing.diagnostics = timingDiagnostics;
    // `xml:space` on `<tt>` holds for the whole document, as on any element below it.
    this.container(body, 'body', ZERO, new Context({ begin: ZERO, end: INDEFINITE }, undefined, preserves(root, false), () => NO_STYLE));
    const found = this.diagnostics.splice(mark);
    for (const d of [timingDiagnostics, found].flat()) this.diagnostics.push(d);
    track.cues = this.finish();
    return track;
  }

  private readHead(head: XNode, track: Track): void {
    for (const styling of elements(head, 'styling')) for (const s of elements(styling, 'style')) this.styles.define(s);
    for (const metadata of elements(head, 'metadata')) {
      for (const c of childrenOf(metadata, 'metadata')) {
        if (nameOf(c) === 'ttm:title') {
          const title = textContent(c, 'ttm:title').trim();
          if (title) track.meta.title = title;
        } else if (nameOf(c) === `{${EBUTTM_NS}}documentMetadata` && track.frameRate === undefined) {
          const authored = authoredFrameRate(c);
          if (authored) track.frameRate = authored;
        }
      }
    }
    for (const layout of elements(head, 'layout')) {
      for (const r of elements(layout, 'region')) {
        const attrs = attrsOf(r);
        const id = attrs['xml:id'] ?? attrs['id'];
        if (id === undefined) continue;
        // Nested <style> elements are the region's own styling (TTML1 §8.1.2).
        let style = this.styles.specified(r);
        for (const s of elements(r, 'style')) style = merge(style, this.styles.specified(s));
        if (style.writingDirection !== undefined && style.direction === undefined) style = merge(style, { direction: style.writingDirection });
        const region: Region = { style, inherited: inherit(NO_STYLE, style) };
        const interval = this.timing.regionInterval(r);
        if (interval) region.interval = interval;
        this.regions.set(id, region);
      }
    }
  }

  /**
   * Resolves the timing of `body` or a `div` and reads the paragraphs it
   * shows, in one pass; returns the container's end. A container without
   * `end`/`dur` ends with its last child, so clipping its children to that
   * end changes nothing: what it can show is known before its children are read.
   */
  private container(el: XNode, name: string, syncBase: Rat, parent: Context | undefined): Rat {
    const timing = this.timing.start(el, syncBase);
    let context: Context | undefined;
    if (parent) {
      const begin = max(parent.shown.begin, timing.begin);
      const end = timing.explicitEnd ? min(parent.shown.end, timing.explicitEnd) : parent.shown.end;
      if (cmp(begin, end) < 0) {
        const styleOf = (): StyleProps => inherit(parent.style(), this.styles.specified(el));
        context = new Context({ begin, end }, attrsOf(el)['region'] ?? parent.regionId, preserves(el, parent.preserve), styleOf);
      }
    }
    for (const child of childrenOf(el, name)) {
      const key = nameOf(child);
      if (key === TEXT) timing.sawText(textOf(child));
      else if (key === 'div') timing.childEnded(this.container(child, key, timing.syncBase, context));
      else if (key === 'p') timing.childEnded(this.paragraph(child, timing, context));
      else if (isTimed(key)) timing.childEnded(this.timing.resolve(child, key, timing.syncBase).end);
    }
    const { end } = this.timing.finish(timing, name);
    // A container that shows something has its styles read (and reported) even when no paragraph asked.
    if (context && cmp(context.shown.begin, end) < 0) context.style();
    return end;
  }

  private region(id: string | undefined, el: XNode): Region | undefined {
    if (id === undefined) return undefined;
    const region = this.regions.get(id);
    if (!region && !this.warnedRegions.has(id)) {
      this.warnedRegions.add(id);
      this.diagnostics.push(messages.unknownRegion(id, this.line(el)));
    }
    return region;
  }

  /** Resolves a paragraph's timing and, when its container shows it, reads it; returns its end. */
  private paragraph(p: XNode, parent: ElementTiming, context: Context | undefined): Rat {
    const syncBase = parent.syncBase;
    const plain = isPlain(p);
    const spans = this.spanTimes;
    if (!plain && spans.size > 0) spans.clear();
    const interval = plain ? this.plainInterval(p, syncBase) : this.timing.resolve(p, 'p', syncBase, spans);
    if (!context) return this.neverShown(p, interval.end);
    let from = max(context.shown.begin, interval.begin);
    let to = min(context.shown.end, interval.end);
    if (cmp(from, to) >= 0) return this.neverShown(p, interval.end);

    const chain = context.style();
    const own = this.styles.specified(p);
    const attrs = attrsOf(p);
    const region = this.region(attrs['region'] ?? context.regionId, p);
    if (region?.interval) {
      from = max(from, region.interval[0]);
      to = min(to, region.interval[1]);
      if (cmp(from, to) >= 0) return this.neverShown(p, interval.end);
    }
    const style = region ? inherit(region.inherited, inherit(chain, own)) : inherit(chain, own);
    const before = this.cues.length;
    const hiddenBefore = this.hidden?.count ?? 0;
    // In a `seq` container the next paragraph begins where this one ends: its times are not its own to move.
    const fields = this.located === undefined || parent.seq ? undefined : this.paragraphFields(p, syncBase, interval, { begin: from, end: to });
    this.show(p, plain, { begin: from, end: to }, style, this.placement(region, own, style), preserves(p, context.preserve), fields);
    if (this.cues.length > before || (this.hidden?.count ?? 0) > hiddenBefore) return interval.end;
    // Nothing shown of a paragraph with text, none of it hidden: its spans are timed outside it.
    return this.neverShown(p, interval.end);
  }

  /**
   * Where a shown paragraph's times stand: its own `begin`, and `end` or
   * `dur`, where they make its cue's (not clipped by its container or region).
   */
  private paragraphFields(p: XNode, syncBase: Rat, interval: Interval, shown: Interval): CueTimeFields {
    const text = this.located!;
    const at = this.locator.offset(p);
    const attrs = attrsOf(p);
    const { params } = this;
    const field = (attr: string, write: (written: string, times: { start: number; end: number }) => string | undefined): TimeField[] | undefined => {
      const place = attributeValue(text, at, attr);
      if (place === undefined) return undefined;
      const written = text.slice(place.from, place.to);
      const made: TimeField = { ...place, write: (times) => write(written, times) };
      const counts = framesCounted(written, params);
      if (counts !== undefined) made.counts = counts;
      return [made];
    };
    const start = attrs['begin'] !== undefined && cmp(shown.begin, interval.begin) === 0 ? field('begin', (w, t) => ttmlTimeText(w, t.start, syncBase, params)) : undefined;
    let end: TimeField[] | undefined;
    if (cmp(shown.end, interval.end) === 0 && (attrs['end'] === undefined) !== (attrs['dur'] === undefined)) {
      end =
        attrs['end'] !== undefined
          ? field('end', (w, t) => ttmlTimeText(w, t.end, syncBase, params))
          : // A duration counts from the paragraph's begin: its new one where it has its own.
            field('dur', (w, t) => ttmlTimeText(w, t.end, start === undefined ? interval.begin : ms(t.start), params));
    }
    return { start, end };
  }

  /** The cues a shown paragraph makes in `shown`; `fields`: where its times stand, when located (a piece of it has none of its own). */
  private show(p: XNode, plain: boolean, shown: Interval, style: StyleProps, placement: Placement | undefined, keep: boolean, fields: CueTimeFields | undefined): void {
    const { begin: from, end: to } = shown;
    const id = attrsOf(p)['xml:id'];
    if (plain) {
      this.push(id, p, id !== undefined, from, to, this.plainLines(p, style, keep), placement, fields);
      return;
    }
    const content: Content = { runs: [], begins: [], ends: [], split: false, from, to };
    this.content = content;
    this.collect(p, 'p', from, to, style, keep);
    const { runs, begins, ends } = content;
    if (!content.split) {
      this.push(id, p, id !== undefined, from, to, buildLines(runs), placement, fields);
      return;
    }
    // Spans timed apart (karaoke, roll-up): one cue per stretch of constant content, as an ISD sequence would show it.
    const times = [from, to, ...begins, ...ends].sort(cmp);
    let last: PendingCue | undefined;
    let lastBegin = ZERO;
    let lastEnd = ZERO;
    let lastKey = '';
    let piece = 0;
    for (let k = 0; k + 1 < times.length; k++) {
      const b = times[k]!;
      const e = times[k + 1]!;
      if (cmp(b, e) === 0) continue;
      const active = runs.filter((_, i) => cmp(begins[i]!, b) <= 0 && cmp(ends[i]!, e) >= 0);
      const lines = buildLines(active);
      const key = JSON.stringify(lines);
      if (last && lastKey === key && cmp(lastEnd, b) === 0) {
        lastEnd = e;
        this.setEnd(last, lastBegin, e);
        continue;
      }
      if (lines.length === 0) {
        last = undefined;
        continue;
      }
      piece++;
      // Pieces after the first get ids of their own, made up from the paragraph's.
      last = piece === 1 || id === undefined ? this.push(id, p, id !== undefined, b, e, lines, placement) : this.push(`${id}-${piece}`, p, false, b, e, lines, placement);
      lastBegin = b;
      lastEnd = e;
      lastKey = key;
    }
  }

  /**
   * The interval of a paragraph `isPlain` accepts, as `TimingResolver.resolve`
   * finds it: its spans begin with it and, holding text, end indefinitely,
   * so they count as a child that ends indefinitely and need no timing of their own.
   */
  private plainInterval(p: XNode, syncBase: Rat): Interval {
    const timing = this.timing.start(p, syncBase);
    // A paragraph with an end of its own lasts until then whatever it holds.
    if (timing.explicitEnd) return this.timing.finish(timing, 'p');
    for (const c of childrenOf(p, 'p')) {
      const text = c[TEXT];
      if (text !== undefined) timing.sawText(text as string);
      else if (c['span'] !== undefined) timing.childEnded(INDEFINITE);
    }
    return this.timing.finish(timing, 'p');
  }

  /** The lines of a paragraph `isPlain` accepts, as `collect` and `buildLines` find them: every run shown for the whole paragraph. */
  private plainLines(p: XNode, style: StyleProps, keep: boolean): Span[][] {
    const lines = this.lines;
    for (const c of childrenOf(p, 'p')) {
      const text = c[TEXT];
      if (text !== undefined) {
        if (style.hidden === true) this.noteHidden(p, text as string);
        else lines.text(text as string, style, keep), this.noteStruck(p, style, text as string);
        continue;
      }
      const inner = c['span'] as XNode[] | undefined;
      if (inner === undefined) {
        if (c['br'] !== undefined) lines.br();
        continue;
      }
      const specified = this.styles.specified(c);
      if (specified.rubyText) {
        this.noteRuby(c);
        continue;
      }
      const spanStyle = inherit(style, specified);
      const spanKeep = preserves(c, keep);
      for (const t of inner) {
        const value = t[TEXT];
        if (value === undefined) lines.br();
        else if (spanStyle.hidden === true) this.noteHidden(c, value as string);
        else lines.text(value as string, spanStyle, spanKeep), this.noteStruck(c, spanStyle, value as string);
      }
    }
    return lines.finish();
  }

  /** A paragraph's runs with the interval each is shown in, clipped to its ancestors'. */
  private collect(el: XNode, name: string, b: Rat, e: Rat, s: StyleProps, keep: boolean): void {
    const out = this.content;
    const seq = attrsOf(el)['timeContainer'] === 'seq';
    for (const c of childrenOf(el, name)) {
      const key = nameOf(c);
      if (key === TEXT) {
        // Text in a seq container lasts no time at all.
        if (seq) continue;
        if (s.hidden === true) this.noteHidden(el, textOf(c));
        else out.runs.push({ text: textOf(c), style: s, preserve: keep }), out.begins.push(b), out.ends.push(e), this.noteStruck(el, s, textOf(c));
      } else if (key === 'br') {
        if (!seq) out.runs.push(BR), out.begins.push(b), out.ends.push(e);
      } else if (key === 'span') {
        const interval = this.spanTimes.get(c)!;
        const cb = max(b, interval.begin);
        const ce = min(e, interval.end);
        if (cmp(cb, out.from) !== 0 || cmp(ce, out.to) !== 0) out.split = true;
        if (cmp(cb, ce) >= 0) continue;
        const specified = this.styles.specified(c);
        if (specified.rubyText) {
          this.noteRuby(c);
          continue;
        }
        this.collect(c, key, cb, ce, inherit(s, specified), preserves(c, keep));
      }
    }
  }

  private placement(region: Region | undefined, inline: StyleProps, style: StyleProps): Placement | undefined {
    const align = lineAlign(style);
    if (inline.origin === undefined && inline.extent === undefined && inline.displayAlign === undefined) {
      // Without a box of its own a paragraph lands where its region and alignment put it.
      let byAlign = this.regionPlacements.get(region);
      if (!byAlign) this.regionPlacements.set(region, (byAlign = new Map()));
      if (byAlign.has(align)) return byAlign.get(align);
      const placement = placementOf(region?.style, inline, align, this.frame);
      byAlign.set(align, placement);
      return placement;
    }
    const key = `${region ? this.keyOf(region) : ''}|${align ?? ''}|${inline.origin ?? ''}|${inline.extent ?? ''}|${inline.displayAlign ?? ''}`;
    if (this.placements.has(key)) return this.placements.get(key);
    const placement = placementOf(region?.style, inline, align, this.frame);
    this.placements.set(key, placement);
    return placement;
  }

  private readonly regionKeys = new Map<Region, string>();
  private keyOf(region: Region): string {
    let key = this.regionKeys.get(region);
    if (key === undefined) this.regionKeys.set(region, (key = `r${this.regionKeys.size}`));
    return key;
  }

  /** Ruby annotations left out, the base text kept: counted, said once with the first line. */
  private ruby: { count: number; line: number } | undefined;
  /** Hidden text with words in it, left out: said once for the file, at the first. */
  private hidden: { count: number; line: number } | undefined;
  private noteHidden(el: XNode, text: string): void {
    if (text.trim() === '') return;
    if (this.hidden) this.hidden.count++;
    else this.hidden = { count: 1, line: this.line(el).line };
  }

  /** Struck-through text, its words kept: said once for the file, at the first. */
  private struck: { count: number; line: number } | undefined;
  private noteStruck(el: XNode, style: StyleProps, text: string): void {
    if (text.trim() === '') return;
    if (style.background !== undefined && shownBackground(style.background)) {
      if (this.background) this.background.count++;
      else this.background = { count: 1, line: this.line(el).line, color: style.background };
    }
    if (style.lineThrough !== true) return;
    if (this.struck) this.struck.count++;
    else this.struck = { count: 1, line: this.line(el).line };
  }

  /** Text on a background colour other than the usual dark box, which every writer draws its own way: said once for the file, at the first. */
  private background: { count: number; line: number; color: string } | undefined;

  private noteRuby(span: XNode): void {
    if (this.ruby) this.ruby.count++;
    else this.ruby = { count: 1, line: this.line(span).line };
  }

  /** Notes a paragraph TTML never shows, when it holds text a reader would miss; returns its end for its container. */
  private neverShown(p: XNode, end: Rat): Rat {
    if (holdsText(p)) this.unshown.push(p);
    return end;
  }

  /** `given`: the id is the paragraph's `xml:id`, not one made up for a piece of it. */
  private push(id: string | undefined, p: XNode, given: boolean, begin: Rat, end: Rat, lines: Span[][], placement: Placement | undefined, fields?: CueTimeFields): PendingCue | undefined {
    if (lines.length === 0) return undefined;
    const cue: PendingCue = placement ? { id, start: toMs(begin), end: 0, lines, placement } : { id, start: toMs(begin), end: 0, lines };
    if (fields !== undefined) this.fields.set(cue, fields);
    this.setEnd(cue, begin, end);
    this.cues.push(cue);
    this.paragraphs.push(p);
    this.given.push(given);
    return cue;
  }

  private setEnd(cue: PendingCue, begin: Rat, end: Rat): void {
    if (isIndefinite(end)) {
      this.indefinite.set(cue, begin);
      return;
    }
    cue.end = toMs(end);
    if (this.indefinite.size > 0) this.indefinite.delete(cue);
  }

  /** Indefinite ends resolved, cues in time order, simultaneous lines of one subtitle joined, ids settled. */
  private finish(): Cue[] {
    const latest = this.timing.latest;
    for (const [cue, begin] of this.indefinite) cue.end = toMs(latest && cmp(latest, begin) > 0 ? latest : add(begin, FALLBACK_DURATION));
    const firstIndefinite = this.indefinite.keys().next().value;
    const shown = this.cues;
    const paragraphs = this.paragraphs;
    const given = this.given;
    let kept = 0;
    let sorted = true;
    for (let k = 0; k < shown.length; k++) {
      const cue = shown[k]!;
      if (cue.end <= cue.start) {
        // Shown for less than a millisecond, which no track can hold.
        this.unshown.push(paragraphs[k]!);
        continue;
      }
      if (kept > 0 && cue.start < shown[kept - 1]!.start) sorted = false;
      shown[kept] = cue;
      paragraphs[kept] = paragraphs[k]!;
      given[kept] = given[k]!;
      kept++;
    }
    shown.length = paragraphs.length = given.length = kept;
    if (!sorted) {
      // Stable, as sorting the cues themselves: simultaneous cues keep the document's order.
      const order = shown.map((_, k) => k).sort((x, y) => shown[x]!.start - shown[y]!.start);
      const byTime = order.map((k) => [shown[k]!, paragraphs[k]!, given[k]!] as const);
      byTime.forEach(([cue, p, g], k) => {
        shown[k] = cue;
        paragraphs[k] = p;
        given[k] = g;
      });
    }

    let count = 0;
    let prev: PendingCue | undefined;
    let joined: { count: number; line: number } | undefined;
    for (let k = 0; k < shown.length; k++) {
      const cue = shown[k]!;
      // Some tools put each line of one subtitle in its own <p>: on screen they are one subtitle, and said so.
      if (prev && prev.start === cue.start && prev.end === cue.end && samePlacement(prev.placement, cue.placement)) {
        prev.lines = [...prev.lines, ...cue.lines];
        // One subtitle now: its times stand in each paragraph it joins.
        if (this.located !== undefined) this.fields.set(prev, joinedFields(this.fields.get(prev), this.fields.get(cue)));
        if (joined) joined.count++;
        else joined = { count: 1, line: this.line(paragraphs[k]!).line };
        continue;
      }
      cue.id ??= String(count + 1);
      paragraphs[count] = paragraphs[k]!;
      given[count] = given[k]!;
      shown[count++] = prev = cue;
    }
    shown.length = paragraphs.length = given.length = count;
    // Every cue has an id now.
    const cues = shown as Cue[];
    settleCueIds(cues, { lines: () => paragraphs.map((p) => this.line(p).line), given }, this.diagnostics, ({ id, derived, line, firstLine }) => messages.repeatedId(id, derived, { line, firstLine }));
    if (this.indefinite.size > 0) {
      const first = firstIndefinite !== undefined && cues.includes(firstIndefinite as Cue) ? firstIndefinite : cues[0];
      const paragraph = first === undefined ? undefined : paragraphs[cues.indexOf(first as Cue)];
      this.diagnostics.push(messages.indefiniteEnd(this.indefinite.size, { cueId: first?.id ?? '', ...(paragraph === undefined ? {} : this.line(paragraph)) }));
    }
    if (joined) this.diagnostics.push(messages.joined(joined.count, joined.line));
    if (this.ruby) this.diagnostics.push(messages.rubyDropped(this.ruby.count, this.ruby.line));
    if (this.hidden) this.diagnostics.push(messages.hiddenDropped(this.hidden.count, this.hidden.line));
    if (this.struck) this.diagnostics.push(messages.strikeDropped(this.struck.count, this.struck.line));
    if (this.background) this.diagnostics.push(messages.backgroundDropped(this.background.count, this.background.line, this.background.color));
    if (this.unshown.length > 0) {
      const unshown = new Set(this.unshown);
      let first = Infinity;
      for (const p of unshown) first = Math.min(first, this.line(p).line);
      this.diagnostics.push(messages.neverShown(unshown.size, first));
    }
    return cues;
  }
}

function joinedFields(a: CueTimeFields | undefined, b: CueTimeFields | undefined): CueTimeFields {
  const both = (x: TimeField[] | undefined, y: TimeField[] | undefined) => (x === undefined || y === undefined ? undefined : [...x, ...y]);
  return { start: both(a?.start, b?.start), end: both(a?.end, b?.end) };
}

function samePlacement(a: Placement | undefined, b: Placement | undefined): boolean {
  return a?.vertical === b?.vertical && a?.horizontal === b?.horizontal;
}

export function read(text: string, opts: ParseOptions = {}): ParseResult {
  const empty = (diagnostics: Diagnostic[]): ParseResult => ({ track: { language: opts.language ?? 'und', cues: [], meta: {} }, diagnostics });
  const xml = readTtmlXml(text);
  const { root, locator, rootLocal = '', rootNs } = xml;
  if (!root || !locator) return empty(xml.diagnostics);
  if (rootLocal !== 'tt' || (rootNs !== 'tt' && rootNs !== '')) return empty([...xml.diagnostics, messages.notTtml(rootLocal, rootNs, locator.at(root))]);
  // readTtmlXml has already read every element in no namespace as TTML.
  if (rootNs === '') xml.diagnostics.push(messages.noNamespace(locator.at(root)));
  const reader = new Reader(locator, opts.locateTimes ? xml.text : undefined);
  const track = reader.read(root, opts);
  const vertical = verticalWriting(text);
  const diagnostics = [...xml.diagnostics, ...reader.diagnostics, ...(vertical === undefined ? [] : [messages.verticalDropped(vertical)])];
  return opts.locateTimes ? { track, diagnostics, times: { text: xml.text, cues: reader.timeFields(track.cues) } } : { track, diagnostics };
}

/** `tts:writingMode="tbrl"` (or `tblr`, `tb`) anywhere: vertical text, which the model lays out across; the line of the first. */
function verticalWriting(text: string): number | undefined {
  if (text.indexOf('writingMode') < 0) return undefined;
  const at = /:writingMode\s*=\s*["']\s*tb/.exec(text)?.index;
  return at === undefined ? undefined : text.slice(0, at).split('\n').length;
}
