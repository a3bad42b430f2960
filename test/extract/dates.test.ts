import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractDates, findDates, parseIsoDate } from '../../src/extract/dates.ts';

const PUB = '2022-04-08'; // a Friday

function one(text: string, published: string | null = PUB): { text: string; from: string | null; to: string | null; granularity: string } {
  const hits = findDates(text, published);
  assert.equal(hits.length, 1, `expected one date in ${JSON.stringify(text)}, got ${JSON.stringify(hits.map((h) => h.text))}`);
  const [h] = hits;
  assert.ok(h !== undefined);
  return { text: h.text, from: h.from, to: h.to, granularity: h.granularity };
}

describe('findDates', () => {
  it('anchors a bare weekday on the most recent one before publication', () => {
    assert.deepEqual(one('Boychenko said on Tuesday that the city was destroyed.'), { text: 'Tuesday', from: '2022-04-05', to: '2022-04-05', granularity: 'day' });
    assert.deepEqual(one('He told ABC News on Thursday.'), { text: 'Thursday', from: '2022-04-07', to: '2022-04-07', granularity: 'day' });
  });

  it('does not read "Today" at the end of a name as a date', () => {
    assert.deepEqual(findDates('A reporter for USA Today and Russia Today spotted her today.', PUB).map((h) => h.text), ['today']);
    assert.equal(one('Today the town was quiet.').from, PUB);
  });

  it('reads the publication weekday itself as the publication day', () => {
    assert.equal(one('Officials said on Friday.').from, '2022-04-08');
  });

  it('looks forward for "next" and for future-tense sentences', () => {
    assert.equal(one('Talks resume next Monday.').from, '2022-04-11');
    assert.equal(one('The council will meet on Tuesday.').from, '2022-04-12');
  });

  it('gives "this week" the publication week up to the publication day', () => {
    assert.deepEqual(one('The mayor made the charge this week.'), { text: 'this week', from: '2022-04-04', to: '2022-04-08', granularity: 'week' });
    assert.deepEqual(one('It happened last week.'), { text: 'last week', from: '2022-03-28', to: '2022-04-03', granularity: 'week' });
  });

  it('puts a month and day without a year in the publication year or the year before', () => {
    assert.equal(findDates('on Feb. 24', PUB)[0]?.from, '2022-02-24');
    assert.equal(findDates('on Dec. 12', PUB)[0]?.from, '2021-12-12');
  });

  it('turns a year into a year interval and a decade into a decade', () => {
    assert.deepEqual(one('during a 2015 fact-finding mission'), { text: '2015', from: '2015-01-01', to: '2015-12-31', granularity: 'year' });
    assert.deepEqual(one('in the 1990s'), { text: 'the 1990s', from: '1990-01-01', to: '1999-12-31', granularity: 'decade' });
  });

  it('keeps full dates with their own year', () => {
    assert.equal(one('on 24 February 2022').from, '2022-02-24');
    assert.equal(one('on March 3, 2021').from, '2021-03-03');
    assert.deepEqual(one('in November 2022'), { text: 'November 2022', from: '2022-11-01', to: '2022-11-30', granularity: 'month' });
  });

  it('opens an interval for "since the invasion started" from the date that follows', () => {
    const hits = findDates('committed by Russian troops since the invasion started on Feb. 24.', PUB);
    const since = hits.find((h) => h.granularity === 'open');
    assert.deepEqual(since && { text: since.text, from: since.from, to: since.to }, { text: 'since the invasion started', from: '2022-02-24', to: PUB });
    const bare = findDates('Thousands have fled since the war began.', PUB).find((h) => h.granularity === 'open');
    assert.equal(bare?.from, null);
  });

  it('reads relative expressions against publication', () => {
    assert.equal(one('He was detained yesterday.').from, '2022-04-07');
    assert.equal(one('It happened three days ago.').from, '2022-04-05');
    assert.deepEqual(one('They fled in March.'), { text: 'March', from: '2022-03-01', to: '2022-03-31', granularity: 'month' });
    assert.deepEqual(one('They fled in May.'), { text: 'May', from: '2021-05-01', to: '2021-05-31', granularity: 'month' });
  });

  it('drops impossible calendar dates and implausible years', () => {
    assert.deepEqual(findDates('on Feb. 30, 2022 and in 3021 and 2022-13-45', PUB), []);
  });

  it('flags dates it cannot anchor without a publication date', () => {
    const [h] = findDates('Boychenko said on Tuesday.', null);
    assert.equal(h?.from, null);
    assert.ok((h?.confidence ?? 1) <= 0.3);
    assert.equal(findDates('on 24 February 2022', null)[0]?.from, '2022-02-24');
  });

  it('marks durations and clock times without a calendar interval', () => {
    const hits = findDates('They were held for three days and released shortly after 9 a.m.', PUB);
    assert.deepEqual(hits.map((h) => [h.text, h.from, h.duration === true, h.time === true]), [
      ['three days', null, true, false],
      ['shortly after 9 a.m.', null, false, true],
    ]);
  });

  it('does not read counts of people as years', () => {
    assert.deepEqual(findDates('2015 people were evacuated', PUB), []);
  });

  it('never throws and returns offsets inside the text for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.constantFrom('2022-04-08', '1999-12-31', 'not-a-date', '2022-02-30')), (text, published) => {
        for (const h of findDates(text, published)) {
          assert.ok(h.start >= 0 && h.start < h.end && h.end <= text.length);
          assert.equal(text.slice(h.start, h.end), h.text);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('extractDates', () => {
  it('groups mentions of the same interval', () => {
    const dates = extractDates('On Thursday the assembly voted. A report released Thursday said more.', PUB);
    assert.equal(dates.length, 1);
    assert.equal(dates[0]?.mentions.length, 2);
    assert.equal(dates[0]?.start, '2022-04-07');
  });
});

describe('parseIsoDate', () => {
  it('rejects dates that are not on the calendar', () => {
    assert.equal(parseIsoDate('2022-02-29'), null);
    assert.equal(parseIsoDate('2024-02-29')?.toISOString().slice(0, 10), '2024-02-29');
  });
});
