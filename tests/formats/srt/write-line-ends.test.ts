import { describe, expect, it } from 'vitest';
import { srt } from '../../../src/formats/srt/index.js';
import type { Cue, Track } from '../../../src/model/track.js';

function track(cues: Cue[]): Track {
  return { language: 'und', cues, meta: {} };
}

function cue(start: number, lines: Cue['lines'], extra: Partial<Cue> = {}): Cue {
  return { id: String(start), start, end: start + 500, lines, ...extra };
}

/** The writer owes a cue's last line end to the next cue's head: every shape of cue still ends with one line end and one blank line. */
describe('srt writer line ends', () => {
  it('ends a cue without text, a cue whose lines were all dropped and a placement alone like any other cue', () => {
    const { text } = srt.serialize(
      track([cue(0, []), cue(1000, [[{ text: ' ' }]]), cue(2000, [], { placement: { vertical: 'top' } }), cue(3000, [[{ text: 'a' }], [{ text: 'b' }]]), cue(4000, [])]),
    );
    expect(text).toBe(
      [
        '1\n00:00:00,000 --> 00:00:00,500\n',
        '2\n00:00:01,000 --> 00:00:01,500\n',
        '3\n00:00:02,000 --> 00:00:02,500\n{\\an8}\n',
        '4\n00:00:03,000 --> 00:00:03,500\na\nb\n',
        '5\n00:00:04,000 --> 00:00:04,500\n',
      ].join('\n'),
    );
  });

  it('ends the last cue with one line end', () => {
    expect(srt.serialize(track([cue(0, [[{ text: 'a' }]])])).text).toBe('1\n00:00:00,000 --> 00:00:00,500\na\n');
  });
});
