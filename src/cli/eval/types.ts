import type { CliDeps } from '../command.ts';

/** One `corroborate eval <name>` subcommand; register it in `index.ts`. */
export interface EvalSubcommand {
  readonly name: string;
  /** One line for `corroborate eval --help`. */
  readonly describe: string;
  /** Usage text for `corroborate eval NAME --help`. */
  readonly usage: string;
  /** Runs the evaluation; resolves to the exit code. */
  run(args: readonly string[], deps: CliDeps): Promise<number>;
}
