import type { Placement } from '../../model/track.js';
import type { StyleProps } from './styles.js';

/** What lengths in `tts:origin`/`tts:extent` are measured against. */
export interface Frame {
  /** Root container size in pixels (`tts:extent` on `tt`), when given. */
  width?: number;
  height?: number;
  /** `ttp:cellResolution`, default 32 × 15. */
  columns: number;
  rows: number;
}

const LENGTH = /^(-?\d+(?:\.\d+)?)(%|px|c|rw|rh)$/;

/**
 * A length as a fraction of the root container along one axis (`across`
 * the width, else the height), or undefined when unknown. `rw` and `rh`
 * (IMSC 1.1) are hundredths of the root container's width and height: read
 * along their own axis only.
 */
function fraction(text: string, whole: number | undefined, cells: number, across: boolean): number | undefined {
  const m = LENGTH.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '%') return n / 100;
  if (m[2] === 'c') return n / cells;
  if (m[2] === 'rw') return across ? n / 100 : undefined;
  if (m[2] === 'rh') return across ? undefined : n / 100;
  return whole ? n / whole : undefined;
}

function pair(text: string | undefined, frame: Frame): [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return undefined;
  const x = fraction(parts[0]!, frame.width, frame.columns, true);
  const y = fraction(parts[1]!, frame.height, frame.rows, false);
  return x === undefined || y === undefined ? undefined : [x, y];
}

const EDGE: Readonly<Record<string, number>> = { left: 0, top: 0, center: 0.5, right: 1, bottom: 1 };
const HORIZONTAL = new Set(['left', 'right']);
const VERTICAL = new Set(['top', 'bottom']);

/**
 * A region's origin from `tts:position` and its extent (TTML2 §10.2.35): a
 * point of the region at x % of its free width, y % of its free height, as
 * keywords (`center bottom`, `top`) or lengths; an edge with an offset
 * (`right 10% bottom 5%`) measures from that edge. Undefined for a form not read.
 */
function positionOrigin(text: string, extent: [number, number], frame: Frame): [number, number] | undefined {
  const parts = text.trim().split(/\s+/);
  const free: [number, number] = [1 - extent[0], 1 - extent[1]];
  const at = [0.5, 0.5];
  const set = [false, false];
  const lengthOn = (word: string, a: number) => fraction(word, a === 0 ? frame.width : frame.height, a === 0 ? frame.columns : frame.rows, a === 0);
  for (let i = 0, k = 0; i < parts.length; k++) {
    if (k >= 2) return undefined;
    const word = parts[i]!;
    if (!(word in EDGE)) {
      // A bare length: the first is across, the second down.
      const a = set[0] ? 1 : 0;
      const length = lengthOn(word, a);
      if (length === undefined || set[a]) return undefined;
      at[a] = length;
      set[a] = true;
      i += 1;
      continue;
    }
    // `center` takes the axis the other word leaves: `bottom center`, `center right`.
    const a = HORIZONTAL.has(word) ? 0 : VERTICAL.has(word) ? 1 : parts.slice(i + 1).some((w) => HORIZONTAL.has(w)) || set[0] ? 1 : 0;
    if (set[a]) return undefined;
    const next = parts[i + 1];
    const offset = word !== 'center' && next !== undefined && !(next in EDGE) ? lengthOn(next, a) : undefined;
    at[a] = offset === undefined ? EDGE[word]! : word === 'left' || word === 'top' ? offset / (free[a] || 1) : 1 - offset / (free[a] || 1);
    set[a] = true;
    i += offset === undefined ? 1 : 2;
  }
  return [free[0] * at[0]!, free[1] * at[1]!];
}

/**
 * Where the text lands on screen, in thirds. Vertically it hangs from the
 * region edge its `displayAlign` names (the bottom edge when none is given). Horizontally it follows `textAlign`,
 * except for a box written on the `p` itself (Netflix style), which is sized
 * to its text, so the box's own position says where the text is.
 */
export function placementOf(region: StyleProps | undefined, inline: StyleProps, textAlign: Placement['horizontal'], frame: Frame): Placement | undefined {
  const hasInlineBox = inline.origin !== undefined || inline.extent !== undefined || inline.position !== undefined;
  if (!region && !hasInlineBox) return textAlign === 'left' || textAlign === 'right' ? { vertical: 'bottom', horizontal: textAlign } : undefined;

  const originText = inline.origin ?? region?.origin;
  const position = inline.position ?? region?.position;
  const sized = pair(inline.extent ?? region?.extent, frame);
  // `tts:origin` wins over `tts:position` where both are given (TTML2).
  const origin = pair(originText, frame) ?? (originText === undefined && position !== undefined && sized !== undefined ? positionOrigin(position, sized, frame) : undefined) ?? [0, 0];
  const extent = sized ?? [1 - origin[0], 1 - origin[1]];
  const top = origin[1];
  const bottom = Math.min(1, origin[1] + extent[1]);
  // TTML's initial `before` would put a subtitle in a full-frame box at the top;
  // files that leave displayAlign out (Netflix DFXP among them) mean the bottom.
  const display = inline.displayAlign ?? region?.displayAlign ?? 'after';
  const anchor = display === 'before' ? top : display === 'after' ? bottom : (top + bottom) / 2;
  const vertical = anchor < 1 / 3 ? 'top' : anchor <= 2 / 3 ? 'middle' : 'bottom';

  let horizontal: Placement['horizontal'];
  if (hasInlineBox) {
    const centre = origin[0] + extent[0] / 2;
    horizontal = centre < 0.4 ? 'left' : centre > 0.6 ? 'right' : undefined;
  } else if (textAlign === 'left' || textAlign === 'right') {
    horizontal = textAlign;
  }
  if (vertical === 'bottom' && !horizontal) return undefined;
  return horizontal ? { vertical, horizontal } : { vertical };
}

export function readFrame(attrs: Record<string, string>): Frame {
  const frame: Frame = { columns: 32, rows: 15 };
  const cells = /^\s*(\d+)\s+(\d+)\s*$/.exec(attrs['ttp:cellResolution'] ?? '');
  if (cells && Number(cells[1]) > 0 && Number(cells[2]) > 0) {
    frame.columns = Number(cells[1]);
    frame.rows = Number(cells[2]);
  }
  const px = /^\s*(\d+(?:\.\d+)?)px\s+(\d+(?:\.\d+)?)px\s*$/.exec(attrs['tts:extent'] ?? '');
  if (px) {
    frame.width = Number(px[1]);
    frame.height = Number(px[2]);
  }
  return frame;
}
