/** `corroborate eval <what> ...`: runs one registered evaluation (see src/cli/eval/index.ts). */
import type { Command } from '../command.ts';
import { CorroborateError } from '../../errors.ts';
import { evalSubcommands } from '../eval/index.ts';

function listing(): string {
  const width = Math.max(...evalSubcommands.map((s) => s.name.length), 4);
  return evalSubcommands.map((s) => `  ${s.name.padEnd(width)}  ${s.describe}`).join('\n');
}

/** The eval command: dispatches to a subcommand from the registry. */
export const evalCommand: Command = {
  name: 'eval',
  describe: 'measure extraction quality on annotated corpora (attribution, …)',
  get usage(): string {
    // main.ts answers --help before dispatching, so the subcommands' own usage is shown here too
    const details = evalSubcommands.map((s) => s.usage.trimEnd()).join('\n\n');
    return `Usage: corroborate eval WHAT [options]\n\nEvaluations:\n${listing()}\n\n${details}`;
  },
  async run(args, deps) {
    const [name, ...rest] = args;
    const sub = evalSubcommands.find((s) => s.name === name);
    if (sub === undefined) {
      throw new CorroborateError(
        'bad_request',
        `unknown evaluation '${name ?? ''}' (one of: ${evalSubcommands.map((s) => s.name).join(', ')})`,
      );
    }
    return sub.run(rest, deps);
  },
};
