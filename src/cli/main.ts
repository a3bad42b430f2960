import { loadConfig } from '../config.ts';
import { errorMessage, isCorroborateError } from '../errors.ts';
import { openStore } from '../store/index.ts';
import type { CliDeps } from './command.ts';
import { commands } from './commands/index.ts';

/** The command list; loads every command, so only `--help` and unknown names pay for it. */
async function help(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(...loaded.map((c) => c.name.length), 4);
  const lines = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.describe}`);
  return `Usage: corroborate COMMAND [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'corroborate COMMAND --help' for a command's options.\n`;
}

/**
 * The CLI composition root: parses settings once, wires dependencies and runs one command.
 * Resolves to the exit code; expected errors print one line, unexpected ones are reported as bugs.
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await help());
    return name === undefined ? 1 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    process.stderr.write(`corroborate: unknown command '${name}'\n${await help()}`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    const config = loadConfig(env);
    const deps: CliDeps = {
      config,
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      openStore: (dbOverride) => openStore({ url: dbOverride ?? config.db }),
    };
    return await command.run(args, deps);
  } catch (error) {
    if (isCorroborateError(error)) {
      process.stderr.write(`corroborate ${name}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`corroborate ${name}: unexpected error (a bug): ${errorMessage(error)}\n`);
    if (error instanceof Error && error.stack !== undefined && env.CORROBORATE_DEBUG) {
      process.stderr.write(`${error.stack}\n`);
    }
    return 70;
  }
}
