import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import { decode } from '../formats/decode.js';
import { canonicalLanguageTag } from '../model/language.js';
import { DIALOGUE_DASH } from '../model/dialogue.js';
import { lineText, normalizeLine, splitLines } from '../model/spans.js';
import type { Span } from '../model/track.js';
import { unitKey } from '../model/unit.js';
import { fromTagged, toTagged, type TaggedText } from '../model/tagged-text.js';
import { lowestStatus, replaces } from './precedence.js';
import { STUDIO_PROVIDER, UNDATED, type MemoryEntry, type MemoryStatus } from './store.js';
import { messages } from './tmx-messages.js';
import { xmlAttr } from '../formats/shared/xml-escape.js';
import { readSeg, segOf } from './tmx-seg.js';
import { elements, elementTree, textOf, type Element } from '../formats/shared/xml/element-tree.js';
import { xmlReader } from '../formats/shared/xml/read-xml.js';

const TOOL_VERSION = '0.1.0';
/** Providers only a reviewer's work comes from: review import of an XLIFF or a subtitle file, and the studio. */
const REVIEWED_BY_PROVIDER: ReadonlySet<string> = new Set(['xliff', 'srt', 'vtt', 'subtitles', STUDIO_PROVIDER]);
const STATUSES: ReadonlySet<string> = new Set<MemoryStatus>(['draft', 'reviewed', 'approved']);
const PROP = {
  status: 'x-subloc-status',
  provider: 'x-subloc-provider',
  glossary: 'x-subloc-glossary',
  reviewer: 'x-subloc-reviewer',
  /** `yes` when a reviewer stored it (review import, the studio): kept on a restore, so no later import passes over it. */
  byReviewer: 'x-subloc-by-reviewer',
  /** Each cue's status, space-separated, when a reviewer decided cue by cue. */
  cueStatus: 'x-subloc-cue-status',
  /** A reviewer's comment on cue k (from 1): `x-subloc-comment-2`. */
  comment: 'x-subloc-comment-',
  /** The machine provider that drafted cue k (from 1) of a reviewer's unit a run completed: `x-subloc-filled-by-2`. */
  filledBy: 'x-subloc-filled-by-',
  /** The time of the last change to the millisecond (`changedate` keeps whole seconds), when it has a fraction of one. */
  time: 'x-subloc-time',
} as const;

export interface ExportTmxOptions {
  /** The header's `srclang`; a unit in another source language says its own on `<tu>`. */
  srcLang: string;
}

/** `2026-11-28T16:00:00.000Z` → `20261128T160000Z` (TMX keeps whole seconds). */
function tmxDate(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * The time a unit was changed: its `x-subloc-time` while that is the time
 * of `date` to the second, else `date`. A tool that edits the unit writes
 * a new `changedate` and leaves the prop, which then says nothing.
 */
function exactTime(date: string, time: string | undefined): string {
  const exact = time === undefined ? Number.NaN : Date.parse(time);
  return !Number.isNaN(exact) && Math.floor(exact / 1000) === Math.floor(Date.parse(date) / 1000) ? new Date(exact).toISOString() : date;
}

/** Text with its line ends as a reader of the file gets them: XML reads a carriage return as one. */
function withLineEnds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function isoDate(tmx: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(tmx.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls month 13 or day 99 over into a later date, which would outrank real later work: such a date is none.
  const exact = time.getUTCFullYear() === year && time.getUTCMonth() === month - 1 && time.getUTCDate() === day && time.getUTCHours() === hour && time.getUTCMinutes() === minute && time.getUTCSeconds() === second;
  return exact ? time.toISOString() : undefined;
}

/** The memory as TMX 1.4b: one `<tu>` per entry, its status, provider, glossary version and reviewer as props. */
export function exportTmx(entries: readonly MemoryEntry[], options: ExportTmxOptions): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    '<tmx version="1.4">',
    `  <header creationtool="subloc" creationtoolversion="${TOOL_VERSION}" segtype="block" o-tmf="subloc" adminlang="en" srclang="${xmlAttr(options.srcLang)}" datatype="plaintext"/>`,
    '  <body>',
  ];
  for (const e of entries) {
    const ownSource = e.sourceLang.toLowerCase() === options.srcLang.toLowerCase() ? '' : ` srclang="${xmlAttr(e.sourceLang)}"`;
    // An undated entry stays undated: a date would make it newer than what it may not replace.
    const dates = e.updatedAt === UNDATED ? '' : ` creationdate="${tmxDate(e.updatedAt)}" changedate="${tmxDate(e.updatedAt)}"`;
    out.push(`    <tu${ownSource}${dates}>`);
    out.push(`      <prop type="${PROP.status}">${e.status}</prop>`);
    out.push(`      <prop type="${PROP.provider}">${xmlAttr(e.provider)}</prop>`);
    if (e.glossaryVersion !== '') out.push(`      <prop type="${PROP.glossary}">${xmlAttr(e.glossaryVersion)}</prop>`);
    if (e.reviewer !== undefined) out.push(`      <prop type="${PROP.reviewer}">${xmlAttr(e.reviewer)}</prop>`);
    if (e.byReviewer === true) out.push(`      <prop type="${PROP.byReviewer}">yes</prop>`);
    if (e.cueStatus !== undefined) out.push(`      <prop type="${PROP.cueStatus}">${e.cueStatus.join(' ')}</prop>`);
    if (dates !== '' && Date.parse(e.updatedAt) % 1000 !== 0) out.push(`      <prop type="${PROP.time}">${new Date(e.updatedAt).toISOString()}</prop>`);
    e.comments?.forEach((comment, k) => {
      if (comment !== '') out.push(`      <prop type="${PROP.comment}${k + 1}">${xmlAttr(withLineEnds(comment))}</prop>`);
    });
    e.filledBy?.forEach((provider, k) => {
      if (provider !== '') out.push(`      <prop type="${PROP.filledBy}${k + 1}">${xmlAttr(provider)}</prop>`);
    });
    out.push(`      <tuv xml:lang="${xmlAttr(e.sourceLang)}"><seg>${segOf(e.source)}</seg></tuv>`);
    out.push(`      <tuv xml:lang="${xmlAttr(e.targetLang)}"><seg>${segOf(e.target)}</seg></tuv>`);
    out.push('    </tu>');
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}

export interface ImportTmxOptions {
  /** Status of entries that carry no `x-subloc-status` prop. @default 'reviewed' */
  status?: MemoryStatus;
  /** The source language of units a `<header srclang="*all*">` leaves without one: the run's. */
  source?: string;
}

export interface ImportTmxResult {
  entries: MemoryEntry[];
  diagnostics: Diagnostic[];
  /** Source/target pairs not imported because of an error. */
  skipped: number;
}

const readTmxXml = xmlReader({ format: { code: 'tmx', name: 'TMX', outcome: 'nothing was imported' }, validate: 'always' });

interface Prop {
  /** The content as a word (a status, a provider, a time): without the white space a file laid out by hand puts around it. */
  value: string;
  /** The content as written: a person's text (a comment, a reviewer's name), whose own white space is kept. */
  text: string;
  prop: Element;
}

/**
 * An element's props by type. TMX gives `<prop>` no `xml:space` and says
 * nothing of its white space, so by XML's default it is the writer's: subloc
 * writes a prop on one line, its content untouched, and pretty-printers
 * leave an element of text alone, so only a word is read trimmed.
 */
function props(element: Element): Map<string, Prop> {
  const found = new Map<string, Prop>();
  for (const prop of elements(element, 'prop')) {
    const text = textOf(prop);
    found.set(prop.attrs['type'] ?? '', { value: text.trim(), text, prop });
  }
  return found;
}

/** The cues' own statuses of a `x-subloc-cue-status` prop: one known status per cue, else `bad`. */
function cueStatusOf(prop: { value: string } | undefined, cues: number): MemoryStatus[] | 'bad' | undefined {
  if (prop === undefined) return undefined;
  const statuses = prop.value.split(/\s+/).filter(Boolean);
  return statuses.length === cues && statuses.every((s) => STATUSES.has(s)) ? (statuses as MemoryStatus[]) : 'bad';
}

/** A `<tuv>`'s language as the memory keeps it (`en_US` and `EN-US` are `en-US`), when it names one. */
function langOf(tuv: Element): string | undefined {
  const lang = tuv.attrs['xml:lang'] ?? tuv.attrs['lang'];
  return lang === undefined || lang.trim() === '' ? undefined : canonicalLanguageTag(lang);
}

/**
 * A source cue keyed as a track's own cue is (a unit's key is its cues'
 * tagged text): a line break another tool kept inside one speaker's words
 * (the subtitle's own layout, as a CAT tool's `lb`) joined as `toTagged`
 * joins a cue's lines, so the reviewed entry is met exactly.
 */
function keyedAsTrack(cue: TaggedText, language: string): TaggedText {
  if (!cue.includes('\n')) return cue;
  const lines = splitLines(fromTagged(cue));
  // At a break `toTagged` joins (no speaker's dash after it), white space a CAT tool left (`We leave <lb/>tomorrow.`)
  // is none a subtitle reader keeps at a line's end.
  const joined = (i: number) => i > 0 && i < lines.length && !DIALOGUE_DASH.test(lineText(lines[i]!));
  return toTagged(lines.map((line, i) => trimLineEdges(line, joined(i), joined(i + 1))), language);
}

/** A line without the white space at its start and, or, its end. */
function trimLineEdges(line: readonly Span[], start: boolean, end: boolean): Span[] {
  const out = line.map((s) => ({ ...s }));
  if (start && out[0]) out[0].text = out[0].text.trimStart();
  if (end && out.at(-1)) out.at(-1)!.text = out.at(-1)!.text.trimEnd();
  return normalizeLine(out);
}

/**
 * A TMX file as read from disk: decoded as a subtitle file is (its byte order
 * mark or XML declaration, else a guess), then imported; what the decoding
 * said (a guessed encoding, a line in another one) comes first, since it may
 * have changed the words stored.
 */
export function readTmx(bytes: Uint8Array, fileName: string, options: ImportTmxOptions & { encoding?: string } = {}): ImportTmxResult {
  const { encoding, ...importOptions } = options;
  const decoded = decode(bytes, encoding === undefined ? {} : { encoding });
  if (hasErrors(decoded.diagnostics)) return { entries: [], diagnostics: decoded.diagnostics, skipped: 0 };
  const result = importTmx(decoded.text, fileName, importOptions);
  return { ...result, diagnostics: [...decoded.diagnostics, ...result.diagnostics] };
}

/**
 * Reads TMX (subloc's own or another tool's) into memory entries, one per
 * target variant of each `<tu>`. Never throws; what cannot be read is an
 * error diagnostic with its line, and only that unit or variant is skipped.
 */
export function importTmx(text: string, fileName: string, options: ImportTmxOptions = {}): ImportTmxResult {
  const xml = readTmxXml(text);
  const diagnostics = xml.diagnostics;
  const entries: MemoryEntry[] = [];
  let skipped = 0;
  const { locator } = xml;
  if (!xml.root || !locator) return { entries, diagnostics, skipped };
  const root = elementTree(xml.root);
  const at = (element: Element) => locator.atIndex(element.index);
  if (root.name !== 'tmx') {
    diagnostics.push(messages.notTmx(fileName, root.name, at(root)));
    return { entries, diagnostics, skipped };
  }
  const body = elements(root, 'body')[0];
  if (!body) {
    diagnostics.push(messages.noBody(at(root)));
    return { entries, diagnostics, skipped };
  }
  const header = elements(root, 'header')[0];
  const headerLang = header?.attrs['srclang'];
  if (headerLang === undefined || headerLang.trim() === '') diagnostics.push(messages.missingSrclang(header ? at(header) : at(root)));
  const defaultStatus = options.status ?? 'reviewed';

  const dateOf = (element: Element, attribute: string): string | undefined => {
    const value = element.attrs[attribute];
    if (value === undefined) return undefined;
    const iso = isoDate(value);
    if (iso === undefined) diagnostics.push(messages.badDate(attribute, value, at(element)));
    return iso;
  };

  const unsourced: Element[] = [];
  const seen = new Map<string, { index: number; line: number | undefined }>();
  for (const tu of elements(body, 'tu')) {
    const tuvs = elements(tu, 'tuv');
    const ownLang = tu.attrs['srclang'];
    const namedLang = ownLang ?? (headerLang === '*all*' ? options.source : headerLang);
    const sourceLang = namedLang === undefined || namedLang.trim() === '' ? undefined : canonicalLanguageTag(namedLang);
    if (sourceLang === undefined) {
      // Said once for the file: a vendor's TMX of 50,000 such units is one mistake, not 50,000.
      if (headerLang === '*all*') unsourced.push(tu);
      skipped += Math.max(1, tuvs.length - 1);
      continue;
    }
    const sameLang = (tuv: Element) => langOf(tuv) === sourceLang;
    const sourceTuvs = tuvs.filter(sameLang);
    const sourceTuv = sourceTuvs[0];
    for (const extra of sourceTuvs.slice(1)) diagnostics.push(messages.extraSourceTuv(sourceLang, at(extra)));
    const sourceSeg = sourceTuv && elements(sourceTuv, 'seg')[0];
    if (!sourceTuv || !sourceSeg) {
      diagnostics.push(sourceTuv ? messages.tuvWithoutSeg(sourceLang, at(sourceTuv)) : messages.noSourceTuv(sourceLang, tuvs.map((t) => langOf(t) ?? '?'), at(tu)));
      skipped += Math.max(1, tuvs.length - sourceTuvs.length);
      continue;
    }
    const source = readSeg(sourceSeg);
    const sourceKeys = source.cues.map((cue) => keyedAsTrack(cue, sourceLang));
    if (source.unsupported.length > 0) diagnostics.push(messages.unsupportedCodes(source.unsupported, at(sourceSeg)));
    const tuProps = props(tu);
    const tuDate = dateOf(tu, 'changedate') ?? dateOf(tu, 'creationdate');

    for (const tuv of tuvs) {
      if (sameLang(tuv)) continue;
      const targetLang = langOf(tuv);
      if (targetLang === undefined) {
        diagnostics.push(messages.tuvWithoutLang(at(tuv)));
        skipped++;
        continue;
      }
      const seg = elements(tuv, 'seg')[0];
      if (!seg) {
        diagnostics.push(messages.tuvWithoutSeg(targetLang, at(tuv)));
        skipped++;
        continue;
      }
      const target = readSeg(seg);
      if (target.unsupported.length > 0) diagnostics.push(messages.unsupportedCodes(target.unsupported, at(seg)));
      if (target.cues.every((c) => c.trim() === '')) {
        diagnostics.push(messages.emptyTarget(targetLang, at(seg)));
        continue;
      }
      if (target.cues.length !== source.cues.length) {
        diagnostics.push(messages.cueCountMismatch(targetLang, source.cues.length, target.cues.length, at(seg)));
        skipped++;
        continue;
      }
      // A variant's own props win over its unit's.
      const found = new Map([...tuProps, ...props(tuv)]);
      const status = found.get(PROP.status);
      let entryStatus: MemoryStatus = defaultStatus;
      if (status && STATUSES.has(status.value)) entryStatus = status.value as MemoryStatus;
      else if (status) {
        diagnostics.push(messages.unknownStatus(status.value, at(status.prop)));
        entryStatus = 'draft';
      }
      const cueStatusProp = found.get(PROP.cueStatus);
      const cueStatus = cueStatusOf(cueStatusProp, source.cues.length);
      if (cueStatus === 'bad') diagnostics.push(messages.badCueStatus(cueStatusProp!.value, source.cues.length, entryStatus, at(cueStatusProp!.prop)));
      // The unit is as far as its least advanced cue.
      else if (cueStatus !== undefined) entryStatus = lowestStatus(cueStatus);
      const comments = source.cues.map((_, k) => found.get(`${PROP.comment}${k + 1}`)?.text ?? '');
      const filledBy = source.cues.map((_, k) => found.get(`${PROP.filledBy}${k + 1}`)?.value ?? '');
      const date = dateOf(tuv, 'changedate') ?? tuDate;
      const entry: MemoryEntry = {
        sourceLang,
        targetLang,
        source: sourceKeys,
        target: target.cues,
        glossaryVersion: found.get(PROP.glossary)?.value ?? '',
        provider: found.get(PROP.provider)?.value || 'tmx',
        status: entryStatus,
        // Undated is older than anything stored: a re-import never passes for newer work.
        updatedAt: date === undefined ? UNDATED : exactTime(date, found.get(PROP.time)?.value),
      };
      const reviewer = found.get(PROP.reviewer);
      if (reviewer?.value) entry.reviewer = reviewer.text;
      // An export made before the prop existed says it by its provider, as the SQLite memory's own migration read it.
      const byReviewer = found.get(PROP.byReviewer)?.value ?? (REVIEWED_BY_PROVIDER.has(entry.provider) && entryStatus !== 'draft' ? 'yes' : undefined);
      if (byReviewer === 'yes') entry.byReviewer = true;
      if (Array.isArray(cueStatus) && cueStatus.some((s) => s !== entryStatus)) entry.cueStatus = cueStatus;
      if (comments.some((c) => c !== '')) entry.comments = comments;
      if (filledBy.some((p) => p !== '')) entry.filledBy = filledBy;
      const key = [sourceLang, targetLang, entry.glossaryVersion, unitKey(entry.source)].join('\u001e');
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, { index: entries.length, line: at(seg).line });
        entries.push(entry);
        continue;
      }
      // One translation a sentence: the file's own repeats are settled here, as the memory would, so its counts are what it stores.
      const kept = entries[earlier.index]!;
      const wins = replaces(entry, kept);
      if (unitKey(kept.target) !== unitKey(entry.target)) diagnostics.push(messages.repeatedUnit(targetLang, earlier.line, wins, at(seg)));
      if (wins) {
        entries[earlier.index] = entry;
        earlier.line = at(seg).line;
      }
    }
  }
  if (unsourced.length > 0) diagnostics.push(messages.allSrclang(unsourced.length, at(unsourced[0]!)));
  return { entries, diagnostics, skipped };
}
