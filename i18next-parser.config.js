// `npm run i18n:extract`: adds the keys the CLI uses to both catalogs (new ones empty, which tests/cli/i18n.test.ts rejects) and drops unused ones.
export default {
  input: ['src/cli/**/*.ts'],
  output: 'src/cli/locales/$LOCALE.json',
  locales: ['en', 'zh-CN'],
  defaultNamespace: 'translation',
  keySeparator: '.',
  namespaceSeparator: false,
  createOldCatalogs: false,
  // A command's summary and usage are looked up by its name (src/cli/help.ts), never written out as keys. `[^.]+`, not
  // `[a-z]+`: i18next-parser 9 tests the key with the namespace glued in front (`translationfalsecatalog.summary`).
  keepRemoved: [/^[^.]+\.(summary|usage)$/],
  sort: true,
  indentation: 2,
  lexers: { ts: [{ lexer: 'JavascriptLexer', functions: ['t'] }] },
};
