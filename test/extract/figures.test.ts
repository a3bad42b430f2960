import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractFigures, figureInterval, parseNumber } from '../../src/extract/figures.ts';
import type { Attribution } from '../../src/extract/types.ts';

function fig(text: string): { text: string; min: number | null; max: number | null; approx: boolean; counts: string | null } {
  const figures = extractFigures(text);
  assert.equal(figures.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(figures.map((f) => f.text))}`);
  const [f] = figures;
  assert.ok(f !== undefined);
  return { text: f.text, min: f.min, max: f.max, approx: f.approx, counts: f.counts };
}

function buildAttribution(id: string, text: string, content: string): Attribution {
  const start = text.indexOf(content);
  return { id, source: null, cue: { start: 0, end: 0, text: '' }, content: [{ start, end: start + content.length, text: content }], stance: 'assert', quote: 'indirect', channel: null, basis: [], parent: null, confidence: 1 };
}

describe('extractFigures', () => {
  it('turns "at least" into an open upper bound', () => {
    assert.deepEqual(fig('Officials reported that at least 410 civilians were killed in Bucha.'), { text: 'at least 410 civilians', min: 410, max: null, approx: false, counts: 'civilians killed' });
  });

  it('turns "more than 20" into [21, open)', () => {
    assert.deepEqual(fig('Investigators interviewed more than 20 people from villages.'), { text: 'more than 20 people', min: 21, max: null, approx: false, counts: 'people interviewed' });
  });

  it('widens "around 5,000" by ten percent either side and marks it approximate', () => {
    assert.deepEqual(fig('He estimated that around 5,000 people there have been killed.'), { text: 'around 5,000 people', min: 4500, max: 5500, approx: true, counts: 'people killed' });
  });

  it('reads "a city of 400,000 people" as a population', () => {
    assert.equal(fig('his once-thriving port city of 400,000 people has been decimated').counts, 'population');
  });

  it('reads upper bounds, ranges, spelled-out and vague numbers', () => {
    assert.deepEqual(fig('Up to 300 people fled.'), { text: 'Up to 300 people', min: 0, max: 300, approx: false, counts: 'people displaced' });
    assert.deepEqual(fig('Between 20 and 30 bodies were found.'), { text: 'Between 20 and 30 bodies', min: 20, max: 30, approx: false, counts: 'bodies found' });
    assert.deepEqual(fig('Twenty-five children were deported.'), { text: 'Twenty-five children', min: 25, max: 25, approx: false, counts: 'children deported' });
    assert.deepEqual(fig('Dozens of civilians were detained.'), { text: 'Dozens of civilians', min: 24, max: 99, approx: true, counts: 'civilians detained' });
    assert.deepEqual(fig('Nearly 2,000 displaced people sheltered there.'), { text: 'Nearly 2,000 displaced people', min: 1800, max: 2000, approx: true, counts: 'people displaced' });
  });

  it('ignores money, ages, durations and "one of"', () => {
    assert.deepEqual(extractFigures('It cost $5 million; Iryna Savchuk, 41, said; for 12 days; one of the creepiest claims.'), []);
  });

  it('reads percentages, distances and areas as measures with a kind and unit, never as counts', () => {
    const measures = (text: string): unknown[] => extractFigures(text).map((f) => [f.text, f.min, f.max, f.approx, f.kind ?? 'count', f.unit ?? null, f.counts]);
    assert.deepEqual(measures('He said about 40 percent of the deaths occurred in Donetsk.'), [['about 40 percent', 36, 44, true, 'percent', 'percent', 'deaths']]);
    assert.deepEqual(measures('More than 70% of homes were destroyed; 3.5 per cent.'), [
      ['More than 70%', 70, null, false, 'percent', 'percent', 'homes destroyed'],
      ['3.5 per cent', 3.5, 3.5, false, 'percent', 'percent', null],
    ]);
    assert.deepEqual(measures('The village lies 30 kilometres from the front, a 5-mile walk; between 10 and 15 km north.'), [
      ['30 kilometres', 30, 30, false, 'distance', 'km', null],
      ['5-mile', 5, 5, false, 'distance', 'mi', null],
      ['between 10 and 15 km', 10, 15, false, 'distance', 'km', null],
    ]);
    assert.deepEqual(measures('Fires burned 500 hectares and 20 square kilometres.'), [
      ['500 hectares', 500, 500, false, 'area', 'ha', null],
      ['20 square kilometres', 20, 20, false, 'area', 'km2', null],
    ]);
  });

  it('flags an impossible percentage', () => {
    const [f] = extractFigures('Prices rose 5000% in a week.');
    assert.ok(f !== undefined && f.kind === 'percent' && (f.confidence ?? 1) <= 0.1);
  });

  it('yields nothing for negative or exponent numbers and flags impossible counts', () => {
    assert.deepEqual(extractFigures('-5 killed. 10^100 people died. 1e9 people died.'), []);
    const [huge] = extractFigures('20000000000 people were killed.');
    assert.ok(huge !== undefined && (huge.confidence ?? 1) <= 0.1);
  });

  it('ties a figure to the innermost attribution content that contains it', () => {
    const text = 'The council said witnesses saw 14 bodies near the school.';
    const outer = buildAttribution('a1', text, 'witnesses saw 14 bodies near the school');
    const inner = buildAttribution('a2', text, '14 bodies near the school');
    const [f] = extractFigures(text, { attributions: [outer, inner] });
    assert.equal(f?.attribution, 'a2');
  });

  it('takes the place named in the sentence, else the speaker place', () => {
    const text = 'He said 30 people were killed in Irpin. He said 12 people were wounded there.';
    const attr = buildAttribution('a1', text, '12 people were wounded there');
    const figures = extractFigures(text, { attributions: [attr], places: [{ start: text.indexOf('Irpin'), end: text.indexOf('Irpin') + 5, name: 'Irpin' }], sentences: [[0, 39], [40, text.length]], speakerPlace: { a1: 'Bucha' } });
    assert.deepEqual(figures.map((f) => f.place), ['Irpin', 'Bucha']);
  });

  it('never throws and keeps offsets inside the text for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(' at least ', ' 1,000 ', ' people ', ' killed', ' -', '^', ' dozens of ', ' twenty-one ', ' 10e99 ', ' between 3 and ')), (noise, parts) => {
        const text = noise + parts.join('');
        for (const f of extractFigures(text)) {
          assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length);
          assert.equal(text.slice(f.start, f.end), f.text);
          assert.ok(f.min === null || f.min >= 0);
          assert.ok(f.min === null || f.max === null || f.min <= f.max);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseNumber', () => {
  it('parses digits with separators and scales, spelled-out numbers and vague quantities', () => {
    assert.equal(parseNumber('5,000')?.value, 5000);
    assert.equal(parseNumber('1.5 million')?.value, 1_500_000);
    assert.equal(parseNumber('two hundred and fifty')?.value, 250);
    assert.deepEqual(parseNumber('tens of thousands')?.vague, [20_000, 99_999]);
    assert.equal(parseNumber('several'), null);
  });
});

describe('figureInterval', () => {
  it('follows the documented qualifier rules', () => {
    assert.deepEqual(figureInterval(410, 'at_least'), { min: 410, max: null, approx: false });
    assert.deepEqual(figureInterval(20, 'more_than'), { min: 21, max: null, approx: false });
    assert.deepEqual(figureInterval(5000, 'approx'), { min: 4500, max: 5500, approx: true });
    assert.deepEqual(figureInterval(100, 'less_than'), { min: 0, max: 99, approx: false });
    assert.deepEqual(figureInterval(7, null), { min: 7, max: 7, approx: false });
  });
});
