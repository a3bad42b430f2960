import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import {
  assessAllegation,
  attachUnits,
  bandKeys,
  buildUnits,
  compareOrder,
  COPY_THRESHOLD,
  lookupKeys,
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  minhash,
  orderKey,
  STATUS_LABELS,
  type Allegation,
  type CaseSource,
  type IndexedUnit,
  type StatusLevel,
  type Unit,
} from '../allegations/index.ts';
import { CorroborateError } from '../errors.ts';
import { appendCustody } from './custody.ts';
import { encodeCursor, decodeCursor, pageLimit, type Page } from './cursor.ts';
import type { Store } from './database.ts';
import { toNumber } from './dialect.ts';
import { loadExtraction } from './extractions.ts';
import type { Database } from './schema.ts';

/**
 * The allegations repository: attaches newly extracted sources to their case's allegations
 * incrementally (near-duplicate fingerprints, clustering units, status recomputation of the allegations
 * touched), rebuilds a case from scratch with the same result, lists and reads allegations, and records
 * analysts' decisions and statement edits — kept apart from the computed status, each one logged in the
 * custody log. The clustering itself is the pure code in `src/allegations/`.
 */

/** Analyst decisions: never set automatically. */
export type AllegationDecision = 'verified' | 'refuted' | 'needs_more_evidence';
const DECISIONS: readonly AllegationDecision[] = ['verified', 'refuted', 'needs_more_evidence'];

/** What {@link attachSources} did. */
export interface AttachReport {
  readonly sources: number;
  readonly units: number;
  /** Allegations created or changed. */
  readonly allegations: readonly string[];
  /** Sources with no current extraction (nothing to attach). */
  readonly skipped: readonly string[];
}

/** Options of {@link attachSources}. */
export interface AttachOptions {
  /** Who is recorded in the custody log (default `system:allegations`). */
  readonly actor?: string;
  /** Sources per transaction (default 500). */
  readonly batchSize?: number;
  /** Skip the custody entry per source (rebuilds log one entry for the whole case instead). */
  readonly quiet?: boolean;
}

/** An analyst decision as stored. */
export interface DecisionRecord {
  readonly id: string;
  readonly allegationId: string;
  readonly decision: AllegationDecision;
  readonly rationale: string;
  readonly actor: string;
  readonly createdAt: string;
  readonly custodySeq: number;
}

/** One row of {@link listAllegations}. */
export interface AllegationSummary {
  readonly id: string;
  readonly caseId: string;
  readonly statement: string;
  readonly statementEdited: boolean;
  readonly eventType: string | null;
  readonly places: readonly string[];
  readonly window: { readonly start: string | null; readonly end: string | null };
  readonly status: StatusLevel;
  readonly statusLabel: string;
  readonly disputed: boolean;
  readonly notConfirmed: boolean;
  readonly origins: number;
  readonly echoes: number;
  readonly sources: number;
  readonly summary: string;
  /** The latest analyst decision, if any. */
  readonly decision: AllegationDecision | null;
}

/** One allegation in full: the assessment plus analysts' decisions and any edited statement. */
export interface AllegationDetail extends Allegation {
  readonly caseId: string;
  /** The statement computed from the best attribution (`statement` shows the analyst's edit when there is one). */
  readonly computedStatement: string;
  readonly statementEdited: boolean;
  readonly decisions: readonly DecisionRecord[];
  readonly updatedAt: string;
}

type Db = Kysely<Database>;

const IN_CHUNK = 400;

function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Takes the write lock first, so the reads that follow cannot go stale: SQLite's database write lock (see
 * `appendCustody`), and on PostgreSQL, when the case is known, a transaction advisory lock on that case's
 * allegations, so two processes clustering one case at once (API, CLI, workers) take turns and end with
 * what a rebuild gives.
 */
async function beginWrite(trx: Db, store: Store, caseId?: string): Promise<void> {
  if (store.dialect === 'sqlite') await sql`update custody_entries set seq = seq where 0`.execute(trx);
  else if (caseId !== undefined)
    await sql`select pg_advisory_xact_lock(hashtext(${`allegations:${caseId}`}))`.execute(trx);
}

async function loadCaseSource(
  db: Db,
  sourceId: string,
): Promise<{ caseId: string; source: CaseSource } | null> {
  const row = await db
    .selectFrom('sources')
    .select(['id', 'case_id', 'published', 'created_at', 'outlet', 'title', 'kind'])
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (row === undefined) throw new CorroborateError('not_found', `source ${sourceId}: no such source`);
  const extraction = await loadExtraction(db, sourceId);
  if (extraction === null) return null;
  return {
    caseId: row.case_id,
    source: {
      id: row.id,
      published: row.published === null ? null : row.published.slice(0, 10),
      captured: row.created_at,
      outlet: row.outlet,
      title: row.title,
      kind: row.kind,
      extraction,
    },
  };
}

/**
 * Attaches sources (after extraction) to their cases' allegations, incrementally: each source's
 * attributions join existing allegations or open new ones, near-duplicate copies are marked, and every
 * allegation touched is re-assessed. Re-attaching a source (after re-extraction) first removes its old
 * units. Attaching sources in any order or batches gives the same allegations as {@link rebuildAllegations}.
 *
 * @example
 * await attachSources(store, ['src_1', 'src_2']);
 */
export async function attachSources(
  store: Store,
  sourceIds: readonly string[],
  options: AttachOptions = {},
): Promise<AttachReport> {
  const skipped: string[] = [];
  let total: AttachReport = { sources: 0, units: 0, allegations: [], skipped: [] };
  for (const batch of chunks([...new Set(sourceIds)], options.batchSize ?? 500)) {
    const byCase = new Map<string, CaseSource[]>();
    for (const id of batch) {
      const l = await loadCaseSource(store.db, id);
      if (l === null) skipped.push(id);
      else byCase.set(l.caseId, [...(byCase.get(l.caseId) ?? []), l.source]);
    }
    for (const [caseId, sources] of byCase) {
      const report = await attachCaseSources(store, caseId, sources, {
        ...options,
        batchSize: sources.length,
      });
      total = {
        sources: total.sources + report.sources,
        units: total.units + report.units,
        allegations: [...new Set([...total.allegations, ...report.allegations])].sort(),
        skipped: [],
      };
    }
  }
  return { ...total, skipped };
}

/**
 * Attaches sources whose extractions the caller already holds (the pipeline right after extraction, the
 * benchmark) to one case; the rows in `sources` must exist. Same semantics as {@link attachSources}.
 */
export async function attachCaseSources(
  store: Store,
  caseId: string,
  all: readonly CaseSource[],
  options: AttachOptions = {},
): Promise<AttachReport> {
  const actor = options.actor ?? 'system:allegations';
  const touchedAll = new Set<string>();
  let units = 0;
  let count = 0;
  for (const sources of chunks(all, options.batchSize ?? 500)) {
    await store.db.transaction().execute(async (trx) => {
      await beginWrite(trx, store, caseId);
      const touched = new Set<string>();
      const former = new Map<string, string>();
      const detached: Unit[] = [];
      const changedSources = await removeSources(
        trx,
        sources.map((s) => s.id),
        touched,
        former,
        detached,
      );
      for (const id of await fingerprintBatch(trx, caseId, sources)) changedSources.add(id);
      const fresh = sources.flatMap((s) => buildUnits(s));
      units += fresh.length;
      const incoming = [...fresh, ...detached];
      // Units parsed while clustering are reused by the re-assessment of the same transaction.
      const parsed = new Map<string, Unit>(incoming.map((u) => [u.id, u]));
      await attachIncoming(trx, caseId, incoming, touched, parsed);
      if (changedSources.size > 0) {
        for (const part of chunks([...changedSources])) {
          const rows = await trx
            .selectFrom('allegation_units')
            .select('allegation_id')
            .distinct()
            .where('source_id', 'in', part)
            .where('allegation_id', 'is not', null)
            .execute();
          for (const r of rows) if (r.allegation_id !== null) touched.add(r.allegation_id);
        }
      }
      await reassess(trx, caseId, touched, parsed);
      await followRemoved(trx, caseId, former);
      for (const t of touched) touchedAll.add(t);
      if (options.quiet !== true) {
        // One entry per batch: which sources were attached and which allegations changed.
        await appendCustody(trx, store.dialect, {
          actor,
          action: 'cluster',
          objectType: sources.length === 1 ? 'source' : 'sources',
          objectId:
            sources.length === 1
              ? (sources[0] as CaseSource).id
              : `${(sources[0] as CaseSource).id}+${sources.length - 1}`,
          caseId,
          payload: {
            sources: sources.map((s) => s.id),
            units: fresh.length,
            allegations: [...touched].sort(),
          },
        });
      }
      count += sources.length;
    });
  }
  return { sources: count, units, allegations: [...touchedAll].sort(), skipped: [] };
}

/** Re-assesses one allegation from its stored units (status, reasons, groups, figures); false when it does not exist. */
export async function reassessAllegation(store: Store, id: string): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store);
    const row = await trx.selectFrom('allegations').select('case_id').where('id', '=', id).executeTakeFirst();
    if (row === undefined) return false;
    await reassess(trx, row.case_id, new Set([id]));
    return true;
  });
}

/**
 * Removes earlier units and fingerprints of re-attached sources; returns sources whose copy status may
 * change. `former` receives the allegation each removed claim belonged to.
 *
 * Removing a claim may split its allegation (it may have been the only link between two groups of
 * claims) or leave responses without the claim they answered. So every other source with a unit in an
 * allegation that lost a claim is detached too: its stored units are deleted and pushed to `detached`,
 * for the caller to attach again with the new units. Attaching is order-independent, so this gives
 * exactly what a rebuild gives, at the cost of the allegations concerned only.
 */
async function removeSources(
  trx: Db,
  sourceIds: readonly string[],
  touched: Set<string>,
  former: Map<string, string>,
  detached: Unit[],
): Promise<Set<string>> {
  const changed = new Set<string>();
  const removing = new Set(sourceIds);
  const lostClaims = new Set<string>();
  for (const part of chunks(sourceIds)) {
    const old = await trx
      .selectFrom('allegation_units')
      .select(['id', 'kind', 'allegation_id'])
      .where('source_id', 'in', part)
      .execute();
    for (const o of old) {
      if (o.allegation_id === null) continue;
      touched.add(o.allegation_id);
      if (o.kind === 'claim') {
        former.set(o.id, o.allegation_id);
        lostClaims.add(o.allegation_id);
      }
    }
  }
  // Other sources sharing an allegation with a removed claim are detached and attached again.
  const others = new Set<string>();
  for (const part of chunks([...lostClaims])) {
    const rows = await trx
      .selectFrom('allegation_units')
      .select('source_id')
      .distinct()
      .where('allegation_id', 'in', part)
      .execute();
    for (const r of rows) if (!removing.has(r.source_id)) others.add(r.source_id);
  }
  for (const part of chunks([...others])) {
    const rows = await trx
      .selectFrom('allegation_units')
      .select(['id', 'kind', 'allegation_id', 'data'])
      .where('source_id', 'in', part)
      .execute();
    for (const r of rows) {
      detached.push(JSON.parse(r.data) as Unit);
      if (r.allegation_id === null) continue;
      touched.add(r.allegation_id);
      if (r.kind === 'claim') former.set(r.id, r.allegation_id);
    }
    for (const ids of chunks(rows.map((r) => r.id))) {
      await trx.deleteFrom('allegation_unit_keys').where('unit_id', 'in', ids).execute();
      await trx.deleteFrom('allegation_units').where('id', 'in', ids).execute();
    }
  }
  for (const part of chunks(sourceIds)) {
    const old = await trx
      .selectFrom('allegation_units')
      .select('id')
      .where('source_id', 'in', part)
      .execute();
    if (old.length === 0) continue;
    for (const ids of chunks(old.map((o) => o.id))) {
      await trx.deleteFrom('allegation_unit_keys').where('unit_id', 'in', ids).execute();
      await trx.deleteFrom('allegation_units').where('id', 'in', ids).execute();
      // Responses anchored to removed claims lose their anchor; they are re-anchored below when a claim fits.
      await trx
        .updateTable('allegation_units')
        .set({ anchor_unit: null, anchor_score: null, allegation_id: null })
        .where('anchor_unit', 'in', ids)
        .execute();
    }
    const dependants = await trx
      .selectFrom('allegation_fingerprints')
      .select('source_id')
      .where('copy_of', 'in', part)
      .execute();
    for (const d of dependants) changed.add(d.source_id);
    await deleteBands(trx, part);
    await trx.deleteFrom('allegation_fingerprints').where('source_id', 'in', part).execute();
  }
  return changed;
}

/**
 * Deletes the LSH band rows of sources, found through their stored signatures: a source's bands are a
 * function of its signature, so the band table needs no index by source (migration 0012), which would
 * take one more random insert per band on every attach.
 */
async function deleteBands(trx: Db, sourceIds: readonly string[]): Promise<void> {
  const prints = await trx
    .selectFrom('allegation_fingerprints')
    .select(['source_id', 'case_id', 'signature'])
    .where('source_id', 'in', sourceIds)
    .execute();
  const byCase = new Map<string, { sources: string[]; bands: Set<string> }>();
  for (const p of prints) {
    let entry = byCase.get(p.case_id);
    if (entry === undefined) {
      entry = { sources: [], bands: new Set() };
      byCase.set(p.case_id, entry);
    }
    entry.sources.push(p.source_id);
    for (const band of bandKeys(decodeSignature(p.signature))) entry.bands.add(band);
  }
  for (const [caseId, { sources, bands }] of byCase) {
    for (const part of chunks([...bands])) {
      await trx
        .deleteFrom('allegation_bands')
        .where('case_id', '=', caseId)
        .where('band', 'in', part)
        .where('source_id', 'in', sources)
        .execute();
    }
  }
}

/**
 * Stores the MinHash fingerprints of a batch of sources and decides copies among their LSH candidates
 * (stored sources and batch mates): a source copies the earliest similar source that sorts before it;
 * later similar sources now copy it when it is earlier than what they copied. Batch members are decided
 * in order, so the result is the same as one source at a time. Returns the sources whose copy relation
 * changed.
 */
async function fingerprintBatch(trx: Db, caseId: string, batch: readonly CaseSource[]): Promise<Set<string>> {
  interface Fp {
    id: string;
    order: string;
    signature: Uint32Array;
    direct: string | null;
    root: string | null;
    similarity: number | null;
    bands: string[];
    stored: boolean;
  }
  const mine: Fp[] = batch
    .map((source) => {
      const signature = minhash(source.extraction.document.text);
      return {
        id: source.id,
        order: orderKey(source),
        signature,
        direct: null,
        root: null,
        similarity: null,
        bands: bandKeys(signature),
        stored: false,
      };
    })
    .sort(compareOrder);
  const allBands = [...new Set(mine.flatMap((m) => m.bands))];
  const known = new Map<string, Fp>();
  const byBand = new Map<string, Set<string>>();
  const index = (fp: Fp) => {
    known.set(fp.id, fp);
    for (const b of fp.bands) {
      const set = byBand.get(b) ?? new Set<string>();
      set.add(fp.id);
      byBand.set(b, set);
    }
  };
  const mineIds = new Set(mine.map((m) => m.id));
  for (const part of chunks(allBands)) {
    const rows = await trx
      .selectFrom('allegation_bands as b')
      .innerJoin('allegation_fingerprints as f', 'f.source_id', 'b.source_id')
      .select(['b.band', 'f.source_id', 'f.ord', 'f.signature', 'f.direct_of', 'f.copy_of', 'f.similarity'])
      .where('b.case_id', '=', caseId)
      .where('b.band', 'in', part)
      .execute();
    for (const r of rows) {
      if (mineIds.has(r.source_id)) continue;
      const fp = known.get(r.source_id) ?? {
        id: r.source_id,
        order: r.ord,
        signature: decodeSignature(r.signature),
        direct: r.direct_of,
        root: r.copy_of,
        similarity: r.similarity,
        bands: [],
        stored: true,
      };
      fp.bands.push(r.band);
      index(fp);
    }
  }
  const changed = new Set<string>();
  const updates = new Map<string, Fp>();
  for (const me of mine) {
    const candidates = new Set<string>();
    for (const b of me.bands) for (const id of byBand.get(b) ?? []) candidates.add(id);
    const later: { fp: Fp; similarity: number }[] = [];
    for (const id of candidates) {
      const other = known.get(id) as Fp;
      const similarity = estimateJaccard(me.signature, other.signature);
      if (similarity < COPY_THRESHOLD) continue;
      if (compareOrder(other, me) < 0) {
        const cur = me.direct === null ? undefined : known.get(me.direct);
        if (cur === undefined || compareOrder(other, cur) < 0) {
          me.direct = other.id;
          me.root = other.root ?? other.id;
          me.similarity = similarity;
        }
      } else {
        later.push({ fp: other, similarity });
      }
    }
    index(me);
    const myRoot = me.root ?? me.id;
    for (const { fp, similarity } of later) {
      const currentOrder =
        fp.direct === null ? null : (known.get(fp.direct)?.order ?? (await orderOf(trx, fp.direct)));
      if (
        fp.direct !== null &&
        currentOrder !== null &&
        compareOrder({ id: fp.direct, order: currentOrder }, me) < 0
      )
        continue;
      fp.direct = me.id;
      fp.root = myRoot;
      fp.similarity = similarity;
      updates.set(fp.id, fp);
      changed.add(fp.id);
      const followers = await trx
        .updateTable('allegation_fingerprints')
        .set({ copy_of: myRoot })
        .where('copy_of', '=', fp.id)
        .returning('source_id')
        .execute();
      for (const f of followers) {
        changed.add(f.source_id);
        const k = known.get(f.source_id);
        if (k !== undefined) k.root = myRoot;
      }
    }
  }
  for (const part of chunks(mine, 100)) {
    await trx
      .insertInto('allegation_fingerprints')
      .values(
        part.map((m) => ({
          source_id: m.id,
          case_id: caseId,
          ord: m.order,
          signature: encodeSignature(m.signature),
          direct_of: m.direct,
          copy_of: m.root,
          similarity: m.similarity,
        })),
      )
      .execute();
  }
  const bandRows = mine.flatMap((m) => m.bands.map((band) => ({ case_id: caseId, band, source_id: m.id })));
  for (const part of chunks(bandRows, 300)) await trx.insertInto('allegation_bands').values(part).execute();
  for (const fp of updates.values()) {
    if (!fp.stored) continue;
    await trx
      .updateTable('allegation_fingerprints')
      .set({ direct_of: fp.direct, copy_of: fp.root, similarity: fp.similarity })
      .where('source_id', '=', fp.id)
      .execute();
  }
  const copyRows = [
    ...mine.filter((m) => m.root !== null),
    ...[...changed].map((id) => known.get(id)).filter((k): k is Fp => k !== undefined),
  ];
  for (const c of copyRows)
    await trx.updateTable('sources').set({ copy_of: c.root }).where('id', '=', c.id).execute();
  for (const id of changed) {
    if (known.has(id)) continue;
    const r = await trx
      .selectFrom('allegation_fingerprints')
      .select('copy_of')
      .where('source_id', '=', id)
      .executeTakeFirst();
    await trx
      .updateTable('sources')
      .set({ copy_of: r?.copy_of ?? null })
      .where('id', '=', id)
      .execute();
  }
  return changed;
}

async function orderOf(trx: Db, sourceId: string): Promise<string | null> {
  const r = await trx
    .selectFrom('allegation_fingerprints')
    .select('ord')
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return r?.ord ?? null;
}

/** Loads the stored units sharing a blocking key with the incoming ones, runs the clustering and writes the result. */
async function attachIncoming(
  trx: Db,
  caseId: string,
  incoming: readonly Unit[],
  touched: Set<string>,
  parsed: Map<string, Unit>,
): Promise<void> {
  if (incoming.length === 0) return;
  const claimT = new Set<string>();
  const claimN = new Set<string>();
  const otherKeys = new Set<string>();
  for (const u of incoming) {
    for (const k of lookupKeys(u.keys)) {
      if (u.kind !== 'claim') otherKeys.add(k);
      else if (k.startsWith('T:')) claimT.add(k);
      else claimN.add(k);
    }
  }
  const candidateIds = new Set<string>();
  const collect = async (keys: Set<string>, claim: number | null) => {
    for (const part of chunks([...keys])) {
      let q = trx
        .selectFrom('allegation_unit_keys')
        .select('unit_id')
        .where('case_id', '=', caseId)
        .where('key', 'in', part);
      if (claim !== null) q = q.where('claim', '=', claim);
      for (const r of await q.execute()) candidateIds.add(r.unit_id);
    }
  };
  // Claims meet claims through `T:` keys only, and other units through any key (see `comparable`).
  await collect(claimT, null);
  await collect(claimN, 0);
  await collect(otherKeys, 1);

  const existing: IndexedUnit[] = [];
  const rows: {
    id: string;
    allegation_id: string | null;
    anchor_unit: string | null;
    anchor_score: number | null;
    data: string;
  }[] = [];
  for (const part of chunks([...candidateIds])) {
    rows.push(
      ...(await trx
        .selectFrom('allegation_units')
        .select(['id', 'allegation_id', 'anchor_unit', 'anchor_score', 'data'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  const allegationIds = [...new Set(rows.map((r) => r.allegation_id).filter((a): a is string => a !== null))];
  const firstOf = new Map<string, { id: string; order: string }>();
  for (const part of chunks(allegationIds)) {
    const firsts = await trx
      .selectFrom('allegations')
      .select(['id', 'first_unit', 'first_ord'])
      .where('id', 'in', part)
      .execute();
    for (const f of firsts) firstOf.set(f.id, { id: f.first_unit, order: f.first_ord });
  }
  for (const r of rows) {
    const unit = JSON.parse(r.data) as Unit;
    parsed.set(unit.id, unit);
    existing.push({
      unit,
      allegation: r.allegation_id,
      first:
        unit.kind === 'claim' && r.allegation_id !== null ? (firstOf.get(r.allegation_id) ?? null) : null,
      anchor: r.anchor_unit === null ? null : { unit: r.anchor_unit, score: r.anchor_score ?? 0 },
    });
  }

  const result = attachUnits(existing, incoming);
  const now = new Date().toISOString();

  for (const [from, to] of result.renames) {
    touched.delete(from);
    touched.add(to);
    await renameAllegation(trx, caseId, from, to, now);
  }

  const unitRows = incoming.map((u) => {
    const anchor = result.anchors.get(u.id) ?? null;
    const allegation = result.allegationOf.get(u.id) ?? null;
    if (allegation !== null) touched.add(allegation);
    return {
      id: u.id,
      case_id: caseId,
      source_id: u.sourceId,
      kind: u.kind,
      stance: u.stance,
      ord: u.order,
      allegation_id: allegation,
      anchor_unit: anchor?.unit ?? null,
      anchor_score: anchor?.score ?? null,
      data: JSON.stringify(u),
    };
  });
  for (const part of chunks(unitRows, 100)) await trx.insertInto('allegation_units').values(part).execute();
  const keyRows = incoming.flatMap((u) =>
    u.keys.map((key) => ({ case_id: caseId, key, unit_id: u.id, claim: u.kind === 'claim' ? 1 : 0 })),
  );
  for (const part of chunks(keyRows, 200))
    await trx.insertInto('allegation_unit_keys').values(part).execute();

  const incomingIds = new Set(incoming.map((u) => u.id));
  const existingById = new Map(existing.map((e) => [e.unit.id, e]));
  // Re-anchored existing units: one upsert per chunk (the rows exist, so only the anchor columns change).
  const anchorRows: (typeof unitRows)[number][] = [];
  for (const [id, anchor] of result.anchors) {
    if (incomingIds.has(id)) continue;
    const before = existingById.get(id);
    if (before === undefined) continue;
    if (before.allegation !== null) touched.add(result.renames.get(before.allegation) ?? before.allegation);
    const allegation = result.allegationOf.get(id) ?? null;
    if (allegation !== null) touched.add(allegation);
    anchorRows.push({
      id,
      case_id: caseId,
      source_id: before.unit.sourceId,
      kind: before.unit.kind,
      stance: before.unit.stance,
      ord: before.unit.order,
      allegation_id: allegation,
      anchor_unit: anchor?.unit ?? null,
      anchor_score: anchor?.score ?? null,
      data: '',
    });
  }
  for (const part of chunks(anchorRows, 100)) {
    await trx
      .insertInto('allegation_units')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          anchor_unit: eb.ref('excluded.anchor_unit'),
          anchor_score: eb.ref('excluded.anchor_score'),
          allegation_id: eb.ref('excluded.allegation_id'),
        })),
      )
      .execute();
  }
  // Earliest claims of the allegations created or changed: new rows, or only `first_*` updated.
  const firstRows = [...result.firsts].map(([id, first]) => {
    touched.add(id);
    return {
      id,
      case_id: caseId,
      first_unit: first.id,
      first_ord: first.order,
      statement: '',
      event_type: null,
      places: '[]',
      window_start: null,
      window_end: null,
      level: 'single_origin',
      disputed: 0,
      not_confirmed: 0,
      origin_count: 0,
      echo_count: 0,
      source_count: 0,
      summary: '',
      detail: '{}',
      updated_at: now,
    };
  });
  for (const part of chunks(firstRows, 100)) {
    await trx
      .insertInto('allegations')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          first_unit: eb.ref('excluded.first_unit'),
          first_ord: eb.ref('excluded.first_ord'),
        })),
      )
      .execute();
  }
}

/**
 * After re-attaching sources: an allegation that vanished because its claims were removed and re-added
 * under another allegation gets an alias to it, and its decisions and statement edit move along.
 */
async function followRemoved(trx: Db, caseId: string, former: ReadonlyMap<string, string>): Promise<void> {
  const byOld = new Map<string, string[]>();
  for (const [unit, allegation] of former) byOld.set(allegation, [...(byOld.get(allegation) ?? []), unit]);
  const now = new Date().toISOString();
  for (const [old, units] of byOld) {
    const still = await trx.selectFrom('allegations').select('id').where('id', '=', old).executeTakeFirst();
    if (still !== undefined) continue;
    const rows = await trx
      .selectFrom('allegation_units')
      .select('allegation_id')
      .where('id', 'in', units)
      .execute();
    const counts = new Map<string, number>();
    for (const r of rows)
      if (r.allegation_id !== null) counts.set(r.allegation_id, (counts.get(r.allegation_id) ?? 0) + 1);
    const target = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
    if (target === undefined || target === old) continue;
    await renameAllegation(trx, caseId, old, target, now);
  }
}

/** Points everything that refers to allegation `from` at `to`, and records the alias. */
async function renameAllegation(
  trx: Db,
  caseId: string,
  from: string,
  to: string,
  now: string,
): Promise<void> {
  await trx
    .updateTable('allegation_units')
    .set({ allegation_id: to })
    .where('allegation_id', '=', from)
    .execute();
  await trx
    .updateTable('allegation_decisions')
    .set({ allegation_id: to })
    .where('allegation_id', '=', from)
    .execute();
  const edited = await trx
    .selectFrom('allegation_statements')
    .select('allegation_id')
    .where('allegation_id', '=', to)
    .executeTakeFirst();
  if (edited === undefined) {
    await trx
      .updateTable('allegation_statements')
      .set({ allegation_id: to })
      .where('allegation_id', '=', from)
      .execute();
  } else {
    await trx.deleteFrom('allegation_statements').where('allegation_id', '=', from).execute();
  }
  await trx.updateTable('allegation_aliases').set({ new_id: to }).where('new_id', '=', from).execute();
  await trx.deleteFrom('allegation_aliases').where('old_id', 'in', [from, to]).execute();
  await trx
    .insertInto('allegation_aliases')
    .values({ old_id: from, new_id: to, case_id: caseId, created_at: now })
    .execute();
  await deleteAllegation(trx, from);
}

async function deleteAllegation(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('allegation_members').where('allegation_id', '=', id).execute();
  await trx.deleteFrom('allegation_origin_groups').where('allegation_id', '=', id).execute();
  await trx.deleteFrom('allegations').where('id', '=', id).execute();
}

/** An allegation assessed from its units, with the general denials of its claims' sources. */
export interface AssessedUnits {
  readonly allegation: Allegation;
  readonly units: readonly Unit[];
  readonly general: readonly Unit[];
}

/**
 * Assesses each of `ids` from its units (`unitsOf`): reads, for the whole batch, the general denials
 * made in the sources of its claims and those sources' outlets and copy links. Ids without a claim are
 * left out of the result.
 */
export async function assessUnits(
  db: Db,
  ids: readonly string[],
  unitsOf: ReadonlyMap<string, readonly Unit[]>,
): Promise<Map<string, AssessedUnits>> {
  const claimSources = new Set<string>();
  const sourceIds = new Set<string>();
  for (const units of unitsOf.values()) {
    for (const u of units) {
      sourceIds.add(u.sourceId);
      if (u.kind === 'claim') claimSources.add(u.sourceId);
    }
  }
  const generalBySource = new Map<string, Unit[]>();
  for (const sp of chunks([...claimSources])) {
    const g = await db
      .selectFrom('allegation_units')
      .select('data')
      .where('source_id', 'in', sp)
      .where('allegation_id', 'is', null)
      .where('stance', '=', 'deny')
      .execute();
    for (const r of g) {
      const u = JSON.parse(r.data) as Unit;
      generalBySource.set(u.sourceId, [...(generalBySource.get(u.sourceId) ?? []), u]);
      sourceIds.add(u.sourceId);
    }
  }
  const copies = new Map<string, string | null>();
  const outlets = new Map<string, string | null>();
  for (const sp of chunks([...sourceIds])) {
    const meta = await db
      .selectFrom('sources as s')
      .leftJoin('allegation_fingerprints as f', 'f.source_id', 's.id')
      .select(['s.id', 's.outlet', 'f.copy_of'])
      .where('s.id', 'in', sp)
      .execute();
    for (const m of meta) {
      copies.set(m.id, m.copy_of);
      outlets.set(m.id, m.outlet);
    }
  }
  const context = {
    copyOf: (s: string) => copies.get(s) ?? null,
    outletOf: (s: string) => outlets.get(s) ?? null,
  };
  const out = new Map<string, AssessedUnits>();
  for (const id of ids) {
    const units = unitsOf.get(id) ?? [];
    const claims = new Set(units.filter((u) => u.kind === 'claim').map((u) => u.sourceId));
    if (claims.size === 0) continue;
    const general = [...claims].flatMap((sid) => generalBySource.get(sid) ?? []);
    out.set(id, { allegation: assessAllegation(id, units, general, context), units, general });
  }
  return out;
}

/** Unit rows (stored JSON, or already parsed) grouped by allegation; rows of no allegation are left out. */
export function groupUnits(
  rows: readonly { readonly allegation_id: string | null; readonly data: string | Unit }[],
): Map<string, Unit[]> {
  const unitsOf = new Map<string, Unit[]>();
  for (const r of rows) {
    if (r.allegation_id === null) continue;
    const unit = typeof r.data === 'string' ? (JSON.parse(r.data) as Unit) : r.data;
    const list = unitsOf.get(r.allegation_id);
    if (list === undefined) unitsOf.set(r.allegation_id, [unit]);
    else list.push(unit);
  }
  return unitsOf;
}

/**
 * Assesses allegations from their stored units (status, reasons, groups, members, figures); ids with
 * no claim left are returned as gone. Units already parsed in this transaction are not read again.
 */
async function assessStored(
  trx: Db,
  part: readonly string[],
  parsed: ReadonlyMap<string, Unit> = new Map(),
): Promise<{ assessed: Allegation[]; gone: string[] }> {
  // One query per kind of data for the whole chunk: units, general denials, source metadata. Units
  // already parsed in this transaction are not read again.
  const members = await trx
    .selectFrom('allegation_units')
    .select(['id', 'allegation_id'])
    .where('allegation_id', 'in', part)
    .execute();
  const rows: { allegation_id: string | null; data: string | Unit }[] = [];
  const unread: string[] = [];
  for (const m of members) {
    const known = parsed.get(m.id);
    if (known === undefined) unread.push(m.id);
    else rows.push({ allegation_id: m.allegation_id, data: known });
  }
  for (const ids of chunks(unread)) {
    rows.push(
      ...(await trx
        .selectFrom('allegation_units')
        .select(['allegation_id', 'data'])
        .where('id', 'in', ids)
        .execute()),
    );
  }
  const assessedById = await assessUnits(trx, part, groupUnits(rows));
  const assessed: Allegation[] = [];
  const gone: string[] = [];
  for (const id of part) {
    const one = assessedById.get(id);
    if (one === undefined) gone.push(id);
    else assessed.push(one.allegation);
  }
  return { assessed, gone };
}

/** Re-assesses allegations: status, reasons, groups, members and figures from their current units. */
async function reassess(
  trx: Db,
  caseId: string,
  ids: ReadonlySet<string>,
  parsed: ReadonlyMap<string, Unit> = new Map(),
): Promise<void> {
  const now = new Date().toISOString();
  for (const part of chunks([...ids].sort(), 200)) {
    const { assessed, gone } = await assessStored(trx, part, parsed);
    if (gone.length > 0) await trx.deleteFrom('allegations').where('id', 'in', gone).execute();
    await writeAllegations(trx, caseId, part, assessed, now);
  }
}

/**
 * Writes the difference between stored rows and wanted rows of a child table keyed by
 * (allegation_id, `keyColumn`): deletes rows that went or changed, inserts rows that are new or changed.
 * An attach changes few members of a large allegation, so this writes little where delete-all and
 * insert-all rewrote every member.
 */
async function syncRows<R extends { readonly allegation_id: string }>(
  stored: readonly R[],
  wanted: readonly R[],
  keyOf: (row: R) => string,
  remove: (allegationId: string, keys: readonly string[]) => Promise<void>,
  insert: (rows: readonly R[]) => Promise<void>,
): Promise<void> {
  const before = new Map(stored.map((r) => [`${r.allegation_id}\u0000${keyOf(r)}`, r]));
  const unchanged = new Set<string>();
  const want = new Map(wanted.map((r) => [`${r.allegation_id}\u0000${keyOf(r)}`, r]));
  const inserts: R[] = [];
  for (const [id, r] of want) {
    const old = before.get(id);
    if (old !== undefined && sameRow(old, r)) unchanged.add(id);
    else inserts.push(r);
  }
  const removals = new Map<string, string[]>();
  for (const [id, r] of before) {
    if (unchanged.has(id)) continue;
    const list = removals.get(r.allegation_id);
    if (list === undefined) removals.set(r.allegation_id, [keyOf(r)]);
    else list.push(keyOf(r));
  }
  for (const [allegationId, keys] of removals)
    for (const part of chunks(keys)) await remove(allegationId, part);
  if (inserts.length > 0) await insert(inserts);
}

/** Whether two rows of one table hold the same values (column by column, no JSON per row). */
function sameRow<R extends object>(a: R, b: R): boolean {
  for (const k in a) if (a[k] !== b[k]) return false;
  return true;
}

async function writeAllegations(
  trx: Db,
  caseId: string,
  ids: readonly string[],
  list: readonly Allegation[],
  now: string,
): Promise<void> {
  // Summary columns of every allegation assessed, one upsert per chunk (the rows exist: `first_*` are
  // placeholders never written, the conflict target updates only the summary).
  const summaryRows = list.map((a) => ({
    id: a.id,
    case_id: caseId,
    first_unit: '',
    first_ord: '',
    statement: a.statement,
    event_type: a.eventType,
    places: JSON.stringify(a.places),
    window_start: a.window.start,
    window_end: a.window.end,
    level: a.status.level,
    disputed: a.status.disputed ? 1 : 0,
    not_confirmed: a.status.notConfirmed ? 1 : 0,
    origin_count: a.groups.length,
    echo_count: a.groups.reduce((n, g) => n + g.echoes, 0),
    source_count: a.sources.length,
    summary: a.summary,
    // The full assessment is computed on read (`getAllegation`): writing it here would rewrite every
    // member of a large allegation on each attach.
    detail: '{}',
    updated_at: now,
  }));
  for (const part of chunks(summaryRows, 100)) {
    await trx
      .insertInto('allegations')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          statement: eb.ref('excluded.statement'),
          event_type: eb.ref('excluded.event_type'),
          places: eb.ref('excluded.places'),
          window_start: eb.ref('excluded.window_start'),
          window_end: eb.ref('excluded.window_end'),
          level: eb.ref('excluded.level'),
          disputed: eb.ref('excluded.disputed'),
          not_confirmed: eb.ref('excluded.not_confirmed'),
          origin_count: eb.ref('excluded.origin_count'),
          echo_count: eb.ref('excluded.echo_count'),
          source_count: eb.ref('excluded.source_count'),
          summary: eb.ref('excluded.summary'),
          detail: eb.ref('excluded.detail'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  const members = list.flatMap((a) =>
    a.members.map((m): MemberRow => ({
      allegation_id: a.id,
      unit_id: m.unitId,
      case_id: caseId,
      source_id: m.sourceId,
      attribution_id: m.attributionId,
      role: m.role,
      origin_group: m.originGroup,
      copy: m.copy ? 1 : 0,
      general: m.general ? 1 : 0,
    })),
  );
  const storedMembers: MemberRow[] = await trx
    .selectFrom('allegation_members')
    .select([
      'allegation_id',
      'unit_id',
      'case_id',
      'source_id',
      'attribution_id',
      'role',
      'origin_group',
      'copy',
      'general',
    ])
    .where('allegation_id', 'in', ids)
    .execute();
  await syncRows(
    storedMembers.map((r) => ({ ...r, copy: Number(r.copy), general: Number(r.general) })),
    members,
    (r) => r.unit_id,
    async (allegationId, keys) => {
      await trx
        .deleteFrom('allegation_members')
        .where('allegation_id', '=', allegationId)
        .where('unit_id', 'in', keys)
        .execute();
    },
    async (rows) => {
      for (const part of chunks(rows, 100)) await trx.insertInto('allegation_members').values(part).execute();
    },
  );
  const groups = list.flatMap((a) =>
    a.groups.map((g): GroupRow => ({
      allegation_id: a.id,
      group_id: g.id,
      label: g.label,
      investigative: g.investigative ? 1 : 0,
      evidence: JSON.stringify(g.evidence),
      members: JSON.stringify(g.members),
      sources: JSON.stringify(g.sources),
      echoes: g.echoes,
    })),
  );
  const storedGroups: GroupRow[] = await trx
    .selectFrom('allegation_origin_groups')
    .select([
      'allegation_id',
      'group_id',
      'label',
      'investigative',
      'evidence',
      'members',
      'sources',
      'echoes',
    ])
    .where('allegation_id', 'in', ids)
    .execute();
  await syncRows(
    storedGroups.map((r) => ({ ...r, investigative: Number(r.investigative), echoes: Number(r.echoes) })),
    groups,
    (r) => r.group_id,
    async (allegationId, keys) => {
      await trx
        .deleteFrom('allegation_origin_groups')
        .where('allegation_id', '=', allegationId)
        .where('group_id', 'in', keys)
        .execute();
    },
    async (rows) => {
      for (const part of chunks(rows, 100))
        await trx.insertInto('allegation_origin_groups').values(part).execute();
    },
  );
}

/** A row of `allegation_members`, in column order (so stored and computed rows compare as JSON). */
interface MemberRow {
  readonly allegation_id: string;
  readonly unit_id: string;
  readonly case_id: string;
  readonly source_id: string;
  readonly attribution_id: string;
  readonly role: string;
  readonly origin_group: string | null;
  readonly copy: number;
  readonly general: number;
}

/** A row of `allegation_origin_groups`, in column order. */
interface GroupRow {
  readonly allegation_id: string;
  readonly group_id: string;
  readonly label: string;
  readonly investigative: number;
  readonly evidence: string;
  readonly members: string;
  readonly sources: string;
  readonly echoes: number;
}

/**
 * Rebuilds a case's allegations from its stored extractions, from scratch. Analysts' decisions and
 * statement edits are kept (allegation ids are derived from each allegation's earliest claim, so they
 * come back the same); one custody entry records the rebuild.
 */
export async function rebuildAllegations(
  store: Store,
  caseId: string,
  options: { readonly actor?: string } = {},
): Promise<AttachReport> {
  await store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store, caseId);
    const units = trx.selectFrom('allegation_units').select('id').where('case_id', '=', caseId);
    await trx.deleteFrom('allegation_unit_keys').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('allegation_members').where('case_id', '=', caseId).execute();
    await trx
      .deleteFrom('allegation_origin_groups')
      .where('allegation_id', 'in', trx.selectFrom('allegations').select('id').where('case_id', '=', caseId))
      .execute();
    await trx.deleteFrom('allegations').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('allegation_units').where('id', 'in', units).execute();
    await trx.deleteFrom('allegation_bands').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('allegation_fingerprints').where('case_id', '=', caseId).execute();
  });
  const sources = await store.db
    .selectFrom('sources')
    .select(['id', 'published', 'created_at'])
    .where('case_id', '=', caseId)
    .execute();
  const ordered = sources
    .map((s) => ({
      id: s.id,
      order: orderKey({ id: s.id, published: s.published?.slice(0, 10) ?? null, captured: s.created_at }),
    }))
    .sort(compareOrder)
    .map((s) => s.id);
  const report = await attachSources(store, ordered, { ...options, quiet: true });
  await appendCustody(store.db, store.dialect, {
    actor: options.actor ?? 'system:allegations',
    action: 'rebuild',
    objectType: 'case',
    objectId: caseId,
    caseId,
    payload: { sources: report.sources, units: report.units, allegations: report.allegations },
  });
  return report;
}

/** Filters of {@link listAllegations}. */
export interface ListAllegationsParams {
  readonly caseId: string;
  /** A ladder level (`single-origin`, `multiple-origins`, `independently-corroborated`) or a flag (`disputed`, `not-confirmed`). */
  readonly status?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** Normalises a status filter; throws a bad_request naming it when unknown. */
export function parseStatusFilter(status: string): StatusLevel | 'disputed' | 'not_confirmed' {
  const s = status
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/gu, '_');
  const aliases: Record<string, StatusLevel | 'disputed' | 'not_confirmed'> = {
    single_origin: 'single_origin',
    single_origin_claim: 'single_origin',
    multiple_origins: 'multiple_origins',
    multiple_independent_origins: 'multiple_origins',
    independently_corroborated: 'independently_corroborated',
    corroborated: 'independently_corroborated',
    disputed: 'disputed',
    not_confirmed: 'not_confirmed',
  };
  const found = aliases[s];
  if (found === undefined) {
    throw new CorroborateError(
      'bad_request',
      `status ${status}: not one of single-origin, multiple-origins, independently-corroborated, disputed, not-confirmed`,
    );
  }
  return found;
}

/**
 * One page of a case's allegations, oldest first (by their earliest report), optionally filtered by
 * status level or flag.
 */
export async function listAllegations(
  db: Db,
  params: ListAllegationsParams,
): Promise<Page<AllegationSummary>> {
  const limit = pageLimit(params.limit);
  const after = decodeCursor(params.cursor);
  let q = db.selectFrom('allegations').selectAll().where('case_id', '=', params.caseId);
  if (params.status !== undefined && params.status !== '') {
    const s = parseStatusFilter(params.status);
    if (s === 'disputed') q = q.where('disputed', '=', 1);
    else if (s === 'not_confirmed') q = q.where('not_confirmed', '=', 1);
    else q = q.where('level', '=', s);
  }
  if (after !== null) {
    const o = String(after.o ?? '');
    const i = String(after.i ?? '');
    q = q.where((eb) =>
      eb.or([eb('first_ord', '>', o), eb.and([eb('first_ord', '=', o), eb('id', '>', i)])]),
    );
  }
  const rows = await q
    .orderBy('first_ord')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const edits = new Map<string, string>();
  const decisions = new Map<string, AllegationDecision>();
  if (ids.length > 0) {
    for (const e of await db
      .selectFrom('allegation_statements')
      .select(['allegation_id', 'statement'])
      .where('allegation_id', 'in', ids)
      .execute()) {
      edits.set(e.allegation_id, e.statement);
    }
    const ds = await db
      .selectFrom('allegation_decisions')
      .select(['allegation_id', 'decision', 'created_at', 'custody_seq'])
      .where('allegation_id', 'in', ids)
      .orderBy('custody_seq')
      .execute();
    for (const d of ds) decisions.set(d.allegation_id, d.decision as AllegationDecision);
  }
  const items = page.map((r): AllegationSummary => ({
    id: r.id,
    caseId: r.case_id,
    statement: edits.get(r.id) ?? r.statement,
    statementEdited: edits.has(r.id),
    eventType: r.event_type,
    places: JSON.parse(r.places) as string[],
    window: { start: r.window_start, end: r.window_end },
    status: r.level as StatusLevel,
    statusLabel: STATUS_LABELS[r.level as StatusLevel] ?? r.level,
    disputed: r.disputed === 1,
    notConfirmed: r.not_confirmed === 1,
    origins: r.origin_count,
    echoes: r.echo_count,
    sources: r.source_count,
    summary: r.summary,
    decision: decisions.get(r.id) ?? null,
  }));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last !== undefined ? encodeCursor({ o: last.first_ord, i: last.id }) : null,
  };
}

/** Follows the alias of an id that changed in a merge. */
async function resolveId(db: Db, id: string): Promise<string> {
  let current = id;
  for (let i = 0; i < 10; i++) {
    const alias = await db
      .selectFrom('allegation_aliases')
      .select('new_id')
      .where('old_id', '=', current)
      .executeTakeFirst();
    if (alias === undefined) return current;
    current = alias.new_id;
  }
  return current;
}

/** One allegation in full, or null. Ids that changed when allegations merged are followed to the current one. */
export async function getAllegation(db: Db, id: string): Promise<AllegationDetail | null> {
  const current = await resolveId(db, id);
  const row = await db.selectFrom('allegations').selectAll().where('id', '=', current).executeTakeFirst();
  if (row === undefined) return null;
  const detail = (await assessStored(db, [current])).assessed[0];
  if (detail === undefined) return null;
  const edit = await db
    .selectFrom('allegation_statements')
    .select('statement')
    .where('allegation_id', '=', current)
    .executeTakeFirst();
  const decisions = await listDecisions(db, current);
  return {
    ...detail,
    caseId: row.case_id,
    statement: edit?.statement ?? detail.statement,
    computedStatement: detail.statement,
    statementEdited: edit !== undefined,
    decisions,
    updatedAt: row.updated_at,
  };
}

/** Every analyst decision on an allegation, oldest first. */
export async function listDecisions(db: Db, allegationId: string): Promise<DecisionRecord[]> {
  const rows = await db
    .selectFrom('allegation_decisions')
    .selectAll()
    .where('allegation_id', '=', allegationId)
    .orderBy('custody_seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    allegationId: r.allegation_id,
    decision: r.decision as AllegationDecision,
    rationale: r.rationale,
    actor: r.actor,
    createdAt: r.created_at,
    custodySeq: toNumber(r.custody_seq),
  }));
}

async function requireAllegation(db: Db, id: string): Promise<{ id: string; caseId: string }> {
  const current = await resolveId(db, id);
  const row = await db
    .selectFrom('allegations')
    .select(['id', 'case_id'])
    .where('id', '=', current)
    .executeTakeFirst();
  if (row === undefined) throw new CorroborateError('not_found', `allegation ${id}: no such allegation`);
  return { id: row.id, caseId: row.case_id };
}

/**
 * Records an analyst's decision (verified, refuted, needs more evidence) with a written rationale. It
 * never changes the computed status; it is appended to the custody log in the same transaction.
 */
export async function recordDecision(
  store: Store,
  input: {
    readonly allegationId: string;
    readonly decision: string;
    readonly rationale: string;
    readonly actor: string;
  },
): Promise<DecisionRecord> {
  if (!DECISIONS.includes(input.decision as AllegationDecision)) {
    throw new CorroborateError(
      'invalid_input',
      `decision ${input.decision}: must be one of ${DECISIONS.join(', ')}`,
    );
  }
  if (input.rationale.trim().length === 0) {
    throw new CorroborateError(
      'invalid_input',
      `allegation ${input.allegationId}: a decision needs a written rationale`,
    );
  }
  return store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store);
    const { id, caseId } = await requireAllegation(trx, input.allegationId);
    const createdAt = new Date().toISOString();
    const recordId = `dec_${randomUUID()}`;
    const { seq } = await appendCustody(trx, store.dialect, {
      actor: input.actor,
      action: 'decide',
      objectType: 'allegation',
      objectId: id,
      caseId,
      payload: { decision: input.decision, rationale: input.rationale, record: recordId },
    });
    await trx
      .insertInto('allegation_decisions')
      .values({
        id: recordId,
        allegation_id: id,
        case_id: caseId,
        decision: input.decision,
        rationale: input.rationale,
        actor: input.actor,
        created_at: createdAt,
        custody_seq: seq,
      })
      .execute();
    return {
      id: recordId,
      allegationId: id,
      decision: input.decision as AllegationDecision,
      rationale: input.rationale,
      actor: input.actor,
      createdAt,
      custodySeq: seq,
    };
  });
}

/**
 * Replaces an allegation's canonical statement with an analyst's wording (the computed one is kept and
 * shown alongside). Logged in the custody log with the old and new text's context.
 */
export async function editCanonicalStatement(
  store: Store,
  input: {
    readonly allegationId: string;
    readonly statement: string;
    readonly actor: string;
    readonly rationale?: string;
  },
): Promise<AllegationDetail> {
  const statement = input.statement.trim();
  if (statement.length === 0) {
    throw new CorroborateError(
      'invalid_input',
      `allegation ${input.allegationId}: the statement cannot be empty`,
    );
  }
  const id = await store.db.transaction().execute(async (trx) => {
    await beginWrite(trx, store);
    const { id: current, caseId } = await requireAllegation(trx, input.allegationId);
    const before = await trx
      .selectFrom('allegations')
      .select('statement')
      .where('id', '=', current)
      .executeTakeFirst();
    const previous = await trx
      .selectFrom('allegation_statements')
      .select('statement')
      .where('allegation_id', '=', current)
      .executeTakeFirst();
    const { seq } = await appendCustody(trx, store.dialect, {
      actor: input.actor,
      action: 'edit_statement',
      objectType: 'allegation',
      objectId: current,
      caseId,
      payload: {
        from: previous?.statement ?? before?.statement ?? '',
        to: statement,
        rationale: input.rationale ?? null,
      },
    });
    const editedAt = new Date().toISOString();
    await trx.deleteFrom('allegation_statements').where('allegation_id', '=', current).execute();
    await trx
      .insertInto('allegation_statements')
      .values({
        allegation_id: current,
        case_id: caseId,
        statement,
        actor: input.actor,
        edited_at: editedAt,
        custody_seq: seq,
      })
      .execute();
    return current;
  });
  const detail = await getAllegation(store.db, id);
  if (detail === null)
    throw new CorroborateError('not_found', `allegation ${input.allegationId}: no such allegation`);
  return detail;
}

/**
 * For each attribution of a source (its extraction-local id, e.g. `a3`), the allegation it belongs to, so
 * the reader can link an attribution to its allegation. Attributions in no allegation are absent.
 */
export async function allegationOfAttributions(
  db: Db,
  sourceId: string,
): Promise<ReadonlyMap<string, string>> {
  const rows = await db
    .selectFrom('allegation_members')
    .select(['attribution_id', 'allegation_id'])
    .where('source_id', '=', sourceId)
    .orderBy('allegation_id')
    .execute();
  const out = new Map<string, string>();
  for (const row of rows) if (!out.has(row.attribution_id)) out.set(row.attribution_id, row.allegation_id);
  return out;
}

/** The allegations a source takes part in (for the reader view and exports). */
export async function allegationsOfSource(db: Db, sourceId: string): Promise<readonly string[]> {
  const rows = await db
    .selectFrom('allegation_members')
    .select('allegation_id')
    .distinct()
    .where('source_id', '=', sourceId)
    .execute();
  return rows.map((r) => r.allegation_id).sort();
}
