/** `corroborate eval clustering --dataset FILE [--json]`: pairwise and BCubed P/R/F1 of story clustering. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { clusterDocuments } from '../../allegations/index.ts';
import { CorroborateError, errorMessage } from '../../errors.ts';
import { bcubed, pairwise, readClusteringDataset, type Prf } from '../../eval/clustering.ts';
import type { EvalSubcommand } from './types.ts';

function line(name: string, m: Prf): string {
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
  return `${name.padEnd(9)} ${pct(m.p)}  ${pct(m.r)}  ${pct(m.f1)}`;
}

/** The clustering evaluation subcommand. */
export const clusteringEval: EvalSubcommand = {
  name: 'clustering',
  describe: 'score story clustering (pairwise and BCubed P/R/F1) on a JSONL dataset',
  usage: `Usage: corroborate eval clustering --dataset FILE [--json]

Reads FILE (JSONL, one {id, text, title?, published?, cluster} a line), clusters the items with the
allegations stage's document clustering and prints pairwise and BCubed precision, recall and F1
against the gold "cluster" field.
  --json   one JSON object: items, clusters {gold, predicted}, pairwise {p,r,f1}, bcubed {p,r,f1}, seconds`,
  run(args, deps) {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: { dataset: { type: 'string' }, json: { type: 'boolean', default: false } },
        strict: true,
      }));
    } catch (error) {
      throw new CorroborateError('bad_request', `eval clustering: ${errorMessage(error)}`);
    }
    if (values.dataset === undefined)
      throw new CorroborateError('bad_request', 'eval clustering: --dataset FILE is required');
    const items = readClusteringDataset(resolve(deps.cwd, values.dataset));
    const t0 = performance.now();
    const predicted = clusterDocuments(items);
    const seconds = (performance.now() - t0) / 1000;
    const gold = new Map(items.map((i) => [i.id, i.cluster]));
    const report = {
      items: items.length,
      clusters: { gold: new Set(gold.values()).size, predicted: new Set(predicted.values()).size },
      pairwise: pairwise(predicted, gold),
      bcubed: bcubed(predicted, gold),
      seconds: Number(seconds.toFixed(3)),
    };
    if (values.json) {
      deps.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      deps.stdout.write(
        `metric        P      R      F1\n${line('pairwise', report.pairwise)}\n${line('bcubed', report.bcubed)}\n` +
          `${report.items} items, ${report.clusters.gold} gold clusters, ${report.clusters.predicted} predicted, ${report.seconds} s\n`,
      );
    }
    return Promise.resolve(0);
  },
};
