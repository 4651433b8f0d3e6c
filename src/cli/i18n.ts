import { AsyncLocalStorage } from 'node:async_hooks';
import i18next, { type TFunction } from 'i18next';
import en from './locales/en.json' with { type: 'json' };

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type CliLanguage = (typeof LANGUAGES)[number];

// Bundled catalogs and a synchronous init: messages never wait on a file or the network. English,
// the fallback, is always loaded; another catalog when a run first asks for its language.
const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // Messages go to a terminal, not to HTML.
  interpolation: { escapeValue: false },
});

const fixed: Readonly<Record<CliLanguage, TFunction>> = { en: instance.getFixedT('en'), 'zh-CN': instance.getFixedT('zh-CN') };
// Per run, not global: tests run the CLI in-process with different languages.
const current = new AsyncLocalStorage<CliLanguage>();

export function isCliLanguage(value: string): value is CliLanguage {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** `--lang` wins; else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set, as POSIX orders them. */
export function pickLanguage(option: string | undefined, env: Readonly<Record<string, string | undefined>>): CliLanguage {
  if (option !== undefined && isCliLanguage(option)) return option;
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^zh[_-](CN|Hans)\b/i.test(locale) ? 'zh-CN' : 'en';
}

const catalogs: Readonly<Record<Exclude<CliLanguage, 'en'>, () => Promise<{ default: object }>>> = {
  'zh-CN': () => import('./locales/zh-CN.json', { with: { type: 'json' } }),
};

/** Runs `run` with messages in `language`, its catalog loaded first. */
export async function withLanguage<T>(language: CliLanguage, run: () => Promise<T>): Promise<T> {
  if (language !== 'en' && !instance.hasResourceBundle(language, 'translation')) {
    instance.addResourceBundle(language, 'translation', (await catalogs[language]()).default);
  }
  return current.run(language, run);
}

/** The message `key` in the run's language, `{{name}}` filled from `values`. */
export function t(key: string, values?: Record<string, string | number>): string {
  return fixed[current.getStore() ?? 'en'](key, values ?? {});
}
