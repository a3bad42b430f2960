import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';

/** What every command gets from the composition root (`main.ts`): no command reaches for globals. */
export interface CliDeps {
  readonly config: Config;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
  /** Opens the store named by `--db` / CORROBORATE_DB (migrated). The caller closes it. */
  openStore(dbOverride?: string): Promise<Store>;
}

/** One CLI command: one file in `commands/`, registered in `commands/index.ts`. */
export interface Command {
  readonly name: string;
  /** One line for `corroborate --help`. */
  readonly describe: string;
  /** Usage text for `corroborate NAME --help`. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: readonly string[], deps: CliDeps): Promise<number>;
}
