import { describe, expect, it } from 'vitest';
import { BCP47, fromFileName } from '../../src/model/file-name.js';

describe('fromFileName', () => {
  it.each([
    ['films/hotline-beijing.zh-Hans.srt', { title: 'hotline-beijing', language: 'zh-Hans' }],
    ['hotline.beijing.fr-FR.vtt', { title: 'hotline.beijing', language: 'fr-FR' }],
    ['film.EN.srt', { title: 'film', language: 'EN' }],
    ['film.sl-IT-rozaj.ttml', { title: 'film', language: 'sl-IT-rozaj' }],
    ['film.sr-Latn-RS.srt', { title: 'film', language: 'sr-Latn-RS' }],
    ['film.final.srt', { title: 'film.final' }],
    ['film.v2.srt', { title: 'film.v2' }],
    ['en.srt', { title: 'en' }],
    // Deliver's own names: a format's two-part extension after the language, which has the form of a tag but names none.
    ['hotline-beijing.ja-JP.dcp-smpte.xml', { title: 'hotline-beijing', language: 'ja-JP' }],
    ['hotline-beijing.en-US.dcp-interop.xml', { title: 'hotline-beijing', language: 'en-US' }],
    ['hotline-beijing.fr-FR.ebu-tt-d.xml', { title: 'hotline-beijing', language: 'fr-FR' }],
    ['hotline-beijing.de-DE.imsc.ttml', { title: 'hotline-beijing', language: 'de-DE' }],
    ['film.dcp-smpte.xml', { title: 'film.dcp-smpte' }],
    ['film.xyz.srt', { title: 'film.xyz' }],
    ['film.und.srt', { title: 'film', language: 'und' }],
    ['film', { title: '' }],
  ])('%s', (path, expected) => {
    expect(fromFileName(path)).toEqual(expected);
  });

  it('BCP47 takes tags, not words', () => {
    expect(['zh-Hans', 'en-US', 'es-419', 'sl-IT-rozaj'].every((t) => BCP47.test(t))).toBe(true);
    expect(['english', 'e', 'en_US', 'en-'].some((t) => BCP47.test(t))).toBe(false);
  });
});
