import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import type { Cue } from '../../../src/model/track.js';
import { corpusFiles, readCorpus } from './corpus-files.js';

/**
 * ttconv's ISD references list, for each IMSC test, the times at which the
 * rendered document changes: `<seconds> +` (something shown) or `-` (nothing).
 * Both sides are reduced to the same timeline: change points in ms, with
 * repeated `-` entries (nothing → nothing) dropped.
 */
type Timeline = string[];

function canonical(points: [number, boolean][]): Timeline {
  const out: Timeline = [];
  let shown = false;
  for (const [ms, visible] of points) {
    if (!visible && !shown) continue;
    out.push(`${ms}${visible ? '+' : '-'}`);
    shown = visible;
  }
  return out;
}

function referenceTimeline(text: string): Timeline {
  return canonical(
    text
      .trim()
      .split('\n')
      .map((line) => {
        const [t, sign] = line.trim().split(/\s+/);
        return [Math.round(Number(t) * 1000), sign === '+'] as [number, boolean];
      }),
  );
}

function ourTimeline(cues: Cue[]): Timeline {
  const times = [...new Set([0, ...cues.flatMap((c) => [c.start, c.end])])].sort((a, b) => a - b);
  return canonical(times.map((t) => [t, cues.some((c) => c.start <= t && t < c.end)]));
}

/** Where we differ on purpose, and why. */
const DELIBERATE: Record<string, string> = {
  // The model has no "forever": a cue with no resolvable end ends at the last
  // time the document names (or 5 s after its start), with a warning.
  'imsc1/ttml/misc/unicode-non-bmp-character.ttml': 'indefinite end made finite',
  'imsc1/ttml/p/Paragraph002.ttml': 'indefinite end made finite',
  'imsc1/ttml/region/nested-region-001.ttml': 'indefinite end made finite',
  'imsc1/ttml/timing/BeginEnd002.ttml': 'indefinite end made finite',
  'imsc1/ttml/timing/FixedBeginEnd002.ttml': 'indefinite end made finite',
  'imsc1/ttml/timing/BasicTiming012.ttml': 'indefinite end made finite',
  // Between 24.4 s and 25 s only a <br/> is active: an ISD with an empty
  // paragraph, but no text, so no cue.
  'imsc1/ttml/timing/BasicTiming010.ttml': 'an interval showing only a line break is no cue',
  // Two spans with the same text back to back show one unchanged subtitle, so
  // they make one cue; ttconv lists the instant the second span begins.
  'imsc1/ttml/timing/timing-on-span-002.ttml': 'unchanged text across a span boundary is one cue',
  // ttconv lists when content begins even while its region's own timing still
  // hides it (5 s) and when it ends after the region has (25 s); nothing
  // changes on screen then, and the cues are clipped to the region's interval.
  'imsc1/ttml/region/region-timing.ttml': 'times hidden by region timing are no change',
  // A <set> animation changes the region every second; animations are not read
  // (the model has no opacity or background).
  'imsc1/ttml/timing/BasicTiming005.ttml': 'style animation is not read',
};

const files = corpusFiles('sandflow-ttconv/isd-references', /\.txt$/);

describe('ttconv ISD timing references', () => {
  it('finds the references', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const ref of files) {
    // imsc1_1_ttml_ruby_ruby001.txt refers to imsc1_1/ttml/ruby/ruby001.ttml
    const name = ref.split('/').pop()!.replace(/\.txt$/, '');
    const suite = name.startsWith('imsc1_1_') ? 'imsc1_1' : 'imsc1';
    const rest = name.slice(`${suite}_ttml_`.length);
    const cut = rest.indexOf('_');
    const test = `${suite}/ttml/${rest.slice(0, cut)}/${rest.slice(cut + 1)}.ttml`;
    it(test, () => {
      const { track, diagnostics } = ttml.parse(readCorpus(`w3c-imsc-tests/${test}`));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const ours = ourTimeline(track.cues);
      const expected = referenceTimeline(readCorpus(ref));
      if (DELIBERATE[test]) expect(ours, DELIBERATE[test]).not.toEqual(expected);
      else expect(ours).toEqual(expected);
    });
  }
});
