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

const LENGTH = /^(-?\d+(?:\.\d+)?)(%|px|c)$/;

/** A length as a fraction of the root container, or undefined when unknown. */
function fraction(text: string, whole: number | undefined, cells: number): number | undefined {
  const m = LENGTH.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === '%') return n / 100;
  if (m[2] === 'c') return n / cells;
  return whole ? n / whole : undefined;
}

function pair(text: string | undefined, frame: Frame): [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return undefined;
  const x = fraction(parts[0]!, frame.width, frame.columns);
  const y = fraction(parts[1]!, frame.height, frame.rows);
  return x === undefined || y === undefined ? undefined : [x, y];
}

/**
 * Where the text lands on screen, in thirds. Vertically it hangs from the
 * region edge its `displayAlign` names (the bottom edge when none is given). Horizontally it follows `textAlign`,
 * except for a box written on the `p` itself (Netflix style), which is sized
 * to its text, so the box's own position says where the text is.
 */
export function placementOf(region: StyleProps | undefined, inline: StyleProps, textAlign: StyleProps['textAlign'], frame: Frame): Placement | undefined {
  const hasInlineBox = inline.origin !== undefined || inline.extent !== undefined;
  if (!region && !hasInlineBox) return textAlign === 'left' || textAlign === 'right' ? { vertical: 'bottom', horizontal: textAlign } : undefined;

  const origin = pair(inline.origin ?? region?.origin, frame) ?? [0, 0];
  const extent = pair(inline.extent ?? region?.extent, frame) ?? [1 - origin[0], 1 - origin[1]];
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
