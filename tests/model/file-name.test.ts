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
    ['film', { title: '' }],
  ])('%s', (path, expected) => {
    expect(fromFileName(path)).toEqual(expected);
  });

  it('BCP47 takes tags, not words', () => {
    expect(['zh-Hans', 'en-US', 'es-419', 'sl-IT-rozaj'].every((t) => BCP47.test(t))).toBe(true);
    expect(['english', 'e', 'en_US', 'en-'].some((t) => BCP47.test(t))).toBe(false);
  });
});
