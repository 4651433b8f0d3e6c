/**
 * What a delivery needs of a font file: that it is one TrueType or OpenType
 * font, and which characters it has a glyph for (its `cmap`). A cinema
 * server shows a box, or nothing, for a character its subtitle font lacks,
 * and the DCP validators do not look: the characters are checked here.
 */
export interface FontFile {
  /** `TrueType` (glyf outlines) or `OpenType (CFF)`. */
  kind: string;
  /** Size in bytes: Interop packages take fonts up to 640 KB. */
  size: number;
  /** Whether the font maps this code point to a glyph. */
  covers(codePoint: number): boolean;
}

export class FontError extends Error {
  override readonly name = 'FontError';
}

/** A run of code points mapped to glyphs, `[first, last]` inclusive. */
type Range = readonly [number, number];

/** The sfnt tables' directory: each table's offset and length by tag. */
function tables(view: DataView): Map<string, { offset: number; length: number }> {
  const count = view.getUint16(4);
  const found = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (at + 16 > view.byteLength) throw new FontError('its table directory is cut short');
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    found.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return found;
}

/** Format 4 (the Basic Multilingual Plane): segments of code points, glyph 0 (`.notdef`) where a segment maps none. */
function format4(view: DataView, at: number): Range[] {
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const offsets = deltas + segments * 2;
  const ranges: Range[] = [];
  for (let i = 0; i < segments; i++) {
    const end = view.getUint16(ends + i * 2);
    const start = view.getUint16(starts + i * 2);
    const delta = view.getInt16(deltas + i * 2);
    const offset = view.getUint16(offsets + i * 2);
    if (start === 0xffff) continue;
    if (offset === 0) {
      // The glyph is the code point plus delta, modulo 65536: only the code point that lands on glyph 0 has none.
      const none = (0x10000 - delta) & 0xffff;
      if (none < start || none > end) ranges.push([start, end]);
      else {
        if (none > start) ranges.push([start, none - 1]);
        if (none < end) ranges.push([none + 1, end]);
      }
      continue;
    }
    for (let c = start; c <= end; c++) {
      const glyphAt = offsets + i * 2 + offset + (c - start) * 2;
      if (glyphAt + 2 > view.byteLength) break;
      const raw = view.getUint16(glyphAt);
      // 0 in the array is no glyph; otherwise the glyph is it plus delta, modulo 65536, which may land on glyph 0 too.
      if (raw !== 0 && ((raw + delta) & 0xffff) !== 0) ranges.push([c, c]);
    }
  }
  return ranges;
}

/** Format 12 (every plane): groups of consecutive code points. */
function format12(view: DataView, at: number): Range[] {
  const groups = view.getUint32(at + 12);
  const ranges: Range[] = [];
  for (let i = 0; i < groups; i++) {
    const g = at + 16 + i * 12;
    const first = view.getUint32(g);
    const last = view.getUint32(g + 4);
    const glyph = view.getUint32(g + 8);
    // Glyph 0 (`.notdef`) is no glyph: a group starting on it maps its first code point to none.
    const from = glyph === 0 ? first + 1 : first;
    if (from <= last) ranges.push([from, last]);
  }
  return ranges;
}

/** The best Unicode subtable: full Unicode (format 12) before the BMP (format 4). */
function unicodeRanges(view: DataView, cmap: number): Range[] {
  const count = view.getUint16(cmap + 2);
  let bmp: number | undefined;
  let full: number | undefined;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const at = cmap + view.getUint32(rec + 4);
    if (at + 4 > view.byteLength) continue;
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(at);
    if (format === 12) full ??= at;
    else if (format === 4) bmp ??= at;
  }
  if (full !== undefined) return format12(view, full);
  if (bmp !== undefined) return format4(view, bmp);
  throw new FontError('it has no Unicode character map (cmap format 4 or 12): a subtitle server could not find its characters');
}

/**
 * Reads a font file's kind and character map. Throws a FontError saying
 * what it is instead: a collection, a web font, not a font at all.
 */
export function readFont(bytes: Uint8Array): FontFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) throw new FontError('it is too short to be a font');
  const tag = view.getUint32(0);
  const text = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (text === 'ttcf') throw new FontError('it is a font collection (.ttc): give one font of it, as a .ttf or .otf file');
  if (text === 'wOFF' || text === 'wOF2') throw new FontError('it is a web font (WOFF): give the TrueType or OpenType file (.ttf, .otf) it was made from');
  const kind = tag === 0x00010000 || text === 'true' ? 'TrueType' : text === 'OTTO' ? 'OpenType (CFF)' : undefined;
  if (kind === undefined) throw new FontError('it is not a TrueType or OpenType font (its first bytes are no sfnt version)');
  const cmap = tables(view).get('cmap');
  if (cmap === undefined || cmap.offset + 4 > bytes.byteLength) throw new FontError('it has no character map (cmap table)');
  let ranges: Range[];
  try {
    ranges = unicodeRanges(view, cmap.offset).sort((a, b) => a[0] - b[0]);
  } catch (error) {
    // A read past the end of the file: a font cut short, or a table that says it is longer than it is.
    if (error instanceof RangeError) throw new FontError('its character map (cmap) is cut short');
    throw error;
  }
  return {
    kind,
    size: bytes.byteLength,
    covers(codePoint) {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [first, last] = ranges[mid]!;
        if (codePoint < first) hi = mid - 1;
        else if (codePoint > last) lo = mid + 1;
        else return true;
      }
      return false;
    },
  };
}

/** Format characters (direction marks and isolates, joiners, the BOM, tags): invisible, drawn by no font. */
const FORMAT = /^\p{Cf}$/u;

/** Characters shown on screen whose glyph a subtitle font must have: not spaces, line ends, controls nor invisible marks. */
function needsGlyph(char: string): boolean {
  const codePoint = char.codePointAt(0)!;
  if (codePoint <= 0x20 || (codePoint >= 0x7f && codePoint <= 0xa0)) return false;
  if (FORMAT.test(char)) return false;
  // Variation selectors pick a glyph form; a font without them shows the base character.
  if ((codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef)) return false;
  return !/\s/u.test(char);
}

/** The characters of `texts` the font has no glyph for, each once, in the order met. */
export function missingGlyphs(font: FontFile, texts: Iterable<string>): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      if (needsGlyph(char) && !font.covers(char.codePointAt(0)!)) missing.add(char);
    }
  }
  return [...missing];
}
