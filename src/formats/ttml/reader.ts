import type { Diagnostic } from '../../model/diagnostic.js';
import type { Cue, Placement, Span, Track } from '../../model/track.js';
import type { ParseOptions, ParseResult } from '../types.js';
import { placementOf, readFrame, type Frame } from './layout.js';
import { buildLines, type Run } from './lines.js';
import { messages } from './messages.js';
import { vocabularyOf } from './namespaces.js';
import { add, cmp, INDEFINITE, isIndefinite, max, min, rat, toMs, ZERO, type Rat } from './rational.js';
import { SourceLines } from './source-lines.js';
import { merge, NO_STYLE, StyleSheet, type StyleProps } from './styles.js';
import { readParameters } from './time.js';
import { isBlank, TimingResolver } from './timing.js';
import { readXml, type XElement } from './xml.js';

interface Region {
  style: StyleProps;
  interval?: [Rat, Rat];
}

interface Content {
  runs: Run[];
  begins: Rat[];
  ends: Rat[];
  /** Some run is shown for less than the whole paragraph. */
  split: boolean;
  from: Rat;
  to: Rat;
}

const BR: Run = { br: true };

interface RawCue {
  id: string | undefined;
  begin: Rat;
  end: Rat;
  lines: Span[][];
  placement?: Placement;
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
  return out;
}

function children(el: XElement, local: string): XElement[] {
  return el.children.filter((c): c is XElement => typeof c !== 'string' && c.ns === 'tt' && c.local === local);
}

function textOf(el: XElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

function markNamespace(el: XElement): void {
  if (el.ns === '') el.ns = 'tt';
  for (const c of el.children) if (typeof c !== 'string') markNamespace(c);
}

const FALLBACK_DURATION = rat(5);

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  readonly cues: RawCue[] = [];
  private readonly styles: StyleSheet;
  private readonly regions = new Map<string, Region>();
  private readonly placements = new Map<string, Placement | undefined>();
  private readonly warnedRegions = new Set<string>();
  private frame: Frame = { columns: 32, rows: 15 };
  timing!: TimingResolver;

  constructor(private readonly lines: SourceLines) {
    this.styles = new StyleSheet(lines, this.diagnostics);
  }

  line(el: XElement): { line: number } {
    return { line: this.lines.lineAt(el.offset) };
  }

  read(root: XElement, opts: ParseOptions): Track {
    const { params, diagnostics } = readParameters(root.attrs, opts.frameRate, this.line(root));
    this.diagnostics.push(...diagnostics);
    this.timing = new TimingResolver(params, this.lines, this.diagnostics);
    this.frame = readFrame(root.attrs);

    const track: Track = { language: root.attrs['xml:lang']?.trim() || opts.language || 'und', cues: [], meta: {} };
    if (params.declared) track.frameRate = params.declared;

    const head = children(root, 'head')[0];
    if (head) this.readHead(head, track);
    const body = children(root, 'body')[0];
    if (!body) {
      this.diagnostics.push(messages.noBody(this.line(root)));
      return track;
    }
    this.timing.resolve(body, ZERO);
    this.walk(body, ZERO, INDEFINITE, NO_STYLE, undefined, false);
    track.cues = this.finish();
    return track;
  }

  private readHead(head: XElement, track: Track): void {
    for (const styling of children(head, 'styling')) for (const s of children(styling, 'style')) this.styles.define(s);
    for (const metadata of children(head, 'metadata')) {
      for (const c of metadata.children) {
        if (typeof c !== 'string' && c.local === 'title' && vocabularyOf(c.ns) === 'ttm') {
          const title = textOf(c).trim();
          if (title) track.meta.title = title;
        }
      }
    }
    for (const layout of children(head, 'layout')) {
      for (const r of children(layout, 'region')) {
        const id = r.attrs['xml:id'] ?? r.attrs['id'];
        if (id === undefined) continue;
        // Nested <style> elements are the region's own styling (TTML1 §8.1.2).
        let style = this.styles.specified(r);
        for (const s of children(r, 'style')) style = merge(style, this.styles.specified(s));
        const region: Region = { style };
        const interval = this.timing.regionInterval(r);
        if (interval) region.interval = interval;
        this.regions.set(id, region);
      }
    }
  }

  private walk(el: XElement, from: Rat, to: Rat, inherited: StyleProps, regionId: string | undefined, preserve: boolean): void {
    const begin = max(from, el.begin!);
    const end = min(to, el.end!);
    if (cmp(begin, end) >= 0) return;
    const own = this.styles.specified(el);
    const style = inherit(inherited, own);
    const region = el.attrs['region'] ?? regionId;
    const space = el.attrs['xml:space'];
    const keep = space === undefined ? preserve : space === 'preserve';
    if (el.local === 'p') {
      this.paragraph(el, own, { from: begin, to: end, chain: style, regionId: region, preserve: keep });
      return;
    }
    for (const c of el.children) {
      if (typeof c !== 'string' && c.ns === 'tt' && (c.local === 'div' || c.local === 'p')) this.walk(c, begin, end, style, region, keep);
    }
  }

  private region(id: string | undefined, el: XElement): Region | undefined {
    if (id === undefined) return undefined;
    const region = this.regions.get(id);
    if (!region && !this.warnedRegions.has(id)) {
      this.warnedRegions.add(id);
      this.diagnostics.push(messages.unknownRegion(id, this.line(el)));
    }
    return region;
  }

  private paragraph(p: XElement, own: StyleProps, context: { from: Rat; to: Rat; chain: StyleProps; regionId: string | undefined; preserve: boolean }): void {
    let { from, to } = context;
    const { chain, regionId, preserve } = context;
    const region = this.region(regionId, p);
    if (region?.interval) {
      from = max(from, region.interval[0]);
      to = min(to, region.interval[1]);
      if (cmp(from, to) >= 0) return;
    }
    // The region is the root of inheritance for the content it holds.
    const style = region ? inherit(inherit(NO_STYLE, region.style), chain) : chain;

    const content: Content = { runs: [], begins: [], ends: [], split: false, from, to };
    this.collect(p, from, to, style, preserve, content);
    const { runs, begins, ends } = content;

    const placement = this.placement(region, own, style);
    const id = p.attrs['xml:id'];
    if (!content.split) {
      this.push(id, from, to, buildLines(runs), placement);
      return;
    }
    // Spans timed apart (karaoke, roll-up): one cue per stretch of constant content, as an ISD sequence would show it.
    const times = [from, to, ...begins, ...ends].sort(cmp);
    let last: RawCue | undefined;
    let lastKey = '';
    let piece = 0;
    for (let k = 0; k + 1 < times.length; k++) {
      const b = times[k]!;
      const e = times[k + 1]!;
      if (cmp(b, e) === 0) continue;
      const active = runs.filter((_, i) => cmp(begins[i]!, b) <= 0 && cmp(ends[i]!, e) >= 0);
      const lines = buildLines(active);
      const key = JSON.stringify(lines);
      if (last && lastKey === key && cmp(last.end, b) === 0) {
        last.end = e;
        continue;
      }
      if (lines.length === 0) {
        last = undefined;
        continue;
      }
      piece++;
      last = this.push(id === undefined ? undefined : piece === 1 ? id : `${id}-${piece}`, b, e, lines, placement);
      lastKey = key;
    }
  }

  /** A paragraph's runs with the interval each is shown in, clipped to its ancestors'. */
  private collect(el: XElement, b: Rat, e: Rat, s: StyleProps, keep: boolean, out: Content): void {
    const seq = el.attrs['timeContainer'] === 'seq';
    for (const c of el.children) {
      if (typeof c === 'string') {
        // Text in a seq container lasts no time at all.
        if (!seq) out.runs.push({ text: c, style: s, preserve: keep }), out.begins.push(b), out.ends.push(e);
        continue;
      }
      if (c.ns !== 'tt') continue;
      if (c.local === 'br') {
        if (!seq) out.runs.push(BR), out.begins.push(b), out.ends.push(e);
      } else if (c.local === 'span') {
        const cb = max(b, c.begin!);
        const ce = min(e, c.end!);
        if (cmp(cb, out.from) !== 0 || cmp(ce, out.to) !== 0) out.split = true;
        if (cmp(cb, ce) >= 0) continue;
        const space = c.attrs['xml:space'];
        this.collect(c, cb, ce, inherit(s, this.styles.specified(c)), space === undefined ? keep : space === 'preserve', out);
      }
    }
  }

  private placement(region: Region | undefined, inline: StyleProps, style: StyleProps): Placement | undefined {
    const key = `${region ? this.keyOf(region) : ''}|${style.textAlign ?? ''}|${inline.origin ?? ''}|${inline.extent ?? ''}|${inline.displayAlign ?? ''}`;
    if (this.placements.has(key)) return this.placements.get(key);
    const placement = placementOf(region?.style, inline, style.textAlign, this.frame);
    this.placements.set(key, placement);
    return placement;
  }

  private readonly regionKeys = new Map<Region, string>();
  private keyOf(region: Region): string {
    let key = this.regionKeys.get(region);
    if (key === undefined) this.regionKeys.set(region, (key = `r${this.regionKeys.size}`));
    return key;
  }

  private push(id: string | undefined, begin: Rat, end: Rat, lines: Span[][], placement: Placement | undefined): RawCue | undefined {
    if (lines.length === 0) return undefined;
    const cue: RawCue = { id, begin, end, lines };
    if (placement) cue.placement = placement;
    this.cues.push(cue);
    return cue;
  }

  /** Indefinite ends resolved, times rounded, cues in time order, simultaneous lines of one subtitle joined. */
  private finish(): Cue[] {
    const latest = this.timing.latest;
    let indefinite = 0;
    let firstIndefinite = '';
    const out: (Cue & { own: boolean })[] = [];
    for (const raw of this.cues) {
      let end = raw.end;
      if (isIndefinite(end)) {
        end = latest && cmp(latest, raw.begin) > 0 ? latest : add(raw.begin, FALLBACK_DURATION);
        if (indefinite++ === 0) firstIndefinite = raw.id ?? '';
      }
      const start = toMs(raw.begin);
      const endMs = toMs(end);
      if (endMs <= start) continue;
      const cue: Cue & { own: boolean } = { id: raw.id ?? '', own: raw.id !== undefined, start, end: endMs, lines: raw.lines };
      if (raw.placement) cue.placement = raw.placement;
      out.push(cue);
    }
    out.sort((a, b) => a.start - b.start);

    const merged: (Cue & { own: boolean })[] = [];
    for (const cue of out) {
      const prev = merged[merged.length - 1];
      // Netflix-style files put each line of one subtitle in its own <p>.
      if (prev && prev.start === cue.start && prev.end === cue.end && samePlacement(prev.placement, cue.placement)) {
        prev.lines = [...prev.lines, ...cue.lines];
        continue;
      }
      merged.push(cue);
    }

    const used = new Set<string>();
    const cues = merged.map((c, i): Cue => {
      let id = c.own ? c.id : String(i + 1);
      for (let n = 2; used.has(id); n++) id = `${c.own ? c.id : String(i + 1)}-${n}`;
      used.add(id);
      const cue: Cue = { id, start: c.start, end: c.end, lines: c.lines };
      if (c.placement) cue.placement = c.placement;
      return cue;
    });
    if (indefinite > 0) {
      const first = cues.find((c) => c.id === firstIndefinite) ?? cues[0];
      this.diagnostics.push(messages.indefiniteEnd(indefinite, first?.id ?? ''));
    }
    return cues;
  }
}

function samePlacement(a: Placement | undefined, b: Placement | undefined): boolean {
  return a?.vertical === b?.vertical && a?.horizontal === b?.horizontal;
}

export function readTtml(text: string, opts: ParseOptions = {}): ParseResult {
  const lines = new SourceLines(text);
  const empty = (diagnostics: Diagnostic[]): ParseResult => ({ track: { language: opts.language ?? 'und', cues: [], meta: {} }, diagnostics });
  const xml = readXml(text, lines);
  const root = xml.root;
  if (!root) return empty(xml.diagnostics);
  const at = { line: lines.lineAt(root.offset) };
  if (root.local !== 'tt' || (root.ns !== 'tt' && root.ns !== '')) return empty([...xml.diagnostics, messages.notTtml(root.local, at)]);
  if (root.ns === '') {
    xml.diagnostics.push(messages.noNamespace(at));
    markNamespace(root);
  }
  const reader = new Reader(lines);
  const track = reader.read(root, opts);
  return { track, diagnostics: [...xml.diagnostics, ...reader.diagnostics] };
}
