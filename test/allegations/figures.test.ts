import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildUnits, compareFigures, contradicts, countClass } from '../../src/allegations/index.ts';
import { buildSource } from './factories.ts';

describe('compareFigures', () => {
  const sources = [
    buildSource({
      id: 'f1',
      published: '2025-03-10',
      attributions: [
        {
          speaker: 'Dr. Ana Vell',
          speakerType: 'person',
          content: 'at least 14 people were killed at the hospital',
          figures: [
            {
              text: 'at least 14 people',
              min: 14,
              max: null,
              approx: false,
              counts: 'people killed',
              place: 'Valdmoor',
            },
          ],
        },
      ],
    }),
    buildSource({
      id: 'f2',
      published: '2025-03-11',
      attributions: [
        {
          speaker: 'District Health Department',
          content: 'nine people were killed and 22 injured',
          figures: [
            {
              text: 'nine people',
              min: 9,
              max: 9,
              approx: false,
              counts: 'people killed',
              place: 'Valdmoor',
            },
            { text: '22 injured', min: 22, max: 22, approx: false, counts: 'injured', place: 'Valdmoor' },
          ],
        },
      ],
    }),
    buildSource({
      id: 'f3',
      published: '2025-03-14',
      attributions: [
        {
          speaker: 'Regional Monitoring Mission',
          content: 'at least nine deaths were documented',
          figures: [
            {
              text: 'at least nine deaths',
              min: 9,
              max: null,
              approx: false,
              counts: 'deaths',
              place: 'Valdmoor',
            },
          ],
        },
      ],
    }),
  ];
  const units = sources.flatMap((s) => buildUnits(s));
  const comparisons = compareFigures(units, null, () => false);
  const killed = comparisons.find((c) => c.counts === 'deaths');

  it('groups figures by what is counted and place', () => {
    assert.deepEqual(comparisons.map((c) => `${c.counts}@${c.place}`).sort(), [
      'deaths@valdmoor',
      'injuries@valdmoor',
    ]);
    assert.ok(killed);
    assert.equal(killed.figures.length, 3);
  });

  it('flags figures that cannot both be true and leaves compatible ones alone', () => {
    assert.ok(killed);
    const pairs = killed.contradictions.map(([i, j]) => [killed.figures[i]?.text, killed.figures[j]?.text]);
    assert.deepEqual(pairs, [['at least 14 people', 'nine people']]);
  });

  it('reports the range, the latest figure and who gave each', () => {
    assert.ok(killed);
    assert.deepEqual(killed.range, { min: 9, max: 14 });
    assert.equal(killed.figures[killed.latest]?.text, 'at least nine deaths');
    assert.deepEqual(
      killed.figures.map((f) => f.speaker),
      ['Dr. Ana Vell', 'District Health Department', 'Regional Monitoring Mission'],
    );
  });
});

describe('compareFigures across wordings of one count', () => {
  const source = buildSource({
    id: 'w1',
    published: '2025-03-10',
    attributions: [
      {
        speaker: 'Dr. Ana Vell',
        speakerType: 'person',
        content: 'we carried out fourteen bodies ourselves',
        figures: [
          { text: 'fourteen bodies', min: 14, max: 14, approx: false, counts: 'bodies', place: null },
        ],
      },
      {
        speaker: 'District Health Department',
        content: 'nine people had been killed, 29 and 11',
        figures: [
          { text: 'nine people', min: 9, max: 9, approx: false, counts: 'people killed', place: null },
          { text: '29', min: 29, max: 29, approx: false, counts: null, place: null },
          { text: '11', min: 11, max: 11, approx: false, counts: null, place: null },
        ],
      },
    ],
  });
  const comparisons = compareFigures(buildUnits(source), 'valdmoor', () => false);

  it('compares "fourteen bodies" with "nine people killed" as one count of deaths and flags them', () => {
    const deaths = comparisons.find((c) => c.counts === 'deaths');
    assert.ok(deaths);
    assert.deepEqual(
      deaths.figures.map((f) => f.text),
      ['fourteen bodies', 'nine people'],
    );
    assert.deepEqual(deaths.contradictions, [[0, 1]]);
  });

  it('never flags figures whose counted thing is unknown', () => {
    const unspecified = comparisons.find((c) => c.counts === 'unspecified');
    assert.ok(unspecified);
    assert.equal(unspecified.figures.length, 2);
    assert.deepEqual(unspecified.contradictions, []);
  });
});

describe('contradicts', () => {
  it('lets approximate figures overlap within ten per cent', () => {
    assert.equal(
      contradicts({ min: 5000, max: 5000, approx: true }, { min: 5400, max: 5400, approx: false }),
      false,
    );
    assert.equal(
      contradicts({ min: 5000, max: 5000, approx: false }, { min: 5400, max: 5400, approx: false }),
      true,
    );
  });
});

describe('countClass', () => {
  it('normalises what is counted across wordings and languages', () => {
    assert.equal(countClass('civilians killed', ''), 'deaths');
    assert.equal(countClass(null, 'au moins 120 habitants tués'), 'deaths');
    assert.equal(countClass('people interviewed', ''), 'interviewed');
  });

  it('maps synonyms of one count to one class: bodies, the dead and the death toll are deaths', () => {
    for (const counts of [
      'bodies found',
      'bodies exhumed',
      'dead',
      'people died',
      'death toll',
      'fatalities',
    ])
      assert.equal(countClass(counts, ''), 'deaths', counts);
    assert.equal(countClass(null, '37 corps'), 'deaths');
    for (const counts of ['wounded', 'people injured', 'blessés'])
      assert.equal(countClass(counts, ''), 'injuries');
  });

  it("reads the figure's own words before the extractor's counted thing", () => {
    assert.equal(countClass('people killed', '22 injured'), 'injuries');
    assert.equal(countClass('people killed', 'nine people'), 'deaths');
    assert.equal(countClass(null, '29'), 'unspecified');
  });
});
