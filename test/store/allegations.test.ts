// Store tests for allegations on SQLite and PostgreSQL. Every source here is fictional (test/allegations/factories.ts).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clusterCase, type CaseSource } from '../../src/allegations/index.ts';
import {
  attachSources,
  editCanonicalStatement,
  getAllegation,
  listAllegations,
  rebuildAllegations,
  recordDecision,
} from '../../src/store/allegations.ts';
import { listCustody } from '../../src/store/custody.ts';
import type { Store } from '../../src/store/index.ts';
import { saveExtraction } from '../../src/store/extractions.ts';
import { buildSource, fictionalCase } from '../allegations/factories.ts';
import { insertSource, runOnBackends, uniqueCaseName } from '../pipeline/fixtures.ts';

/** Stores the fictional case (sources + extractions); returns the case id and fixture id → source id. */
async function storeCase(store: Store): Promise<{ caseId: string; ids: Map<string, string> }> {
  const caseName = uniqueCaseName('allegations');
  const ids = new Map<string, string>();
  let caseId = '';
  for (const s of fictionalCase()) {
    const inserted = await insertSource(store, {
      caseName,
      text: s.extraction.document.text,
      published: s.published,
    });
    caseId = inserted.caseId;
    await store.db
      .updateTable('sources')
      .set({ kind: s.kind, outlet: s.outlet })
      .where('id', '=', inserted.sourceId)
      .execute();
    await saveExtraction(store, inserted.sourceId, s.extraction, 'fixture', { actor: 'test' });
    ids.set(s.id, inserted.sourceId);
  }
  return { caseId, ids };
}

async function digest(store: Store, caseId: string): Promise<unknown> {
  const page = await listAllegations(store.db, { caseId, limit: 500 });
  const out = [];
  for (const a of page.items) {
    const d = await getAllegation(store.db, a.id);
    assert.ok(d);
    out.push({
      id: a.id,
      status: a.status,
      disputed: a.disputed,
      notConfirmed: a.notConfirmed,
      members: d.members.map((m) => `${m.unitId}:${m.role}:${m.originGroup ?? '-'}:${m.copy}`).sort(),
      // The member and origin-group rows are written as diffs: they must match the assessment too.
      memberRows: (
        await store.db
          .selectFrom('allegation_members')
          .select(['unit_id', 'role', 'origin_group', 'copy', 'general'])
          .where('allegation_id', '=', a.id)
          .execute()
      )
        .map(
          (m) =>
            `${m.unit_id}:${m.role}:${m.origin_group ?? '-'}:${Number(m.copy) === 1}:${Number(m.general)}`,
        )
        .sort(),
      groupRows: (
        await store.db
          .selectFrom('allegation_origin_groups')
          .select(['group_id', 'members', 'echoes'])
          .where('allegation_id', '=', a.id)
          .execute()
      )
        .map((g) => `${g.group_id}:${g.members}:${Number(g.echoes)}`)
        .sort(),
    });
    const stored = out[out.length - 1] as { members: string[]; memberRows: string[] };
    assert.deepEqual(
      stored.memberRows.map((r) => r.split(':').slice(0, 4).join(':')),
      [...stored.members].sort(),
    );
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : 1));
}

/**
 * A fictional case where one report's claim is the only link between two others ("mortar rounds hit the
 * grain market … and the Linden school"), plus a denial of the market strike. Returns the stored ids and
 * the bridge report's extraction without its bridging claim (what a re-extraction might give).
 */
async function storeBridgeCase(
  store: Store,
): Promise<{ caseId: string; ids: Map<string, string>; reextracted: CaseSource['extraction'] }> {
  const claim = (speaker: string, content: string) => ({
    speaker,
    speakerType: 'state_body' as const,
    content,
    places: ['Tarvik'],
    types: ['attack_on_civilians' as const],
  });
  const sources = [
    buildSource({
      id: 'market',
      published: '2025-04-01',
      outlet: 'Tarvik Town Council',
      kind: 'statement',
      attributions: [
        claim('Tarvik Town Council', 'mortar rounds hit the grain market on Kessel Square in Tarvik'),
      ],
    }),
    buildSource({
      id: 'bridge',
      published: '2025-04-02',
      outlet: 'Tarvik District Office',
      kind: 'statement',
      attributions: [
        claim(
          'Tarvik District Office',
          'mortar rounds hit the grain market on Kessel Square and the Linden school near the Orsk bridge in Tarvik',
        ),
        {
          speaker: 'Tarvik District Office',
          speakerType: 'state_body',
          content: 'a convoy of flour trucks was turned back at the Orsk checkpoint',
          places: ['Tarvik'],
          types: ['obstruction_of_humanitarian_access'],
        },
      ],
    }),
    buildSource({
      id: 'school',
      published: '2025-04-03',
      outlet: 'Tarvik Teachers Union',
      kind: 'statement',
      attributions: [
        claim('Tarvik Teachers Union', 'the Linden school near the Orsk bridge in Tarvik was bombed'),
      ],
    }),
    buildSource({
      id: 'denial',
      published: '2025-04-04',
      outlet: 'Korlandian Ministry of Defence',
      kind: 'statement',
      attributions: [
        {
          speaker: 'Korlandian Ministry of Defence',
          speakerType: 'state_body',
          stance: 'deny',
          content: 'mortar rounds hit the grain market on Kessel Square in Tarvik',
          places: ['Tarvik'],
        },
      ],
    }),
  ];
  const caseName = uniqueCaseName('allegations-bridge');
  const ids = new Map<string, string>();
  let caseId = '';
  for (const s of sources) {
    const inserted = await insertSource(store, {
      caseName,
      text: s.extraction.document.text,
      published: s.published,
    });
    caseId = inserted.caseId;
    await store.db
      .updateTable('sources')
      .set({ kind: s.kind, outlet: s.outlet })
      .where('id', '=', inserted.sourceId)
      .execute();
    await saveExtraction(store, inserted.sourceId, s.extraction, 'fixture', { actor: 'test' });
    ids.set(s.id, inserted.sourceId);
  }
  const bridge = (sources[1] as CaseSource).extraction;
  const reextracted = {
    ...bridge,
    attributions: bridge.attributions.filter((a) => a.id !== 'a1'),
    events: bridge.events.map((e) => ({ ...e, attributions: e.attributions.filter((a) => a !== 'a1') })),
  };
  return { caseId, ids, reextracted };
}

async function allegationOfSource(store: Store, caseId: string, sourceId: string): Promise<string[]> {
  const page = await listAllegations(store.db, { caseId, limit: 500 });
  const out: string[] = [];
  for (const a of page.items) {
    const d = await getAllegation(store.db, a.id);
    if (d?.members.some((m) => m.sourceId === sourceId && m.role !== 'context')) out.push(a.id);
  }
  return out;
}

runOnBackends('allegations store', (getStore) => {
  it('splits an allegation when a re-extraction removes the claim that linked it, as a rebuild does', async () => {
    const store = getStore();
    const { caseId, ids, reextracted } = await storeBridgeCase(store);
    await attachSources(store, [...ids.values()], { actor: 'test' });
    const market = ids.get('market') ?? '';
    const school = ids.get('school') ?? '';
    assert.deepEqual(
      await allegationOfSource(store, caseId, market),
      await allegationOfSource(store, caseId, school),
    );
    await saveExtraction(store, ids.get('bridge') ?? '', reextracted, 'fixture-2', { actor: 'test' });
    await attachSources(store, [ids.get('bridge') ?? ''], { actor: 'test' });
    const incremental = await digest(store, caseId);
    const [marketAllegation] = await allegationOfSource(store, caseId, market);
    const [schoolAllegation] = await allegationOfSource(store, caseId, school);
    assert.ok(marketAllegation && schoolAllegation);
    assert.notEqual(marketAllegation, schoolAllegation);
    const detail = await getAllegation(store.db, marketAllegation);
    assert.ok(detail?.members.some((m) => m.sourceId === ids.get('denial') && m.role === 'deny'));
    await rebuildAllegations(store, caseId, { actor: 'test' });
    assert.deepEqual(incremental, await digest(store, caseId));
  });

  it('attaches sources one at a time, in any order, to the same allegations as a rebuild', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    const order = [...ids.values()].reverse();
    for (const id of order) await attachSources(store, [id], { actor: 'test' });
    const incremental = await digest(store, caseId);
    await rebuildAllegations(store, caseId, { actor: 'test' });
    const rebuilt = await digest(store, caseId);
    assert.deepEqual(incremental, rebuilt);
    assert.equal((rebuilt as unknown[]).length, 2);
  });

  it('attaches sources from concurrent callers to the same allegations as a rebuild', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await Promise.all([...ids.values()].map((id) => attachSources(store, [id], { actor: 'test' })));
    const concurrent = await digest(store, caseId);
    await rebuildAllegations(store, caseId, { actor: 'test' });
    assert.deepEqual(concurrent, await digest(store, caseId));
  });

  it('stores the same assessment the pure code computes', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await attachSources(store, [...ids.values()], { actor: 'test' });
    const page = await listAllegations(store.db, { caseId, limit: 10 });
    const tannery = page.items.find((a) => a.eventType !== 'obstruction_of_humanitarian_access');
    assert.ok(tannery);
    assert.equal(tannery.status, 'independently_corroborated');
    assert.equal(tannery.statusLabel, 'independently corroborated');
    assert.equal(tannery.disputed, true);
    assert.equal(tannery.notConfirmed, true);
    assert.equal(tannery.summary, '2 independent origins, 2 echoes');
    // The stored sources carry the metadata the pure run needs; the status must agree with it.
    const pure = clusterCase(fictionalCase())
      .map((a) => a.status.level)
      .sort();
    assert.deepEqual(page.items.map((a) => a.status).sort(), pure);
  });

  it('marks the syndicated reprint as a copy of the wire story', async () => {
    const store = getStore();
    const { ids } = await storeCase(store);
    await attachSources(store, [...ids.values()].reverse(), { actor: 'test' });
    const reprint = await store.db
      .selectFrom('sources')
      .select('copy_of')
      .where('id', '=', ids.get('s3-reprint') ?? '')
      .executeTakeFirst();
    assert.equal(reprint?.copy_of, ids.get('s2-wire'));
    const wire = await store.db
      .selectFrom('sources')
      .select('copy_of')
      .where('id', '=', ids.get('s2-wire') ?? '')
      .executeTakeFirst();
    assert.equal(wire?.copy_of, null);
  });

  it('filters by status and pages with a cursor', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await attachSources(store, [...ids.values()], { actor: 'test' });
    const single = await listAllegations(store.db, { caseId, status: 'single-origin' });
    assert.deepEqual(
      single.items.map((a) => a.eventType),
      ['obstruction_of_humanitarian_access'],
    );
    const disputed = await listAllegations(store.db, { caseId, status: 'disputed' });
    assert.equal(disputed.items.length, 1);
    const first = await listAllegations(store.db, { caseId, limit: 1 });
    assert.ok(first.nextCursor);
    const second = await listAllegations(store.db, { caseId, limit: 1, cursor: first.nextCursor });
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0]?.id, first.items[0]?.id);
    assert.equal(second.nextCursor, null);
    await assert.rejects(listAllegations(store.db, { caseId, status: 'probable' }), /status probable/);
  });

  it('follows an allegation id that changed when an earlier report joined it', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await attachSources(store, [ids.get('s4-forensic') ?? ''], { actor: 'test' });
    const [before] = (await listAllegations(store.db, { caseId })).items;
    assert.ok(before);
    await attachSources(
      store,
      [...ids.values()].filter((id) => id !== ids.get('s4-forensic')),
      { actor: 'test' },
    );
    const after = await getAllegation(store.db, before.id);
    assert.ok(after);
    assert.notEqual(after.id, before.id);
    assert.ok(after.members.some((m) => m.sourceId === ids.get('s1-council')));
  });

  it('keeps allegation ids and decisions when a source is attached again after re-extraction', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await attachSources(store, [ids.get('s4-forensic') ?? ''], { actor: 'test' });
    const [alone] = (await listAllegations(store.db, { caseId })).items;
    assert.ok(alone);
    await recordDecision(store, {
      allegationId: alone.id,
      decision: 'needs_more_evidence',
      rationale: 'One report only (fictional).',
      actor: 'cli:ana',
    });
    await attachSources(store, [...ids.values()], { actor: 'test' });
    const now = await getAllegation(store.db, alone.id);
    assert.ok(now);
    assert.ok(now.members.some((m) => m.sourceId === ids.get('s1-council')));
    assert.deepEqual(
      now.decisions.map((d) => d.decision),
      ['needs_more_evidence'],
    );
    const before = await digest(store, caseId);
    await attachSources(store, [ids.get('s2-wire') ?? ''], { actor: 'test' });
    assert.deepEqual(await digest(store, caseId), before);
  });

  it('records analyst decisions apart from the computed status, in the custody log, and keeps them across a rebuild', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await attachSources(store, [...ids.values()], { actor: 'test' });
    const [a] = (await listAllegations(store.db, { caseId, status: 'corroborated' })).items;
    assert.ok(a);
    await assert.rejects(
      recordDecision(store, { allegationId: a.id, decision: 'true', rationale: 'x', actor: 'cli:ana' }),
      /decision true/,
    );
    await assert.rejects(
      recordDecision(store, { allegationId: a.id, decision: 'verified', rationale: ' ', actor: 'cli:ana' }),
      /rationale/,
    );
    const d = await recordDecision(store, {
      allegationId: a.id,
      decision: 'refuted',
      rationale: 'The forensic report was withdrawn (fictional).',
      actor: 'cli:ana',
    });
    const entries = await listCustody(store.db, { objectType: 'allegation', objectId: a.id, limit: 100 });
    assert.deepEqual(
      entries.map((e) => e.action),
      ['decide'],
    );
    assert.equal(entries[0]?.seq, d.custodySeq);
    await rebuildAllegations(store, caseId, { actor: 'test' });
    const detail = await getAllegation(store.db, a.id);
    assert.ok(detail);
    assert.equal(detail.status.level, 'independently_corroborated');
    assert.deepEqual(
      detail.decisions.map((x) => x.decision),
      ['refuted'],
    );
    const listed = await listAllegations(store.db, { caseId, status: 'corroborated' });
    assert.equal(listed.items[0]?.decision, 'refuted');
  });

  it('keeps an edited canonical statement next to the computed one and logs the edit', async () => {
    const store = getStore();
    const { caseId, ids } = await storeCase(store);
    await attachSources(store, [...ids.values()], { actor: 'test' });
    const [a] = (await listAllegations(store.db, { caseId, status: 'single-origin' })).items;
    assert.ok(a);
    const edited = await editCanonicalStatement(store, {
      allegationId: a.id,
      statement: 'Aid convoy turned back outside Valdmoor',
      actor: 'cli:ana',
    });
    assert.equal(edited.statement, 'Aid convoy turned back outside Valdmoor');
    assert.equal(edited.statementEdited, true);
    assert.equal(edited.computedStatement, a.statement);
    await assert.rejects(
      editCanonicalStatement(store, { allegationId: a.id, statement: '  ', actor: 'cli:ana' }),
      /cannot be empty/,
    );
    await assert.rejects(
      editCanonicalStatement(store, { allegationId: 'al-missing', statement: 'x', actor: 'cli:ana' }),
      /no such allegation/,
    );
    const entries = await listCustody(store.db, { objectType: 'allegation', objectId: a.id, limit: 100 });
    assert.deepEqual(
      entries.map((e) => e.action),
      ['edit_statement'],
    );
  });
});
