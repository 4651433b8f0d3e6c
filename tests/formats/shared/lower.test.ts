import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../../src/model/diagnostic.js';
import type { Cue } from '../../../src/model/track.js';
import { lowerCue, XML_CONTROL, type Capabilities } from '../../../src/formats/shared/lower.js';

const capabilities: Capabilities = {
  color: (c) => (c.startsWith('#') ? c.toUpperCase() : undefined),
  unwritable: XML_CONTROL,
  maxLines: 2,
  messages: {
    colorDropped: (color, cueId) => diagnostic('x/color-dropped', 'warning', color, { cueId }),
    controlCharsDropped: (cueId) => diagnostic('x/control-chars-dropped', 'warning', 'control', { cueId }),
    tooManyLines: (count, cueId) => diagnostic('x/too-many-lines', 'error', String(count), { cueId }),
  },
};

describe('lowerCue', () => {
  it('converts what the format can say, drops the rest, and reports each loss once per cue (a colour once per colour), in the order found', () => {
    const cue: Cue = {
      id: 'c1',
      start: 0,
      end: 1000,
      placement: { vertical: 'top' },
      lines: [
        [{ text: 'a\u0007', color: 'rebeccapurple' }, { text: 'b', italic: true, color: '#ff0000' }],
        [{ text: 'c\u0001', color: 'rebeccapurple' }],
        [{ text: 'd', color: 'papayawhip', bold: true }],
      ],
    };
    const diagnostics: ReturnType<typeof diagnostic>[] = [];
    const lowered = lowerCue(cue, capabilities, diagnostics);
    expect(lowered).toEqual({
      ...cue,
      lines: [[{ text: 'a' }, { text: 'b', italic: true, color: '#FF0000' }], [{ text: 'c' }], [{ text: 'd', bold: true }]],
    });
    expect(diagnostics.map((d) => `${d.code} ${d.message} ${d.cueId}`)).toEqual([
      'x/too-many-lines 3 c1',
      'x/control-chars-dropped control c1',
      'x/color-dropped rebeccapurple c1',
      'x/color-dropped papayawhip c1',
    ]);
    expect(cue.lines[0]![0]).toEqual({ text: 'a\u0007', color: 'rebeccapurple' });
  });

  it('leaves a cue the format can say whole unchanged, and reports nothing', () => {
    const cue: Cue = { id: '1', start: 0, end: 1, lines: [[{ text: 'x', underline: true, color: '#00ff00' }]] };
    const diagnostics: ReturnType<typeof diagnostic>[] = [];
    expect(lowerCue(cue, { ...capabilities, color: (c) => c }, diagnostics)).toEqual(cue);
    expect(diagnostics).toEqual([]);
  });
});
