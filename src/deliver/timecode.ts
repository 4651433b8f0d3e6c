import { canDropFrames, dropFrameLabelToFrames, isSkippedLabel, nominalFps } from '../model/frame-rate.js';
import type { FrameRate } from '../model/track.js';

const TIMECODE = /^(\d{1,2}):(\d{2}):(\d{2})([:;])(\d{2,3})$/;
/** `01:00:00.12`: seconds and a fraction, as ffmpeg and WebVTT write times, never frames. */
const DECIMAL = /^\d{1,2}:\d{2}:\d{2}[.,]\d+$/;

/** Where a SMPTE timecode wraps to 00:00:00:00: no deliverable may reach it. */
export const DAY = '24:00:00:00';

/** Frames from 00:00:00:00 to 24:00:00:00 at `rate` (fewer at a drop-frame rate). */
export function dayFrames(rate: FrameRate): number {
  return rate.dropFrame && canDropFrames(rate) ? dropFrameLabelToFrames(24, 0, 0, 0, rate) : 24 * 3600 * nominalFps(rate);
}

export type TimecodeResult = { frames: number } | { error: string };

/**
 * Frames counted by a SMPTE timecode `HH:MM:SS:FF` at `rate`. A `;` before
 * the frames (`00:59:59;29`) or a drop-frame rate reads it as a drop-frame
 * label; a label drop-frame skips (`00:01:00;00`) is refused.
 */
export function parseTimecode(text: string, rate: FrameRate): TimecodeResult {
  const m = TIMECODE.exec(text.trim());
  if (!m && DECIMAL.test(text.trim())) return { error: `\`${text}\` is a time in seconds and a fraction; expected a timecode HH:MM:SS:FF, frames after a colon, such as 01:00:00:00 (HH:MM:SS;FF for drop-frame)` };
  if (!m) return { error: `\`${text}\` is not a timecode; expected HH:MM:SS:FF such as 01:00:00:00 (HH:MM:SS;FF for drop-frame)` };
  const [h, min, s, f] = [m[1], m[2], m[3], m[5]].map(Number) as [number, number, number, number];
  const fps = nominalFps(rate);
  if (min > 59 || s > 59) return { error: `\`${text}\` has ${min > 59 ? `${min} minutes` : `${s} seconds`}; expected at most 59` };
  if (f >= fps) return { error: `\`${text}\` has frame ${f}; expected at most ${fps - 1} at ${fps} frames a second` };
  if (h >= 24) return { error: `\`${text}\` is at or past ${DAY}; expected a timecode before ${DAY}, where SMPTE and DCP timecodes wrap` };
  const dropFrame = m[4] === ';' || rate.dropFrame === true;
  if (!dropFrame) return { frames: ((h * 60 + min) * 60 + s) * fps + f };
  if (!canDropFrames(rate)) return { error: `\`${text}\` is a drop-frame timecode; drop-frame exists only at 29.97 and 59.94 fps, expected \`:\` before the frames` };
  // Read as drop-frame and labelled non-drop, 01:00:00;00 put the delivery 3.6 s early (00:59:56:12).
  if (rate.dropFrame !== true) return { error: `\`${text}\` is a drop-frame timecode, but the delivery is ${nominalFps(rate) === 30 ? '29.97' : '59.94'} fps non-drop; expected \`:\` before the frames, or --fps ${nominalFps(rate) === 30 ? '29.97' : '59.94'}df for a drop-frame delivery` };
  const skipped = Math.round(fps / 15);
  if (isSkippedLabel(min, s, f, rate)) return { error: `\`${text}\` is a label drop-frame timecode skips; expected ${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00;${String(skipped).padStart(2, '0')} or later` };
  return { frames: dropFrameLabelToFrames(h, min, s, f, rate) };
}
