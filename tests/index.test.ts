import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly what is listed on purpose', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['SublocError', 'decode', 'detectFormat', 'formatById', 'formatDiagnostic', 'formats', 'framesToMs', 'msToFrames', 'parse', 'parseFrameRate', 'serialize'].sort(),
    );
  });

  it('has one adapter per format in the table', () => {
    expect(Object.keys(api.formats).sort()).toEqual(['dcp-interop', 'dcp-smpte', 'ebu-tt-d', 'srt', 'ttml', 'vtt']);
    for (const [id, adapter] of Object.entries(api.formats)) expect(adapter.id).toBe(id);
  });
});
