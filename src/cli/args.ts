import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CorroborateError, errorMessage } from '../errors.ts';
import type { Store } from '../store/index.ts';
import type { CliDeps } from './command.ts';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

interface CommandArgsConfig<O extends OptionsConfig, P extends boolean> {
  args: string[];
  options: O;
  allowPositionals: P;
  strict: true;
}

/**
 * Parses a command's arguments strictly; a bad option becomes a `bad_request` error carrying the
 * command's usage text, so every command reports argument mistakes the same way.
 *
 * @example
 * const { values } = parseCommandArgs(args, USAGE, { db: { type: 'string' } });
 * const { values, positionals } = parseCommandArgs(args, USAGE, { json: { type: 'boolean' } }, true);
 */
export function parseCommandArgs<O extends OptionsConfig, P extends boolean = false>(
  args: readonly string[],
  usage: string,
  options: O,
  allowPositionals?: P,
): ReturnType<typeof parseArgs<CommandArgsConfig<O, P>>> {
  const config: CommandArgsConfig<O, P> = {
    args: [...args],
    options,
    allowPositionals: (allowPositionals ?? false) as P,
    strict: true,
  };
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CorroborateError('bad_request', `${errorMessage(error)}\n${usage}`);
  }
}

/**
 * Opens the store named by `--db` (or the configuration), runs `work` with it and closes it however
 * `work` ends.
 *
 * @example
 * return withStore(deps, values.db, async (store) => { … return 0; });
 */
export async function withStore<T>(
  deps: CliDeps,
  db: string | undefined,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await deps.openStore(db);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
