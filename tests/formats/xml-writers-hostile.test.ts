import { describe, expect, it } from 'vitest';
import { dcpInterop, dcpSmpte } from '../../src/formats/dcp/index.js';
import { ebuttd } from '../../src/formats/ebu-tt-d/index.js';
import { ttml } from '../../src/formats/ttml/index.js';
import type { Track } from '../../src/model/track.js';
import { validateText } from '../helpers/schemas.js';

const track = (language: string, title = 'Hotline Beijing'): Track => ({
  language,
  cues: [{ id: '1', start: 1000, end: 3000, lines: [[{ text: 'Hello' }]] }],
  meta: { title },
});

/** Every XML writer, its schema, and options that make its output repeatable. */
const WRITERS = [
  ['ttml', ttml, 'imsc1', {}],
  ['ebu-tt-d', ebuttd, 'ebu-tt-d', {}],
  ['dcp-smpte', dcpSmpte, 'dcp-smpte-2014', { documentId: 'urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056', issueDate: '2025-01-28T20:47:47Z' }],
  ['dcp-interop', dcpInterop, 'dcp-interop-mattsson', { documentId: 'cab5c268-222b-41d2-88ae-6d6999441b17', issueDate: '2025-01-28T20:47:47Z' }],
] as const;

describe('XML writers given a language or title XML cannot hold', () => {
  it.each(WRITERS)('%s writes a valid document: `en_US` as en-US, a language that is no tag as und, each said', (id, format, schema, opts) => {
    const locale = format.serialize(track('en_US'), { frameRate: { numerator: 24, denominator: 1 }, ...opts });
    expect(validateText(locale.text, schema).out).toBe('');
    if (id !== 'dcp-interop') expect(locale.diagnostics).toContainEqual(expect.objectContaining({ code: `${id === 'dcp-smpte' ? 'dcp' : id}/bad-language`, severity: 'warning' }));
    const junk = format.serialize(track('not a lang'), { frameRate: { numerator: 24, denominator: 1 }, ...opts });
    expect(validateText(junk.text, schema).out).toBe('');
    if (id !== 'dcp-interop') expect(junk.text).toMatch(/xml:lang="und"|<Language>und<\/Language>/);
  });

  it.each(WRITERS)('%s leaves out of the title the control characters XML cannot carry', (_id, format, schema, opts) => {
    const written = format.serialize(track('en', 'My\u0001Film\uffff'), { frameRate: { numerator: 24, denominator: 1 }, ...opts });
    expect(validateText(written.text, schema).out).toBe('');
    expect(written.text).toContain('MyFilm');
  });
});
