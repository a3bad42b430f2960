import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { extractFacts, type Facts } from '../../src/extract/facts.ts';
import { loadGazetteer, type Gazetteer } from '../../src/extract/gazetteer.ts';
import { REFERENCE_PATH, referenceAttributions } from './reference-attributions.ts';

let gazetteer: Gazetteer;
let text: string;
let facts: Facts;
before(() => {
  gazetteer = loadGazetteer();
  text = readFileSync(REFERENCE_PATH, 'utf8');
  facts = extractFacts(text, { published: '2022-04-08', attributions: referenceAttributions(text), gazetteer });
});

describe('extractFacts', () => {
  it('geocodes the places of the reference article', () => {
    const names = new Set(facts.places.map((p) => `${p.name}/${p.country}`));
    for (const p of ['Mariupol/UA', 'Bucha/UA', 'Kyiv/UA', 'Crimea/UA', 'The Hague/NL', 'Ukraine/UA', 'Russia/RU']) assert.ok(names.has(p), `${p} in ${[...names].join(', ')}`);
    assert.ok(!names.has('Vladimir/RU'), 'the first name of Vladimir Putin is not a place');
  });

  it('anchors the dates of the reference article on its publication date', () => {
    const find = (t: string): [string | null, string | null] | undefined => {
      const d = facts.dates.find((x) => x.mentions.some(([s, e]) => text.slice(s, e) === t));
      return d && [d.start, d.end];
    };
    assert.deepEqual(find('Feb. 24'), ['2022-02-24', '2022-02-24']);
    assert.deepEqual(find('Tuesday'), ['2022-04-05', '2022-04-05']);
    assert.deepEqual(find('Thursday'), ['2022-04-07', '2022-04-07']);
    assert.deepEqual(find('2015'), ['2015-01-01', '2015-12-31']);
    assert.deepEqual(find('since the invasion started'), ['2022-02-24', '2022-04-08']);
  });

  it('extracts the figures of the reference article with qualifier, what is counted, place and attribution', () => {
    const pick = (min: number): unknown => {
      const f = facts.figures.find((x) => x.min === min);
      return f && { max: f.max, approx: f.approx, counts: f.counts, place: f.place, attribution: f.attribution };
    };
    assert.deepEqual(pick(410), { max: null, approx: false, counts: 'civilians killed', place: 'Bucha', attribution: 'a5' });
    assert.deepEqual(pick(4500), { max: 5500, approx: true, counts: 'people killed', place: 'Mariupol', attribution: 'a7' });
    assert.deepEqual(pick(400_000), { max: 400_000, approx: false, counts: 'population', place: 'Mariupol', attribution: 'a6' });
    assert.deepEqual(pick(21), { max: null, approx: false, counts: 'people interviewed', place: 'Kyiv', attribution: 'a11' });
  });

  it('names the speaker actor of every attribution with a source', () => {
    const ids = new Set(facts.actors.map((a) => a.id));
    for (const a of referenceAttributions(text)) {
      const speaker = facts.speakerOf[a.id];
      if (a.source === null) assert.equal(speaker, null);
      else assert.ok(speaker !== null && speaker !== undefined && ids.has(speaker), `${a.id} has a speaker`);
    }
  });

  it('types the concealment allegation', () => {
    const concealment = facts.events.find((e) => e.type === 'concealment_of_evidence');
    assert.ok(concealment?.attributions.includes('a3'));
  });

  it('returns empty facts for empty text and no attributions', () => {
    const empty = extractFacts('', { published: null, attributions: [], gazetteer });
    assert.deepEqual([empty.actors, empty.places, empty.dates, empty.figures, empty.events], [[], [], [], [], []]);
  });

  it('never throws on arbitrary text and keeps every offset valid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.option(fc.constantFrom('2022-04-08', 'garbage')), (doc, published) => {
        const f = extractFacts(doc, { published, attributions: [], gazetteer });
        const spans = [
          ...f.actors.flatMap((a) => a.mentions),
          ...f.places.flatMap((p) => p.mentions),
          ...f.dates.flatMap((d) => d.mentions),
          ...f.figures.map((x) => [x.start, x.end] as const),
        ];
        for (const [s, e] of spans) assert.ok(s >= 0 && s < e && e <= doc.length);
      }),
      { numRuns: 150 },
    );
  });
});
