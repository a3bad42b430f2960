import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CorroborateError, errorMessage } from '../errors.ts';

/**
 * Parses a command's arguments strictly; a bad option becomes a `bad_request` error carrying the
 * command's usage text, so every command reports argument mistakes the same way.
 *
 * @example
 * const { values } = parseCommandArgs({ args: [...args], options: { db: { type: 'string' } } }, USAGE);
 */
export function parseCommandArgs<T extends ParseArgsConfig>(
  config: T,
  usage: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ strict: true, ...config });
  } catch (error) {
    throw new CorroborateError('bad_request', `${errorMessage(error)}\n${usage}`);
  }
}
