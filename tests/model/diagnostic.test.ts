import { describe, expect, it } from 'vitest';
import { fixedMessage, formatDiagnostic } from '../../src/model/diagnostic.js';

describe('fixedMessage', () => {
  it('reports its one wording at each place it is given', () => {
    const noBody = fixedMessage('tmx/no-body', 'error', '`<tmx>` has no `<body>`');
    expect(noBody({ line: 3, column: 1 })).toEqual({ code: 'tmx/no-body', severity: 'error', message: '`<tmx>` has no `<body>`', line: 3, column: 1 });
    expect(noBody({ cueId: 'c7', line: undefined })).toEqual({ code: 'tmx/no-body', severity: 'error', message: '`<tmx>` has no `<body>`', cueId: 'c7' });
  });
});

describe('formatDiagnostic', () => {
  it('names the file, line and column where there are ones', () => {
    expect(formatDiagnostic({ code: 'srt/arrow', severity: 'warning', message: 'm', line: 4, column: 2, cueId: '2' }, 'film.srt')).toBe('film.srt:4:2: warning: m [srt/arrow]');
  });

  it('names the cue a writer reports on, which has no line in the file written', () => {
    expect(formatDiagnostic({ code: 'srt/duration-extended', severity: 'warning', message: 'm', cueId: '12' }, 'out.srt')).toBe('out.srt: cue 12: warning: m [srt/duration-extended]');
    expect(formatDiagnostic({ code: 'x/y', severity: 'info', message: 'm', cueId: '12' })).toBe('cue 12: info: m [x/y]');
  });
});
