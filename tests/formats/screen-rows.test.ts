import { describe, expect, it } from 'vitest';
import { formats } from '../../src/formats/index.js';
import { parseFrameRate } from '../../src/model/frame-rate.js';
import { screenRow } from '../../src/model/screen-row.js';
import type { Cue, Track } from '../../src/model/track.js';

// QC's overlap and gap rules and the timing fix let cues in different rows share the screen: every writer must keep them apart.
describe('every writer says which row of the screen a cue is in', () => {
  const cues: Cue[] = [
    { id: '1', start: 5000, end: 9000, lines: [[{ text: 'BEIJING, 7 A.M.' }]], placement: { vertical: 'top' } },
    { id: '2', start: 5000, end: 9000, lines: [[{ text: 'Hello, this is 12345.' }]] },
    { id: '3', start: 6000, end: 8000, lines: [[{ text: 'ARCHIVE' }]], placement: { vertical: 'middle' } },
    { id: '4', start: 10000, end: 13000, lines: [[{ text: 'How can I help?' }]], placement: { vertical: 'bottom', horizontal: 'left' } },
  ];
  const track: Track = { language: 'en', cues, frameRate: parseFrameRate('24')!, meta: {} };

  it.each(Object.entries(formats))('%s', (_, adapter) => {
    const written = adapter.serialize(track, { frameRate: parseFrameRate('24')! });
    const read = adapter.parse(written.text, { frameRate: parseFrameRate('24')! }).track;
    const rows = (list: Cue[]) => list.map((c) => [c.lines.flat().map((s) => s.text).join(''), c.start, c.end, screenRow(c)]).sort();
    expect(rows(read.cues)).toEqual(rows(cues));
  });
});
