import { assessAllegation } from './assess.ts';
import { attachUnits, type AttachResult, type IndexedUnit } from './cluster.ts';
import { buildUnits, lookupKeys, orderKey } from './features.ts';
import { findCopies, minhash } from './near-duplicates.ts';
import type { Allegation, CaseSource, Unit } from './types.ts';

/**
 * A whole case clustered in memory: the reference implementation of what the store does incrementally,
 * used by tests (incremental == rebuild), the evaluation and the CLI's file mode. {@link CaseClusters}
 * keeps the same state the store keeps (units with their allegation and anchor, copy relations) and
 * applies {@link attachUnits} exactly as `attachSources` does.
 */
export class CaseClusters {
  private readonly units = new Map<string, IndexedUnit>();
  private readonly sources = new Map<string, CaseSource>();
  private readonly signatures = new Map<string, Uint32Array>();
  private copies = new Map<string, string | null>();

  /** Attaches sources (any order, any batch size); returns the ids of allegations created or changed. */
  attach(sources: readonly CaseSource[]): Set<string> {
    const incoming: Unit[] = [];
    for (const s of sources) {
      this.sources.set(s.id, s);
      this.signatures.set(s.id, minhash(s.extraction.document.text));
      incoming.push(...buildUnits(s));
    }
    this.copies = new Map(
      findCopies(
        [...this.sources.values()].map((s) => ({
          id: s.id,
          order: orderKey(s),
          signature: this.signatures.get(s.id) as Uint32Array,
        })),
      ).map((c) => [c.sourceId, c.copyOf]),
    );
    const keys = new Set(incoming.flatMap((u) => lookupKeys(u.keys)));
    const existing = [...this.units.values()].filter((e) => e.unit.keys.some((k) => keys.has(k)));
    const result = attachUnits(existing, incoming);
    return this.apply(incoming, result);
  }

  private apply(incoming: readonly Unit[], result: AttachResult): Set<string> {
    const touched = new Set<string>();
    for (const [from, to] of result.renames) {
      touched.add(to);
      for (const [id, e] of this.units) {
        if (e.allegation === from)
          this.units.set(id, {
            ...e,
            allegation: to,
            first: e.unit.kind === 'claim' ? (result.firsts.get(to) ?? e.first) : null,
          });
      }
    }
    for (const u of incoming) {
      const allegation = result.allegationOf.get(u.id) ?? null;
      this.units.set(u.id, {
        unit: u,
        allegation,
        first: u.kind === 'claim' && allegation !== null ? (result.firsts.get(allegation) ?? null) : null,
        anchor: result.anchors.get(u.id) ?? null,
      });
      if (allegation !== null) touched.add(allegation);
    }
    for (const [id, anchor] of result.anchors) {
      const e = this.units.get(id);
      if (e === undefined || incoming.some((u) => u.id === id)) continue;
      if (e.allegation !== null) touched.add(e.allegation);
      const allegation = result.allegationOf.get(id) ?? null;
      this.units.set(id, { ...e, anchor, allegation });
      if (allegation !== null) touched.add(allegation);
    }
    for (const [id, first] of result.firsts) {
      touched.add(id);
      for (const [uid, e] of this.units)
        if (e.allegation === id && e.unit.kind === 'claim') this.units.set(uid, { ...e, first });
    }
    return touched;
  }

  /** Every allegation of the case, assessed, ordered by id. */
  allegations(): Allegation[] {
    const byAllegation = new Map<string, Unit[]>();
    for (const e of this.units.values()) {
      if (e.allegation === null) continue;
      const list = byAllegation.get(e.allegation) ?? [];
      list.push(e.unit);
      byAllegation.set(e.allegation, list);
    }
    const general = [...this.units.values()]
      .filter((e) => e.allegation === null && e.unit.stance === 'deny')
      .map((e) => e.unit);
    return [...byAllegation.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, units]) => {
        const sourceIds = new Set(units.filter((u) => u.kind === 'claim').map((u) => u.sourceId));
        return assessAllegation(
          id,
          units,
          general.filter((g) => sourceIds.has(g.sourceId)),
          {
            copyOf: (sourceId) => this.copies.get(sourceId) ?? null,
            outletOf: (sourceId) => this.sources.get(sourceId)?.outlet ?? null,
          },
        );
      });
  }

  /** The original each source copies, or null. */
  copyOf(sourceId: string): string | null {
    return this.copies.get(sourceId) ?? null;
  }
}

/**
 * Clusters and assesses a whole case in one go (the full rebuild).
 *
 * @example
 * const allegations = clusterCase(sources);
 */
export function clusterCase(sources: readonly CaseSource[]): Allegation[] {
  const clusters = new CaseClusters();
  clusters.attach(sources);
  return clusters.allegations();
}
