/** SMPTE `HH:MM:SS:EE` in edit units, and Interop `HH:MM:SS:ttt` in ticks of 4 ms. */

import type { FrameRate } from '../../model/track.js';

const EDIT_UNITS = /^\s*(\d{1,2}):(\d{2}):(\d{2}):(\d+)\s*$/;
const TICKS = /^\s*(\d{1,2}):(\d{2}):(\d{2})(?::(\d{1,3})|\.(\d{1,3}))\s*$/;

export const TICK_MS = 4;
export const TICKS_PER_SECOND = 250;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function seconds(h: string, m: string, s: string): number {
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

export interface ReadTime {
  /** Edit units for SMPTE, ms for Interop. */
  value: number;
  /** The frame or tick field was at or past the rate, which validators reject. */
  overflow: boolean;
}

export function parseEditUnits(text: string, rate: number): ReadTime | undefined {
  const m = EDIT_UNITS.exec(text);
  if (!m) return undefined;
  const frames = Number(m[4]);
  // Past 2^53 frames the sum is no longer a count (and reaches Infinity): not a time.
  if (!Number.isSafeInteger(frames)) return undefined;
  return { value: seconds(m[1]!, m[2]!, m[3]!) * rate + frames, overflow: frames >= rate };
}

export function formatEditUnits(units: number, rate: number): string {
  const s = Math.floor(units / rate);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}:${pad(units % rate, String(rate - 1).length)}`;
}

/** Ticks (`:125`) or milliseconds (`.500`), both of which Interop files use. */
export function parseTicks(text: string): ReadTime | undefined {
  const m = TICKS.exec(text);
  if (!m) return undefined;
  const base = seconds(m[1]!, m[2]!, m[3]!) * 1000;
  if (m[4] !== undefined) {
    const ticks = Number(m[4]);
    return { value: base + ticks * TICK_MS, overflow: ticks >= TICKS_PER_SECOND };
  }
  return { value: base + Math.round(Number(`0.${m[5]!}`) * 1000), overflow: false };
}

/** Where frame `n` starts, in exact milliseconds (not rounded to one, as `framesToMs` does). */
export function framesToExactMs(n: number, rate: FrameRate): number {
  return (n * rate.denominator * 1000) / rate.numerator;
}

/** Rounded to the nearest tick. */
export function formatTicks(ms: number): string {
  const ticks = Math.round(ms / TICK_MS);
  const s = Math.floor(ticks / TICKS_PER_SECOND);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}:${pad(ticks % TICKS_PER_SECOND, 3)}`;
}
