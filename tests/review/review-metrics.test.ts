import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/model/track.js';
import { cueMetrics } from '../../src/qc/metrics.js';
import { defaultProfile } from '../../src/qc/profiles/default.js';
import { reviewMetrics } from '../../src/review/review-metrics.js';

const cue = (start: number, end: number, ...lines: string[]): Cue => ({ id: '1', start, end, lines: lines.map((text) => (text === '' ? [] : [{ text }])) });

/** The sheet, the XLIFF notes and the studio show what QC measures: a reviewer never reads 18.7 beside a finding that says 18.8. */
describe('reviewMetrics', () => {
  it.each([
    ['18.75 characters/s, rounded as QC rounds it', cue(0, 1120, 'We called them twice.'), 18.8],
    ['no duration: 0, as QC has it (its duration rule reports the cue)', cue(5000, 5000, 'Too fast.'), 0],
    ['a plain two-line cue', cue(1000, 3500, '- Who are you?', "- I'm the captain."), 12.8],
  ])('%s', (_name, c, charsPerSecond) => {
    const metrics = reviewMetrics(c, 'fr-FR', defaultProfile);
    expect(metrics.charsPerSecond).toBe(charsPerSecond);
    expect(metrics).toMatchObject(cueMetrics(c, 'fr-FR'));
  });

  it('counts lines and the widest as QC does: blank lines at either end are no lines', () => {
    const metrics = reviewMetrics(cue(0, 2000, '', 'Hello there.', ''), 'en-US', defaultProfile);
    expect(metrics).toMatchObject({ lines: 1, maxLineWidth: 12, chars: 12 });
  });
});
