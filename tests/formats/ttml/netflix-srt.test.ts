import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import { cueText } from '../../../src/model/spans.js';
import { corpusFiles, readCorpus } from './corpus-files.js';

interface SrtCue {
  start: number;
  end: number;
  text: string;
}

/** Just enough SRT to read netflix-to-srt's expected outputs. */
function readSrt(text: string): SrtCue[] {
  const ms = (t: string): number => {
    const [h, m, s, f] = t.split(/[:,.]/).map(Number);
    return ((h! * 60 + m!) * 60 + s!) * 1000 + f!;
  };
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.split('\n'))
    .filter((lines) => lines.some((l) => l.includes('-->')))
    .map((lines) => {
      const at = lines.findIndex((l) => l.includes('-->'));
      const [a, b] = lines[at]!.split('-->').map((s) => s.trim());
      return { start: ms(a!), end: ms(b!), text: lines.slice(at + 1).join('\n') };
    });
}

/** The converter strips tags and trailing blanks; compare the words. */
function words(text: string): string {
  return text
    .replace(/<[^>]+>|\{\\an\d\}/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

const PAIRS = corpusFiles('isaacbernat-netflix-to-srt', /\.xml$/i)
  .filter((f) => !f.includes('/delay/') && !f.endsWith('sample3.xml'))
  .map((xml) => [xml, xml.replace(/\.xml$/i, '.srt')] as const);

describe('netflix-to-srt expected SRT', () => {
  it.each(PAIRS)('%s matches %s', (xmlFile, srtFile) => {
    const { track } = ttml.parse(readCorpus(xmlFile));
    const expected = readSrt(readCorpus(srtFile));
    expect(track.cues.map((c) => words(cueText(c)))).toEqual(expected.map((c) => words(c.text)));
    track.cues.forEach((cue, i) => {
      // The converter marks subtitles in a top region with {\an8}.
      expect(cue.placement?.vertical === 'top').toBe(expected[i]!.text.startsWith('{\\an8}'));
      // The converter truncates ticks to the millisecond; we round to the nearest.
      expect(Math.abs(cue.start - expected[i]!.start)).toBeLessThanOrEqual(1);
      expect(Math.abs(cue.end - expected[i]!.end)).toBeLessThanOrEqual(1);
    });
  });
});
