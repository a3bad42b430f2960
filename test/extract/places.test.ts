import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { extractPlaces, findPlaces, findUnresolvedPlaces, groupPlaces } from '../../src/extract/places.ts';
import { tokenize } from '../../src/extract/facts/text.ts';
import { loadGazetteer, looseKey, normalizePlaceName, type Gazetteer } from '../../src/extract/gazetteer.ts';
import { REFERENCE_PATH } from './reference-attributions.ts';

let gazetteer: Gazetteer;
before(() => {
  gazetteer = loadGazetteer();
});

describe('loadGazetteer', () => {
  it('knows cities, first-level regions and countries with coordinates', () => {
    const kyiv = gazetteer.lookup('Kyiv').find((e) => e.kind === 'city');
    assert.equal(kyiv?.country, 'UA');
    assert.ok(kyiv !== undefined && Math.abs(kyiv.lat - 50.45) < 0.1 && Math.abs(kyiv.lon - 30.52) < 0.1);
    assert.equal(gazetteer.lookup('Crimea')[0]?.kind, 'region');
    assert.equal(gazetteer.lookup('Ukraine')[0]?.kind, 'country');
    assert.ok(gazetteer.size > 100_000);
  });

  it('lists regions before cities of one name, and nothing for unknown names, loosely or not', () => {
    const georgia = gazetteer.lookup('Georgia');
    const firstCity = georgia.findIndex((e) => e.kind === 'city');
    assert.ok(georgia.length >= 2 && georgia[0]?.kind !== 'city');
    assert.ok(firstCity < 0 || georgia.slice(firstCity).every((e) => e.kind === 'city'));
    assert.deepEqual(gazetteer.lookup('Xqzzvbl'), []);
    assert.deepEqual(gazetteer.lookupLoose('Xqzzvbl'), []);
    assert.deepEqual(gazetteer.lookupLoose('Xq'), []);
    assert.equal(gazetteer.lookup('Kyiv'), gazetteer.lookup('Kyiv'));
  });

  it('maps English exonyms to the GeoNames city', () => {
    assert.ok(gazetteer.lookup('Kiev').some((e) => e.name === 'Kyiv' && e.country === 'UA'));
    assert.ok(gazetteer.lookup('Geneva').some((e) => e.name === 'Genève' && e.country === 'CH'));
  });
});

describe('normalizePlaceName', () => {
  it('folds case, diacritics and apostrophes', () => {
    assert.equal(normalizePlaceName('Kramators’k'), 'kramatorsk');
    assert.equal(normalizePlaceName('Genève'), 'geneve');
  });
});

describe('looseKey', () => {
  it('meets transliteration variants', () => {
    assert.equal(looseKey('Kupiansk'), looseKey("Kup'yans'k"));
    assert.equal(looseKey('Balakliia'), looseKey('Balakliya'));
  });

  it('agrees with its definition as a chain of replacements on any name', () => {
    const unit = fc.constantFrom('a', 's', 'z', 'h', 'i', 'y', 'j', 'S', '-', ' ', "'", 'é', 'zh');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), (name) => {
        const byReplace = normalizePlaceName(name).replace(/-/g, ' ').replace(/zhzh/g, 'zh').replace(/([a-z])\1/g, '$1').replace(/[iyj]/g, '');
        assert.equal(looseKey(name), byReplace);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('findPlaces', () => {
  it('geocodes every place of the reference article', () => {
    const text = readFileSync(REFERENCE_PATH, 'utf8');
    const places = extractPlaces(text, gazetteer, {
      exclude: [[text.indexOf('Vladimir Putin'), text.indexOf('Vladimir Putin') + 14]],
    });
    const byName = new Map(places.map((p) => [p.name, p]));
    for (const [name, country, granularity] of [
      ['Mariupol', 'UA', 'city'],
      ['Bucha', 'UA', 'city'],
      ['Kyiv', 'UA', 'city'],
      ['Crimea', 'UA', 'region'],
      ['The Hague', 'NL', 'city'],
      ['Ukraine', 'UA', 'country'],
      ['Russia', 'RU', 'country'],
    ] as const) {
      const p = byName.get(name);
      assert.ok(p !== undefined, `${name} is found`);
      assert.equal(p.country, country);
      assert.equal(p.granularity, granularity);
      assert.ok(p.lat !== null && p.lon !== null);
    }
    assert.equal(byName.has('Vladimir'), false);
  });

  it('picks the homonym that fits the countries around it', () => {
    const ua = findPlaces('Bodies were found in Bucha, a suburb of Kyiv, Ukraine.', gazetteer);
    assert.equal(ua.find((h) => h.text === 'Bucha')?.entry.country, 'UA');
    const us = findPlaces('The storm hit Moscow, Idaho, in the United States.', gazetteer);
    assert.equal(us.find((h) => h.text === 'Moscow')?.entry.country, 'US');
  });

  it('uses the case region when the text names no country', () => {
    const hits = findPlaces('Shelling was reported near Bucha overnight.', gazetteer, { caseRegion: 'UA' });
    assert.equal(hits[0]?.entry.country, 'UA');
  });

  it('reads a region suffix and a possessive', () => {
    const hits = findPlaces("Fighting spread across the Donetsk region and into Myanmar's north.", gazetteer);
    assert.deepEqual(
      hits.map((h) => [h.text, h.entry.kind]),
      [
        ['Donetsk region', 'region'],
        ['Myanmar', 'country'],
      ],
    );
  });

  it('geocodes seas, gulfs, straits and lakes as regions without a country', () => {
    const text =
      'Boats sank in the Andaman Sea and the Sea of Azov; a tanker was seized in the Strait of Hormuz near the Gulf of Oman, and herders fled around Lake Chad.';
    const hits = findPlaces(text, gazetteer);
    assert.deepEqual(
      hits.map((h) => [h.text, h.entry.kind, h.entry.country]),
      [
        ['Andaman Sea', 'region', ''],
        ['Sea of Azov', 'region', ''],
        ['Strait of Hormuz', 'region', ''],
        ['Gulf of Oman', 'region', ''],
        ['Lake Chad', 'region', ''],
      ],
    );
    const azov = hits[1]?.entry;
    assert.ok(azov !== undefined && Math.abs(azov.lat - 46) < 1 && Math.abs(azov.lon - 36.5) < 1);
  });

  it('matches a transliteration variant only with a locative and a supported country', () => {
    const hits = findPlaces('Detainees were held in Kupiansk, in the east of Ukraine.', gazetteer);
    assert.equal(hits.find((h) => h.text === 'Kupiansk')?.entry.country, 'UA');
    assert.deepEqual(findPlaces('Kupiansk was quiet.', gazetteer), []);
  });

  it('does not read common capitalised words or unknown names as places', () => {
    assert.deepEqual(
      findPlaces('Police said. Mobile teams arrived. President Smith spoke in Xqzvillestan.', gazetteer),
      [],
    );
  });

  it('reads a lone surname of a person in the document as the person, not a town', () => {
    const text = 'Hillary Clinton spoke in Ohio. Later Clinton met donors, and the Clinton campaign paid.';
    const names = (personWords?: ReadonlySet<string>): string[] =>
      findPlaces(text, gazetteer, { exclude: [[0, 15]], personWords }).map((h) => h.text);
    assert.deepEqual(names(new Set(['clinton'])), ['Ohio']);
  });

  it('reads AP state abbreviations after a town, and not as titles', () => {
    const hits = findPlaces(
      'FAIRVIEW, W.Va. - The mine closed. He spoke in Flint, Mich., on Monday. Del. Stacey Plaskett spoke.',
      gazetteer,
    );
    assert.deepEqual(
      hits.map((h) => [h.text, h.entry.name]),
      [
        ['FAIRVIEW', 'Fairview'],
        ['W.Va.', 'West Virginia'],
        ['Flint', 'Flint'],
        ['Mich.', 'Michigan'],
      ],
    );
  });

  it('does not read headline words or the head of another name as towns', () => {
    const text =
      'SAVE A QUARTER. He owes money to Wall Street and the Islamic Holiday. Sens. Jon Tester spoke of Earth.';
    assert.deepEqual(
      findPlaces(text, gazetteer).map((h) => h.text),
      [],
    );
  });

  it('never reads a place inside an excluded name span', () => {
    const text = 'The Mariupol City Council said so.';
    assert.deepEqual(findPlaces(text, gazetteer, { exclude: [[4, 25]] }), []);
  });

  it('never throws and keeps offsets inside the text for any input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'Kyiv',
            'in',
            'Bucha',
            'The',
            'Hague',
            ', ',
            'Russia',
            '’s',
            ' ',
            'Donetsk',
            'region',
            '\n',
            'ÉÀ',
            'x',
          ),
          { maxLength: 40 },
        ),
        (parts) => {
          const text = parts.join(' ');
          for (const h of findPlaces(text, gazetteer)) {
            assert.ok(h.start >= 0 && h.start < h.end && h.end <= text.length);
            assert.equal(text.slice(h.start, h.end), h.text);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('findUnresolvedPlaces', () => {
  const unresolved = (text: string): string[][] => {
    const tokens = tokenize(text);
    const taken = findPlaces(text, gazetteer, { tokens }).map((h) => [h.start, h.end] as const);
    return findUnresolvedPlaces(text, gazetteer, tokens, taken).map((u) => [
      u.text,
      u.granularity,
      u.country ?? '',
    ]);
  };

  it('keeps places the gazetteer lacks when the text plainly names them', () => {
    assert.deepEqual(unresolved('Gunmen raided the village of Zorvathi before dawn.'), [
      ['Zorvathi', 'city', ''],
    ]);
    assert.deepEqual(unresolved('Troops shelled the southern district of Velmora.'), [
      ['Velmora', 'region', ''],
    ]);
    assert.deepEqual(unresolved('Bodies were found in Karvelo village.'), [['Karvelo', 'city', '']]);
    assert.deepEqual(unresolved('He lived in Yahidne, Ukraine, for years.'), [['Yahidne', 'city', 'UA']]);
    assert.deepEqual(unresolved('Graves were dug on Mill Road.'), [['Mill Road', 'point', '']]);
  });

  it('extends a cue to coordinated names and to later mentions', () => {
    assert.deepEqual(
      unresolved('Militiamen killed villagers in Nondvari and Sorvelo. Nondvari was burned.'),
      [
        ['Nondvari', 'city', ''],
        ['Sorvelo', 'city', ''],
        ['Nondvari', 'city', ''],
      ],
    );
  });

  it('keeps a rejected homonym of a small foreign town when a cue names it a village', () => {
    assert.deepEqual(unresolved('Soldiers entered the village of Moura in central Mali.'), [
      ['Moura', 'city', ''],
    ]);
  });

  it('does not read demonyms, months, titles or name tails as unknown places', () => {
    assert.deepEqual(
      unresolved(
        'The occupied Lorvanian town was quiet. In May villagers left. President Smith spoke. Kaneohe Bay, Hawaii.',
      ),
      [],
    );
  });

  it('outputs them without coordinates and with low confidence', () => {
    const text = 'Gunmen raided the village of Zorvathi. Zorvathi is empty.';
    const tokens = tokenize(text);
    const [place] = groupPlaces([], findUnresolvedPlaces(text, gazetteer, tokens, []));
    assert.deepEqual(place, {
      name: 'Zorvathi',
      lat: null,
      lon: null,
      country: null,
      admin1: null,
      granularity: 'city',
      geonameId: null,
      confidence: 0.3,
      mentions: [
        [29, 37],
        [39, 47],
      ],
    });
  });

  it('never throws and keeps offsets inside the text for any input', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'village',
            'of',
            'Zorv',
            'the',
            'Road',
            'Mill',
            ', ',
            'Ukraine',
            'and',
            'NAIROBI',
            '—',
            '\n',
            'in',
            'x',
          ),
          { maxLength: 40 },
        ),
        (parts) => {
          const text = parts.join(' ');
          for (const h of findUnresolvedPlaces(text, gazetteer, tokenize(text), [])) {
            assert.ok(h.start >= 0 && h.start < h.end && h.end <= text.length);
            assert.equal(text.slice(h.start, h.end), h.text);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
