import { dice, intersectionSize, nameTokens, topicTokens } from './text.ts';

/**
 * Story-level clustering of whole documents, for `corroborate eval clustering` and for grouping raw
 * items before extraction: the same topic tokens, names and single-link components as attribution
 * clustering, with a date window. Order-independent (components of a symmetric link relation).
 */

/** One document to cluster. */
export interface ClusterItem {
  readonly id: string;
  readonly text: string;
  readonly title?: string | null;
  readonly published?: string | null;
}

/** Similarity from which two documents are one story. */
export const DOCUMENT_THRESHOLD = 0.3;
/** Largest gap in days between two documents of one story. */
export const DOCUMENT_MAX_GAP_DAYS = 60;

interface Prepared {
  readonly id: string;
  readonly tokens: readonly string[];
  readonly names: readonly string[];
  readonly time: number | null;
}

/** Weight of the shared-names bonus in {@link documentSimilarity}. */
export const NAME_WEIGHT = 0.1;

/** Similarity of two prepared documents: token Dice plus a bonus for shared names. */
function documentSimilarity(a: Prepared, b: Prepared, nameWeight: number): number {
  if (a.time !== null && b.time !== null && Math.abs(a.time - b.time) > DOCUMENT_MAX_GAP_DAYS * 86_400_000)
    return 0;
  const shared = intersectionSize(a.names, b.names);
  const smaller = Math.max(1, Math.min(a.names.length, b.names.length));
  return dice(a.tokens, b.tokens) + nameWeight * (shared / smaller);
}

/**
 * Clusters documents into stories; returns the cluster id of every item (the id of its earliest member
 * by date, then id).
 *
 * @example
 * clusterDocuments([{ id: '1', text: '…' }, { id: '2', text: '…' }]).get('2'); // '1' when one story
 */
export function clusterDocuments(
  items: readonly ClusterItem[],
  threshold = DOCUMENT_THRESHOLD,
  nameWeight = NAME_WEIGHT,
): Map<string, string> {
  const prepared: Prepared[] = items.map((i) => {
    const text = `${i.title ?? ''}\n${i.text}`;
    const t = i.published === null || i.published === undefined ? Number.NaN : Date.parse(i.published);
    return { id: i.id, tokens: topicTokens(text), names: nameTokens(text), time: Number.isNaN(t) ? null : t };
  });
  const parent = prepared.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x] as number] as number;
      x = parent[x] as number;
    }
    return x;
  };
  // All pairs: a symmetric relation, so the components do not depend on item order.
  for (let i = 0; i < prepared.length; i++) {
    const a = prepared[i] as Prepared;
    for (let j = i + 1; j < prepared.length; j++) {
      if (documentSimilarity(a, prepared[j] as Prepared, nameWeight) >= threshold) {
        const ri = find(i);
        const rj = find(j);
        if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    }
  }
  const order = prepared.map((p, i) => ({
    i,
    key: `${p.time ?? Number.MAX_SAFE_INTEGER}`.padStart(16, '0') + p.id,
  }));
  const firstOf = new Map<number, { i: number; key: string }>();
  for (const o of order) {
    const r = find(o.i);
    const cur = firstOf.get(r);
    if (cur === undefined || o.key < cur.key) firstOf.set(r, o);
  }
  return new Map(
    prepared.map((p, i) => [p.id, prepared[(firstOf.get(find(i)) as { i: number }).i]?.id ?? p.id]),
  );
}
