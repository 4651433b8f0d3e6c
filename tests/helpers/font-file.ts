/**
 * The smallest sfnt a subtitle font check reads: its header, its table
 * directory and one `cmap`, mapping `ranges` of code points to glyphs (format
 * 4 for the Basic Multilingual Plane alone, else format 12). Real fonts carry
 * outlines too; a delivery only copies them and reads their character map.
 */
export function fontWithCharacters(ranges: readonly (readonly [number, number])[], options: { kind?: 'truetype' | 'cff'; padTo?: number } = {}): Uint8Array {
  const full = ranges.some(([, last]) => last > 0xffff);
  const sub = full ? format12(ranges) : format4(ranges);
  const cmap = new Uint8Array(4 + 8 + sub.length);
  const cv = new DataView(cmap.buffer);
  cv.setUint16(0, 0);
  cv.setUint16(2, 1);
  cv.setUint16(4, 3);
  cv.setUint16(6, full ? 10 : 1);
  cv.setUint32(8, 12);
  cmap.set(sub, 12);
  const headerLength = 12 + 16;
  const size = Math.max(headerLength + cmap.length, options.padTo ?? 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, options.kind === 'cff' ? 0x4f54544f : 0x00010000);
  view.setUint16(4, 1);
  bytes.set([0x63, 0x6d, 0x61, 0x70], 12);
  view.setUint32(20, headerLength);
  view.setUint32(24, cmap.length);
  bytes.set(cmap, headerLength);
  return bytes;
}

function format4(ranges: readonly (readonly [number, number])[]): Uint8Array {
  const segments = [...ranges, [0xffff, 0xffff] as const];
  const n = segments.length;
  const length = 16 + n * 8;
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setUint16(0, 4);
  v.setUint16(2, length);
  v.setUint16(6, n * 2);
  let glyph = 1;
  segments.forEach(([first, last], i) => {
    v.setUint16(14 + i * 2, last);
    v.setUint16(16 + n * 2 + i * 2, first);
    // Consecutive glyphs from `glyph`: the delta that takes `first` there; the last segment maps 0xFFFF to 0.
    v.setInt16(16 + n * 4 + i * 2, first === 0xffff ? 1 : ((glyph - first) << 16) >> 16);
    if (first !== 0xffff) glyph += last - first + 1;
  });
  return out;
}

function format12(ranges: readonly (readonly [number, number])[]): Uint8Array {
  const out = new Uint8Array(16 + ranges.length * 12);
  const v = new DataView(out.buffer);
  v.setUint16(0, 12);
  v.setUint32(4, out.length);
  v.setUint32(12, ranges.length);
  let glyph = 1;
  ranges.forEach(([first, last], i) => {
    v.setUint32(16 + i * 12, first);
    v.setUint32(20 + i * 12, last);
    v.setUint32(24 + i * 12, glyph);
    glyph += last - first + 1;
  });
  return out;
}
