import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../model/diagnostic.js';
import { isSublocError } from '../errors.js';
import { parseArgsOptions, type Command, type ParsedArgs } from './command.js';
import { GLOBAL_OPTIONS, commandHelp, commandUsage, overallHelp } from './help.js';
import { LANGUAGES, isCliLanguage, pickLanguage, t, withLanguage } from './i18n.js';
import { EXIT, type CliIo } from './io.js';
import { printDiagnostic, styleFor } from './style.js';
import { nearest } from './suggest.js';

/** Each command's module, loaded when it runs (all of them for the overall help): a command starts without the others. */
const commands: Readonly<Record<string, () => Promise<Command>>> = Object.freeze({
  catalog: async () => (await import('./commands/catalog.js')).catalog,
  convert: async () => (await import('./commands/convert.js')).convert,
  deliver: async () => (await import('./commands/deliver.js')).deliver,
  localize: async () => (await import('./commands/localize.js')).localize,
  memory: async () => (await import('./commands/memory.js')).memory,
  qc: async () => (await import('./commands/qc.js')).qc,
  review: async () => (await import('./commands/review.js')).review,
  timing: async () => (await import('./commands/timing.js')).timing,
  worker: async () => (await import('./commands/worker.js')).worker,
});

export const commandNames: readonly string[] = Object.keys(commands);

/** The `--lang` value wherever it is, so that even a wrong command line is explained in the user's language. */
function langOption(argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  let value: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '--lang') value = args[i + 1];
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  });
  return value;
}

/** The whole CLI as a function, so tests run it in-process with their own io. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = langOption(argv);
  return withLanguage(pickLanguage(lang, io.env), () => {
    if (lang !== undefined && !isCliLanguage(lang)) {
      io.stderr(`subloc: ${t('usage.badLang', { value: lang, expected: LANGUAGES.join(', ') })}\n`);
      return Promise.resolve(EXIT.usage);
    }
    return runIn(argv, io);
  });
}

/** Global options may also come before the command's name. */
function leadingGlobals(argv: readonly string[]): { rest: string[]; quiet: boolean } {
  const rest = [...argv];
  let quiet = false;
  for (;;) {
    const arg = rest[0];
    if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--lang') rest.shift();
    else if (arg === undefined || !arg.startsWith('--lang=')) return { rest, quiet };
    rest.shift();
  }
}

/** `parseArgs`'s complaint, said as what was expected, with the nearest option for a typo. */
function optionError(error: Error & { code?: string }, command: Command): string {
  const known = [...Object.keys(command.options), ...Object.keys(GLOBAL_OPTIONS)];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
    const guess = nearest(option.replace(/^-+/, ''), known);
    return guess === undefined
      ? t('usage.unknownOption', { option, expected: Object.keys(command.options).map((o) => `--${o}`).join(', ') })
      : t('usage.unknownOptionSuggest', { option, suggestion: `--${guess}` });
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--([\w-]+)/.exec(error.message)?.[1] ?? '';
    const spec = command.options[name] ?? GLOBAL_OPTIONS[name];
    if (spec?.type === 'boolean') return t('usage.noValue', { option: `--${name}` });
    return t('usage.missingValue', { option: `--${name}`, value: spec?.value ?? '<value>' });
  }
  return error.message.replace(/\. To specify.*$/s, '');
}

async function runIn(argv: readonly string[], io: CliIo): Promise<number> {
  const leading = leadingGlobals(argv);
  const [name, ...rest] = leading.rest;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overallHelp(await Promise.all(Object.values(commands).map((load) => load()))));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? await commands[name]!() : undefined;
  if (!command) {
    const guess = nearest(name, commandNames);
    io.stderr(`subloc: ${guess === undefined ? t('usage.unknownCommand', { name, expected: commandNames.join(', ') }) : t('usage.unknownCommandSuggest', { name, suggestion: guess })}\n`);
    return EXIT.usage;
  }
  let args;
  try {
    args = parseArgs({ args: rest, options: { ...parseArgsOptions(command.options), ...parseArgsOptions(GLOBAL_OPTIONS) }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`subloc ${name}: ${optionError(error as Error, command)}\n${t('help.usage', { usage: commandUsage(command) })}\n`);
    return EXIT.usage;
  }
  if (args.values['help'] === true) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  const encoding = args.values['encoding'];
  if (typeof encoding === 'string') {
    // Loaded only here: the encodings' tables are for commands that read bytes.
    const unknown = (await import('../formats/decode.js')).unknownEncoding(encoding);
    if (unknown !== undefined) {
      io.stderr(`subloc ${name}: --encoding: ${unknown}\n${t('help.usage', { usage: commandUsage(command) })}\n`);
      return EXIT.usage;
    }
  }
  const { help: _help, lang: _lang, quiet, ...values } = args.values;
  const runIo: CliIo = leading.quiet || quiet === true ? { ...io, quiet: true } : io;
  const failed = styleFor(io).red(`subloc ${name}:`);
  try {
    return await command.run({ values: values as ParsedArgs['values'], positionals: args.positionals }, runIo);
  } catch (error) {
    if (isSublocError(error)) {
      if (error.code === 'USAGE') {
        io.stderr(`subloc ${name}: ${error.message}\n${t('help.usage', { usage: commandUsage(command) })}\n`);
        return EXIT.usage;
      }
      const printed = new Set<string>();
      for (const d of error.diagnostics) {
        // One the closing line says in full (a glossary's one error) is said once, there.
        if (d.severity !== 'error' || error.message.includes(d.message)) continue;
        const line = formatDiagnostic(d, error.file);
        if (!printed.has(line)) printDiagnostic(io, d, error.file);
        printed.add(line);
      }
      const where = error.file !== undefined && !error.message.includes(error.file) ? `${error.file}${error.line === undefined ? '' : `:${error.line}`}: ` : '';
      io.stderr(`${failed} ${where}${error.message}\n`);
      return error.code === 'INTERRUPTED' ? EXIT.interrupted : EXIT.failed;
    }
    // A bug of ours, not the user's: one line, and the stack only when asked for.
    io.stderr(`${failed} ${t('error.internal', { message: (error as Error)?.message ?? String(error) })}\n`);
    if (io.env['SUBLOC_DEBUG']) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.failed;
  }
}
