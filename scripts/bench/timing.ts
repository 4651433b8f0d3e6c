/**
 * `subloc timing fix` on 100,000 cues beside a plain loop that touches every
 * cue (each time put on the frame grid, each cue copied): what the rules of
 * the fix cost over the least any pass over the track must do. Both run in
 * this process, alternately, after untimed runs (see `inTurn`).
 */
import { FILM, framesToMs, msToFrames } from '../../src/model/frame-rate.js';
import type { Cue, Track } from '../../src/model/track.js';
import { defaultProfile } from '../../src/qc/profiles/default.js';
import { festivalProfile } from '../../src/qc/profiles/festival.js';
import { fixTiming } from '../../src/timing/fix-timing.js';
import { compare } from './in-turn.js';

const CUES = 100_000;
const RUNS = 9;
const WORDS = ['the', 'hotline', 'answers', 'sixty', 'thousand', 'calls', 'every', 'day', 'from', 'residents', 'of', 'old', 'buildings'];

/**
 * A documentary's timing, not a uniform grid: cues of 0.7 to 4 s, gaps of 1
 * frame to 2 s (some overlapping), text from 10 to 80 characters, so every
 * rule of the fix has work (minimum duration, reading speed, chaining,
 * minimum gap, overlap).
 */
function documentary(count: number): Track {
  const cues: Cue[] = [];
  let t = 1000;
  for (let i = 0; i < count; i++) {
    const duration = 700 + ((i * 733) % 3300);
    const words = Array.from({ length: 2 + (i % 13) }, (_, k) => WORDS[(i * 5 + k * 3) % WORDS.length]!).join(' ');
    cues.push({ id: String(i + 1), start: t, end: t + duration, lines: [[{ text: words }]] });
    const gap = i % 17 === 0 ? -120 : [42, 125, 250, 400, 800, 2000][i % 6]!;
    t += duration + gap;
  }
  return { language: 'en-US', cues, meta: {} };
}

/** The least a timing pass does: every time onto the frame grid, every cue copied. */
function plainLoop(track: Track): Cue[] {
  const out = new Array<Cue>(track.cues.length);
  for (let i = 0; i < track.cues.length; i++) {
    const cue = track.cues[i]!;
    out[i] = { ...cue, start: framesToMs(msToFrames(cue.start, FILM), FILM), end: framesToMs(msToFrames(cue.end, FILM), FILM) };
  }
  return out;
}

export function benchTiming(): string {
  const track = documentary(CUES);
  const lines = [`Timing fix: ${CUES.toLocaleString('en')} cues at 24 fps, median of ${RUNS} runs, beside a plain loop putting every cue's times on the frame grid`];
  for (const profile of [defaultProfile, festivalProfile]) {
    const changes = fixTiming(track, { language: track.language, profile, frameRate: FILM }).changes.length;
    const [fix, loop] = compare(() => fixTiming(track, { language: track.language, profile, frameRate: FILM }), () => plainLoop(track), RUNS);
    lines.push(
      `  profile ${profile.id.padEnd(8)} ${fix.toFixed(1).padStart(6)} ms (${changes.toLocaleString('en')} times moved), plain loop ${loop.toFixed(1).padStart(5)} ms: ${(fix / loop).toFixed(2)}× the loop, ${((fix * 1000) / CUES).toFixed(2)} µs a cue`,
    );
  }
  return lines.join('\n');
}
