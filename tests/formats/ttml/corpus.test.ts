import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import { corpusFiles, readCorpus } from './corpus-files.js';

const TTML_FILES = [
  ...corpusFiles('w3c-imsc-tests', /\.ttml$/),
  ...corpusFiles('irt-ebu-tt-d-application-samples', /\.(xml|ttml)$/),
  ...corpusFiles('sandflow-ttconv/ttml', /\.ttml$/),
  ...corpusFiles('isaacbernat-netflix-to-srt', /\.xml$/i),
  ...corpusFiles('tkarabela-pysubs2', /\.ttml$/),
  ...corpusFiles('androidx-media/ttml', /\.xml$/),
];

/** Not TTML documents at all, by design of their suites. */
const INVALID: Record<string, string> = {
  // netflix-to-srt's "bare <p> fragment without <tt>" sample: two root elements.
  'isaacbernat-netflix-to-srt/sample3.xml': 'ttml/not-well-formed',
};

const DCP_FILES = [...corpusFiles('cth103-libdcp', /\.xml$/), ...corpusFiles('cth103-libsub', /\.xml$/)];

describe('TTML corpus', () => {
  it('finds the files', () => {
    expect(TTML_FILES.length).toBeGreaterThan(150);
    expect(DCP_FILES.length).toBeGreaterThan(10);
  });

  it.each(TTML_FILES.filter((f) => !(f in INVALID)))('%s is detected and read without errors', (file) => {
    const text = readCorpus(file);
    expect(ttml.detect(text)).toBe(true);
    const { track, diagnostics } = ttml.parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const cue of track.cues) {
      expect(Number.isInteger(cue.start) && Number.isInteger(cue.end)).toBe(true);
      expect(cue.end).toBeGreaterThan(cue.start);
      expect(cue.lines.length).toBeGreaterThan(0);
      expect(cue.placement).not.toEqual({ vertical: 'bottom' });
    }
  });

  it.each(Object.entries(INVALID))('%s gives one error with a line', (file, code) => {
    const { track, diagnostics } = ttml.parse(readCorpus(file));
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe(code);
    expect(errors[0]!.line).toBeGreaterThan(0);
    expect(track.cues).toEqual([]);
  });

  it.each(DCP_FILES)('%s (DCP subtitle XML) is not detected as TTML', (file) => {
    const text = readCorpus(file);
    expect(ttml.detect(text)).toBe(false);
    const { diagnostics } = ttml.parse(text);
    expect(diagnostics.some((d) => d.severity === 'error' && d.line !== undefined)).toBe(true);
  });
});

describe('TTML ruby (IMSC 1.1, ExoPlayer fixtures)', () => {
  const text = (file: string) => ttml.parse(readCorpus(file)).track.cues.map((c) => c.lines.map((l) => l.map((s) => s.text).join('')).join('\n'));

  it('keeps the base text and leaves out ruby text, text containers and delimiters, inline or by style, saying so once', () => {
    expect(text('androidx-media/ttml/rubies.xml')).toEqual([
      'Cue with annotated text.',
      'Cue with annotated text.',
      'Cue with annotated text.',
      'Cue with annotated text.',
      'Cue with text.',
      'Cue with annotated text.',
      'Cue with annotated text.',
      'Cue with annotated text.',
    ]);
    expect(ttml.parse(readCorpus('androidx-media/ttml/rubies.xml')).diagnostics).toEqual([
      expect.objectContaining({ code: 'ttml/ruby-dropped', severity: 'info', line: 21, message: expect.stringContaining('9 ruby annotations') }),
    ]);
    expect(text('w3c-imsc-tests/imsc1_1/ttml/ruby/ruby001.ttml')).toEqual(['利用許諾']);
  });

  it('says vertical writing was laid out across, at the line that asks for it', () => {
    expect(ttml.parse(readCorpus('w3c-imsc-tests/imsc1_1/ttml/ruby/ruby002.ttml')).diagnostics).toContainEqual(
      expect.objectContaining({ code: 'ttml/vertical-dropped', severity: 'info', line: 14 }),
    );
  });
});
