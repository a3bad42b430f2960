import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  attachUnits,
  buildUnits,
  CaseClusters,
  clusterCase,
  similarity,
  type Allegation,
  type CaseSource,
} from '../../src/allegations/index.ts';
import { buildSource, fictionalCase } from './factories.ts';

/** A comparable digest of a case's allegations: ids, member roles, groups and status. */
function digest(allegations: readonly Allegation[]): unknown {
  return allegations.map((a) => ({
    id: a.id,
    status: a.status.level,
    disputed: a.status.disputed,
    notConfirmed: a.status.notConfirmed,
    members: a.members.map((m) => `${m.unitId}:${m.role}:${m.originGroup ?? '-'}:${m.copy}`).sort(),
    groups: a.groups.map((g) => g.members.join(',')).sort(),
    summary: a.summary,
  }));
}

describe('clusterCase', () => {
  it('puts the echoed claim, its confirmation, denial and non-confirmation in one allegation', () => {
    const allegations = clusterCase(fictionalCase());
    const tannery = allegations.find((a) => a.members.some((m) => m.unitId === 's1-council#a1'));
    assert.ok(tannery);
    const roles = Object.fromEntries(tannery.members.map((m) => [m.unitId, m.role]));
    assert.equal(roles['s4-forensic#a1'], 'confirm');
    assert.equal(roles['s5-denial#a1'], 'deny');
    assert.equal(roles['s6-monitors#a1'], 'not_confirmed');
    assert.equal(roles['s7-convoy#a1'], undefined);
  });

  it('keeps an unrelated event in its own allegation', () => {
    const allegations = clusterCase(fictionalCase());
    const convoy = allegations.find((a) => a.members.some((m) => m.unitId === 's7-convoy#a1'));
    assert.ok(convoy);
    assert.equal(convoy.eventType, 'obstruction_of_humanitarian_access');
    assert.deepEqual(
      convoy.members.map((m) => m.unitId),
      ['s7-convoy#a1'],
    );
  });

  it('never links claims about different places', () => {
    const [a, b] = [
      buildSource({
        id: 'x',
        attributions: [
          {
            speaker: 'Council',
            content: 'soldiers shot civilians near the bridge in Orsk',
            places: ['Orsk'],
            types: ['killing_of_civilians'],
          },
        ],
      }),
      buildSource({
        id: 'y',
        attributions: [
          {
            speaker: 'Council',
            content: 'soldiers shot civilians near the bridge in Pelm',
            places: ['Pelm'],
            types: ['killing_of_civilians'],
          },
        ],
      }),
    ] as [CaseSource, CaseSource];
    const [ua] = buildUnits(a);
    const [ub] = buildUnits(b);
    assert.ok(ua && ub);
    assert.equal(similarity(ua, ub), 0);
    assert.equal(clusterCase([a, b]).length, 2);
  });

  it('never links claims whose stated dates are years apart', () => {
    const a = buildSource({
      id: 'x',
      published: '2022-04-08',
      attributions: [
        {
          speaker: 'Council',
          content: 'mobile crematoria burned bodies in Orsk',
          places: ['Orsk'],
          types: ['concealment_of_evidence'],
        },
      ],
    });
    const b = buildSource({
      id: 'y',
      published: '2022-04-08',
      attributions: [
        {
          speaker: 'Deputy',
          content: 'mobile crematoria burned bodies in Orsk',
          places: ['Orsk'],
          types: ['concealment_of_evidence'],
        },
      ],
    });
    const [ua] = buildUnits(a);
    const [ub] = buildUnits(b);
    assert.ok(ua && ub);
    const old = { ...ub, window: { start: '2015-01-01', end: '2015-12-31' } };
    assert.ok(similarity(ua, ub) > 0);
    assert.equal(similarity(ua, old), 0);
  });
});

describe('CaseClusters', () => {
  it('gives the same allegations attaching sources one by one in any order as a full rebuild', () => {
    const sources = fictionalCase();
    const expected = digest(clusterCase(sources));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(sources, { minLength: sources.length, maxLength: sources.length }),
        fc.integer({ min: 1, max: 4 }),
        (order, batch) => {
          const clusters = new CaseClusters();
          for (let i = 0; i < order.length; i += batch) clusters.attach(order.slice(i, i + batch));
          assert.deepEqual(digest(clusters.allegations()), expected);
        },
      ),
      { numRuns: 60, seed: 5 },
    );
  });

  it('renames an allegation when an earlier claim joins it and reports the rename', () => {
    const [first, ...rest] = fictionalCase();
    assert.ok(first);
    const later = rest.flatMap((s) => buildUnits(s));
    const early = buildUnits(first);
    const initial = attachUnits([], later);
    const ids = new Set([...initial.allegationOf.values()].filter((v): v is string => v !== null));
    const existing = later.map((u) => {
      const allegation = initial.allegationOf.get(u.id) ?? null;
      return {
        unit: u,
        allegation,
        first: u.kind === 'claim' && allegation !== null ? (initial.firsts.get(allegation) ?? null) : null,
        anchor: initial.anchors.get(u.id) ?? null,
      };
    });
    const result = attachUnits(existing, early);
    assert.ok(result.renames.size >= 1);
    for (const [from] of result.renames) assert.ok(ids.has(from));
  });
});
