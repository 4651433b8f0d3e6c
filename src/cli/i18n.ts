import en from './locales/en.json' with { type: 'json' };

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type CliLanguage = (typeof LANGUAGES)[number];

/** A message catalog as `i18next-parser` writes it: keys nested by their dots. */
interface Catalog {
  readonly [key: string]: string | Catalog;
}

// The CLI asks only for lookups with `{{name}}` filled in: no plurals, contexts or nesting. i18next's
// runtime did that at a cost of 20 to 60 ms of every start-up (its load, init and cold `t`), which
// is as much as the rest of `subloc --help`; `npm run i18n:extract` (i18next-parser) still keeps
// the catalogs in step with the calls of `t`. English, the fallback, is always loaded; another
// catalog when a run first asks for its language.
const catalogs: Partial<Record<CliLanguage, Catalog>> = { en };
const loaders: Readonly<Record<Exclude<CliLanguage, 'en'>, () => Promise<{ default: Catalog }>>> = {
  'zh-CN': () => import('./locales/zh-CN.json', { with: { type: 'json' } }),
};
// The language of the run under way. Not an AsyncLocalStorage: on Node 20 one turns on promise hooks for
// the rest of the process, and every promise after it costs more, the module loader's too (25 to 50 ms of
// a `subloc --help` here). A process runs the CLI one language at a time (tests run it in-process, in turn).
let current: { language: CliLanguage; runs: number } | undefined;

export function isCliLanguage(value: string): value is CliLanguage {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** `--lang` wins; else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set, as POSIX orders them. */
export function pickLanguage(option: string | undefined, env: Readonly<Record<string, string | undefined>>): CliLanguage {
  if (option !== undefined && isCliLanguage(option)) return option;
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^zh[_-](CN|Hans)\b/i.test(locale) ? 'zh-CN' : 'en';
}

/**
 * Runs `run` with messages in `language`, its catalog loaded first. Runs may
 * overlap in one process only in one language: a second language would
 * change the first run's messages, so it is refused.
 */
export async function withLanguage<T>(language: CliLanguage, run: () => Promise<T>): Promise<T> {
  if (current !== undefined && current.language !== language) {
    throw new Error(`the CLI is running in ${current.language} in this process; it cannot run in ${language} at the same time`);
  }
  current ??= { language, runs: 0 };
  current.runs += 1;
  try {
    if (language !== 'en') catalogs[language] ??= (await loaders[language]()).default;
    return await run();
  } finally {
    if (--current.runs === 0) current = undefined;
  }
}

function lookup(catalog: Catalog | undefined, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const VARIABLE = /\{\{-?\s*([\w.]+)\s*\}\}/g;

/**
 * The message `key` in the run's language (English when that catalog lacks
 * it, the key itself when both do), `{{name}}` filled from `values` once: a
 * value that holds `{{…}}` is not filled again, and a variable without a
 * value stays as written, as i18next does.
 */
export function t(key: string, values?: Readonly<Record<string, string | number>>): string {
  const template = lookup(catalogs[current?.language ?? 'en'], key) ?? lookup(catalogs.en, key) ?? key;
  if (values === undefined || !template.includes('{{')) return template;
  return template.replace(VARIABLE, (written, name: string) => {
    const value = values[name];
    return value === undefined ? written : String(value);
  });
}
