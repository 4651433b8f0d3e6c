import { describe, expect, it } from 'vitest';
import { isSublocError } from '../../../src/errors.js';
import { deeplGlossaryLanguage, deeplSource, deeplTarget, supportsCustomInstructions } from '../../../src/translate/deepl/languages.js';

describe('BCP 47 to DeepL codes', () => {
  it.each([
    ['zh-Hans', 'zh', 'zh-HANS'],
    ['zh-Hant', 'zh', 'zh-HANT'],
    ['zh-TW', 'zh', 'zh-HANT'],
    ['zh-Hans-HK', 'zh', 'zh-HANS'],
    ['zh', 'zh', 'zh-HANS'],
    ['en-US', 'en', 'en-US'],
    ['en-GB', 'en', 'en-GB'],
    ['en', 'en', 'en-US'],
    ['pt-BR', 'pt', 'pt-BR'],
    ['pt-PT', 'pt', 'pt-PT'],
    ['fr-FR', 'fr', 'fr'],
    ['de-DE', 'de', 'de'],
    ['it-IT', 'it', 'it'],
    ['es-ES', 'es', 'es'],
    ['es-419', 'es', 'es-419'],
    ['ja-JP', 'ja', 'ja'],
    ['ko', 'ko', 'ko'],
    ['no', 'nb', 'nb'],
    ['EN_us', 'en', 'en-US'],
  ])('%s → source %s, target %s', (tag, source, target) => {
    expect(deeplSource(tag)).toBe(source);
    expect(deeplTarget(tag)).toBe(target);
  });

  it('names glossary languages without region, none for Thai', () => {
    expect(deeplGlossaryLanguage('en-GB')).toBe('en');
    expect(deeplGlossaryLanguage('zh-Hant')).toBe('zh');
    expect(deeplGlossaryLanguage('th')).toBeUndefined();
    expect(deeplGlossaryLanguage('xx')).toBeUndefined();
  });

  it('refuses unknown languages with a clear SublocError', () => {
    for (const tag of ['xx-YY', 'tlh', '', 'gsw-CH']) {
      let error: unknown;
      try {
        deeplTarget(tag);
      } catch (e) {
        error = e;
      }
      expect(isSublocError(error) && error.code).toBe('DEEPL_LANGUAGE');
      expect((error as Error).message).toContain(`\`${tag}\``);
    }
    expect(() => deeplSource('xx')).toThrow(/cannot translate from `xx`/);
  });

  it('knows the targets DeepL takes custom instructions for (de, en, es, fr, it, ja, ko, zh and their variants)', () => {
    for (const tag of ['de-DE', 'en-US', 'en-GB', 'en', 'es-419', 'fr-CA', 'it', 'ja-JP', 'ko', 'zh-Hans', 'zh-Hant', 'zh-TW']) expect(supportsCustomInstructions(tag)).toBe(true);
    for (const tag of ['pt-BR', 'nb', 'no', 'nl', 'ru', 'xx']) expect(supportsCustomInstructions(tag)).toBe(false);
  });
});
