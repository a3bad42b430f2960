import type { Command } from '../command.ts';

/** Every CLI command, in the order `corroborate --help` lists them. Add one import and one entry per command. */
export const commands: readonly Command[] = [];
