/**
 * Issue 11's figures for `npm run bench`: the timing fix beside a plain loop,
 * and condensed DeepL drafting beside drafting without the second pass.
 */
import { benchCondense } from './condense.js';
import { benchTiming } from './timing.js';

export async function benchTracksThatFit(): Promise<string> {
  return `${benchTiming()}\n\n${await benchCondense()}`;
}
