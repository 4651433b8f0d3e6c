import { describe, expect, it } from 'vitest';
import { webvtt } from '../../../src/formats/webvtt/index.js';

const placement = (settings: string, text: string) => webvtt.parse(`WEBVTT\n\n00:00.000 --> 00:01.000 ${settings}\n${text}`).track.cues[0]!.placement;

// The computed position alignment: `start` is line-right, `end` line-left, when the cue text's first strong character is right-to-left.
describe('WebVTT start and end alignment in right-to-left text', () => {
  it.each([
    ['align:start', 'مرحبا بكم', 'right'],
    ['align:end', 'مرحبا بكم', 'left'],
    ['align:start', 'שלום', 'right'],
    ['align:start line:0', '<i>שלום</i> world', 'right'],
    ['align:start', '2024 — مرحبا', 'right'],
    ['align:start', 'Hello مرحبا', 'left'],
    ['align:start', '\u2067abc\u2069 שלום', 'right'],
    ['align:start', '\u200fabc', 'right'],
    ['align:end', '123', 'right'],
    ['align:left', 'مرحبا بكم', 'left'],
    ['align:right', 'مرحبا بكم', 'right'],
    ['align:start position:90%', 'مرحبا بكم', 'right'],
    ['align:start position:10%', 'مرحبا بكم', 'left'],
    ['align:end position:90%', 'مرحبا بكم', 'right'],
  ])('%s on %j stands %s', (settings, text, side) => {
    expect(placement(settings, text)?.horizontal).toBe(side);
  });

  it('reads the direction of the whole cue, its first line first', () => {
    expect(placement('align:start', '\u2014\nمرحبا\nHello')?.horizontal).toBe('right');
    expect(placement('align:start', '<c.yellow>Hello</c>\nمرحبا')?.horizontal).toBe('left');
  });
});
