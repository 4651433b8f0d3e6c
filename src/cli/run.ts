import { parseArgs } from 'node:util';
import { formatDiagnostic } from '../model/diagnostic.js';
import { isSublocError } from '../errors.js';
import type { Command } from './command.js';
import { convert } from './commands/convert.js';
import { deliver } from './commands/deliver.js';
import { localize } from './commands/localize.js';
import { memory } from './commands/memory.js';
import { review } from './commands/review.js';
import { qc } from './commands/qc.js';
import { EXIT, type CliIo } from './io.js';

const commands: Readonly<Record<string, Command>> = Object.freeze({ convert, deliver, localize, memory, qc, review });

function help(): string {
  const rows = Object.values(commands).map((c) => `  ${c.name.padEnd(10)} ${c.summary}\n    ${c.usage}`);
  return `usage: subloc <command> [options]\n\n${rows.join('\n')}\n\nExit codes: 0 done, 1 the input or the job failed, 2 the command line was wrong.\n`;
}

/** The whole CLI as a function, so tests run it in-process with their own io. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`subloc: unknown command \`${name}\`; expected one of ${Object.keys(commands).join(', ')}\n`);
    return EXIT.usage;
  }
  let args;
  try {
    args = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`subloc ${name}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}\nusage: ${command.usage}\n`);
    return EXIT.usage;
  }
  if (args.values['help'] === true) {
    io.stdout(`${command.summary}\nusage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run({ values: args.values, positionals: args.positionals }, io);
  } catch (error) {
    if (isSublocError(error)) {
      if (error.code === 'USAGE') {
        io.stderr(`subloc ${name}: ${error.message}\nusage: ${command.usage}\n`);
        return EXIT.usage;
      }
      const printed = new Set<string>();
      for (const d of error.diagnostics) {
        if (d.severity !== 'error') continue;
        const line = formatDiagnostic(d, error.file);
        if (!printed.has(line)) io.stderr(`${line}\n`);
        printed.add(line);
      }
      const where = error.file !== undefined && !error.message.includes(error.file) ? `${error.file}${error.line === undefined ? '' : `:${error.line}`}: ` : '';
      io.stderr(`subloc ${name}: ${where}${error.message}\n`);
      return EXIT.failed;
    }
    // A bug of ours, not the user's: one line, and the stack only when asked for.
    io.stderr(`subloc ${name}: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (io.env['SUBLOC_DEBUG']) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.failed;
  }
}
