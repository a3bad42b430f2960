import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  attachUnits,
  buildUnits,
  CaseClusters,
  clusterCase,
  similarity,
  sourceLinks,
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

describe('sourceLinks', () => {
  const shelling = (id: string, places?: readonly string[]) =>
    buildSource({
      id,
      attributions: [
        {
          speaker: 'Dr. Ilse Varga',
          speakerType: 'person',
          content:
            'two shells struck the surgical ward of the Tallow Creek clinic at dawn, and staff carried out fourteen bodies',
          types: ['attack_on_civilians'],
          figures: [
            { text: 'fourteen bodies', min: 14, max: 14, approx: false, counts: 'bodies', place: null },
          ],
          places: places === undefined ? undefined : [places[0] as string],
        },
        {
          speaker: 'Tallow Creek Health Board',
          content: 'nine people had been killed and 22 injured',
          types: ['killing_of_civilians'],
          figures: [
            { text: 'nine people', min: 9, max: 9, approx: false, counts: 'people killed', place: null },
            { text: '22 injured', min: 22, max: 22, approx: false, counts: 'injured', place: null },
          ],
          places: places === undefined ? undefined : [places[1] as string],
        },
      ],
    });

  it('links a claim giving only a casualty count to the claim before it that counts casualties', () => {
    const units = buildUnits(shelling('t1'));
    assert.deepEqual(sourceLinks(units), [['t1#a1', 't1#a2']]);
    const allegations = clusterCase([shelling('t1')]);
    assert.equal(allegations.length, 1);
    const counted = allegations[0]?.figures.flatMap((c) => c.figures.map((f) => f.min)) ?? [];
    assert.ok(counted.includes(14) && counted.includes(9));
  });

  it('does not link a bare count to a claim before it that counts no casualties', () => {
    const s = buildSource({
      id: 't2',
      attributions: [
        {
          speaker: 'Tallow Creek Council',
          content: 'soldiers dug trenches behind the old mill on Fenwick Lane at night',
          types: ['concealment_of_evidence'],
        },
        {
          speaker: 'Dr. Ilse Varga',
          speakerType: 'person',
          content: 'at least 120 residents were killed',
          types: ['killing_of_civilians'],
          figures: [
            {
              text: 'at least 120 residents',
              min: 120,
              max: null,
              approx: false,
              counts: 'residents killed',
              place: null,
            },
          ],
        },
      ],
    });
    assert.deepEqual(sourceLinks(buildUnits(s)), []);
  });

  it('links consecutive claims of one speaker that share a specific word', () => {
    const s = buildSource({
      id: 't3',
      attributions: [
        {
          speaker: 'Orla Brenn',
          speakerType: 'person',
          content: 'the convoy of flour trucks was stopped at the Hessing bridge checkpoint',
          types: ['obstruction_of_humanitarian_access'],
        },
        {
          speaker: 'Orla Brenn',
          speakerType: 'person',
          content: 'drivers waited seven hours before the convoy turned around',
          types: ['obstruction_of_humanitarian_access'],
        },
        {
          speaker: 'Orla Brenn',
          speakerType: 'person',
          content: 'a warehouse in the harbour district burned down overnight',
          types: ['destruction_of_property'],
        },
      ],
    });
    assert.deepEqual(sourceLinks(buildUnits(s)), [['t3#a1', 't3#a2']]);
  });
});

describe('partial units', () => {
  const source = buildSource({
    id: 'p1',
    published: '2025-03-11',
    outlet: 'Valdmoor Town Council',
    kind: 'statement',
    attributions: [
      {
        speaker: 'Valdmoor Town Council',
        speakerType: 'state_body',
        content: 'soldiers buried the bodies of civilians in trenches behind the tannery in Valdmoor',
        places: ['Valdmoor'],
        types: ['killing_of_civilians', 'concealment_of_evidence'],
      },
      {
        speaker: 'Valdmoor Town Council',
        speakerType: 'state_body',
        content: 'shells struck the water plant in Valdmoor on Sunday',
        places: ['Valdmoor'],
        types: ['attack_on_civilians'],
      },
      // A fragment: its event type comes from the fallback lexicon, it names no place or date.
      {
        speaker: 'Mayor Irena Kosk',
        speakerType: 'person',
        content: 'the people buried at the tannery were our neighbours',
      },
      // A claim about a general pattern.
      {
        speaker: 'Valdmoor officials',
        speakerType: 'group',
        content: 'the strike was part of a pattern of attacks on civilian infrastructure',
        types: ['attack_on_civilians'],
      },
    ],
  });
  const units = buildUnits(source);
  const allegations = clusterCase([source]);
  const of = (attributionId: string) =>
    allegations.find((a) => a.members.some((m) => m.attributionId === attributionId));

  it('marks a claim with a fallback type and no place or date of its own as a fragment', () => {
    assert.deepEqual(
      units.map((u) => u.partial),
      [null, null, 'fragment', null],
    );
  });

  it('joins a fragment to the claim of its source that shares a specific word with it', () => {
    assert.equal(allegations.length, 2);
    assert.equal(of('a3')?.id, of('a1')?.id);
    assert.notEqual(of('a1')?.id, of('a2')?.id);
  });

  it('keeps a claim about a general pattern as context, never an allegation of its own', () => {
    assert.equal(units[3]?.kind, 'context');
    assert.ok(!allegations.some((a) => a.members.every((m) => m.attributionId === 'a4')));
  });
});
