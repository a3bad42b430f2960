import { readFileSync } from 'node:fs';
import { CorroborateError } from '../errors.ts';

/**
 * Clustering metrics: pairwise precision/recall/F1 (over all item pairs: same predicted cluster vs same
 * gold cluster) and BCubed precision/recall/F1 (Bagga & Baldwin 1998: per item, the share of its
 * predicted cluster that shares its gold cluster, and the reverse, averaged over items). Plus the reader
 * for the JSONL datasets `corroborate eval clustering` scores.
 */

/** Precision, recall and F1. */
export interface Prf {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
}

/** One dataset item. */
export interface ClusteringItem {
  readonly id: string;
  readonly text: string;
  readonly title?: string | null;
  readonly published?: string | null;
  readonly cluster: string;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function groups(assign: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, c] of assign) out.set(c, [...(out.get(c) ?? []), id]);
  return out;
}

/**
 * Pairwise P/R/F1. With no predicted (or gold) pairs at all, precision (recall) is 1 by convention.
 *
 * @example
 * pairwise(new Map([['a', '1'], ['b', '1']]), new Map([['a', 'x'], ['b', 'x']])); // { p: 1, r: 1, f1: 1 }
 */
export function pairwise(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): Prf {
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  for (const members of groups(predicted).values()) {
    predPairs += (members.length * (members.length - 1)) / 2;
    const byGold = new Map<string, number>();
    for (const id of members) {
      const g = gold.get(id) ?? `?${id}`;
      byGold.set(g, (byGold.get(g) ?? 0) + 1);
    }
    for (const n of byGold.values()) tp += (n * (n - 1)) / 2;
  }
  for (const members of groups(gold).values()) goldPairs += (members.length * (members.length - 1)) / 2;
  const p = predPairs === 0 ? 1 : tp / predPairs;
  const r = goldPairs === 0 ? 1 : tp / goldPairs;
  return { p, r, f1: f1(p, r) };
}

/** BCubed P/R/F1 over the items of `gold`. */
export function bcubed(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): Prf {
  const pred = groups(predicted);
  const gg = groups(gold);
  let p = 0;
  let r = 0;
  let n = 0;
  for (const [id, g] of gold) {
    const c = predicted.get(id);
    const predMembers = c === undefined ? [id] : (pred.get(c) ?? [id]);
    const goldMembers = gg.get(g) ?? [id];
    const goldSet = new Set(goldMembers);
    const both = predMembers.filter((m) => goldSet.has(m)).length;
    p += both / predMembers.length;
    r += both / goldMembers.length;
    n++;
  }
  const bp = n === 0 ? 0 : p / n;
  const br = n === 0 ? 0 : r / n;
  return { p: bp, r: br, f1: f1(bp, br) };
}

/** Reads a JSONL dataset; a bad line names its number and the reason. */
export function readClusteringDataset(path: string): ClusteringItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CorroborateError('not_found', `${path}: cannot read the dataset (${(error as Error).message})`);
  }
  const items: ClusteringItem[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CorroborateError('malformed', `${path}:${i + 1}: not a JSON object`);
    }
    const o = value as Record<string, unknown>;
    if (
      typeof o !== 'object' ||
      o === null ||
      typeof o.id !== 'string' ||
      typeof o.text !== 'string' ||
      typeof o.cluster !== 'string'
    ) {
      throw new CorroborateError('malformed', `${path}:${i + 1}: needs string fields id, text and cluster`);
    }
    if (seen.has(o.id)) throw new CorroborateError('malformed', `${path}:${i + 1}: duplicate id ${o.id}`);
    seen.add(o.id);
    items.push({
      id: o.id,
      text: o.text,
      cluster: o.cluster,
      title: typeof o.title === 'string' ? o.title : null,
      published: typeof o.published === 'string' ? o.published : null,
    });
  });
  if (items.length === 0) throw new CorroborateError('empty_input', `${path}: no items`);
  return items;
}
