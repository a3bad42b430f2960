/**
 * The `corroborate eval` registry: one file per subcommand in this folder, one entry each here.
 * Other stages add theirs (facts, clustering) by importing their file and appending to the list.
 */
import { attributionEval } from './attribution.ts';
import { factsEval } from './facts.ts';
import { clusteringEval } from './clustering.ts';
import type { EvalSubcommand } from './types.ts';

export type { EvalSubcommand } from './types.ts';

/** Every `corroborate eval` subcommand, in the order `corroborate eval --help` lists them. */
export const evalSubcommands: readonly EvalSubcommand[] = [attributionEval, factsEval, clusteringEval];
