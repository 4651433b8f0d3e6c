import { percentage, rowAt } from './screen-position.js';
import type { Placement } from '../../model/track.js';
import { isAsciiWhitespace, isDigit } from '../shared/char-codes.js';

/** What of a REGION block says where it stands on screen, in percent; defaults as the spec's. */
export interface Region {
  id: string;
  lines: number;
  regionAnchorY: number;
  viewportAnchorY: number;
}

/**
 * The height of a region line in percent of the video's height: the
 * rendering rules give a region 6vh a line (WebKit and Chromium 5.33vh).
 */
const REGION_LINE = 6;

/** `x%,y%`: the y, when both are percentages. */
function anchorY(value: string): number | undefined {
  const comma = value.indexOf(',');
  if (comma < 0 || percentage(value.slice(0, comma)) === undefined) return undefined;
  return percentage(value.slice(comma + 1));
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return text.length > 0;
}

/** The spec's "collect WebVTT region settings", keeping what places the region vertically. */
export function readRegion(text: string): Region {
  const region: Region = { id: '', lines: 3, regionAnchorY: 100, viewportAnchorY: 100 };
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isAsciiWhitespace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isAsciiWhitespace(text.charCodeAt(i))) i++;
    const setting = text.slice(start, i);
    const colon = setting.indexOf(':');
    if (colon <= 0 || colon === setting.length - 1) continue;
    const name = setting.slice(0, colon);
    const value = setting.slice(colon + 1);
    if (name === 'id') {
      if (!value.includes('-->')) region.id = value;
    } else if (name === 'lines') {
      if (allDigits(value)) region.lines = Number(value);
    } else if (name === 'regionanchor' || name === 'viewportanchor') {
      const y = anchorY(value);
      if (y !== undefined && name === 'regionanchor') region.regionAnchorY = y;
      else if (y !== undefined) region.viewportAnchorY = y;
    }
  }
  return region;
}

/**
 * The row the region's cues stand in, or undefined when it has no lines or
 * reaches outside the picture, where a player cuts its cues off. Cues stack
 * from the region's bottom edge, so that edge is where the text is.
 */
export function regionRow(region: Region): Placement['vertical'] | undefined {
  const height = region.lines * REGION_LINE;
  const top = region.viewportAnchorY - (region.regionAnchorY / 100) * height;
  const bottom = top + height;
  // A thousandth of a percent for the sums' rounding: a region drawn to the edge is inside.
  if (height === 0 || top < -0.001 || bottom > 100.001) return undefined;
  // The bottom edge less half a two-line cue box, as a cue's `line` is read.
  return rowAt(bottom - 5);
}
