import type { Command, OptionSpec } from './command.js';
import { t } from './i18n.js';

/** Options every command takes. */
export const GLOBAL_OPTIONS: OptionSpec = {
  lang: { type: 'string', value: '<en|zh-CN>', description: () => t('global.option.lang'), default: () => t('global.option.langDefault') },
  quiet: { type: 'boolean', short: 'q', description: () => t('global.option.quiet') },
  help: { type: 'boolean', short: 'h', description: () => t('global.option.help') },
};

// Keys built from the name: i18next-parser cannot see them, so i18next-parser.config.js keeps them by pattern and
// tests/cli/i18n.test.ts checks that every command has both.
/** The command's one-line summary in the run's language. */
export function commandSummary(command: Pick<Command, 'name'>): string {
  return t(`${command.name}.summary`);
}

/** The command's usage line (`subloc qc <file> …`) in the run's language. */
export function commandUsage(command: Pick<Command, 'name'>): string {
  return t(`${command.name}.usage`);
}

function flag(name: string, o: OptionSpec[string]): string {
  const long = `--${name}${o.value === undefined ? '' : ` ${o.value}`}`;
  return o.short === undefined ? `    ${long}` : `-${o.short}, ${long}`;
}

/** One row an option: flag, description and default, the descriptions aligned. */
export function optionRows(spec: OptionSpec): string {
  const rows = Object.entries(spec).map(([name, o]) => {
    const fallback = typeof o.default === 'function' ? o.default() : o.default;
    return [flag(name, o), fallback === undefined ? o.description() : t('help.withDefault', { description: o.description(), value: fallback })] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}\n`).join('');
}

export function commandHelp(command: Command): string {
  return `${commandSummary(command)}\n${t('help.usage', { usage: commandUsage(command) })}\n\n${t('help.options')}\n${optionRows(command.options)}\n${t('help.globalOptions')}\n${optionRows(GLOBAL_OPTIONS)}`;
}

export function overallHelp(commands: readonly Command[]): string {
  const sections = commands.map((c) => `${c.name}: ${commandSummary(c)}\n${t('help.usage', { usage: commandUsage(c) })}\n${optionRows(c.options)}`);
  return `${t('help.usage', { usage: 'subloc [--lang en|zh-CN] [--quiet] <command> [options]' })}\n\n${sections.join('\n')}\n${t('help.globalOptions')}\n${optionRows(GLOBAL_OPTIONS)}\n${t('help.exitCodes')}\n`;
}
