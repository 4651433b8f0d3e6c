// `npm run i18n:extract`: adds the keys the CLI uses to both catalogs (new ones empty, which tests/cli/i18n.test.ts rejects) and drops unused ones.
export default {
  input: ['src/cli/**/*.ts'],
  output: 'src/cli/locales/$LOCALE.json',
  locales: ['en', 'zh-CN'],
  defaultNamespace: 'translation',
  keySeparator: '.',
  namespaceSeparator: false,
  createOldCatalogs: false,
  keepRemoved: false,
  sort: true,
  indentation: 2,
  lexers: { ts: [{ lexer: 'JavascriptLexer', functions: ['t'] }] },
};
