// The bundled sample case (samples/sample-case: a fictional town, people and outlets) and the reference
// article, run through the real extractor and the allegations stage. These assert what the extraction of
// today supports; see docs/ALLEGATIONS.md, "Known limits", for what they do not yet assert.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CaseClusters, clusterCase, type Allegation, type CaseSource } from '../../src/allegations/index.ts';
import { extract } from '../../src/extract/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function load(dir: string, names?: readonly string[]): CaseSource[] {
  const files =
    names ??
    readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.slice(0, -4))
      .sort();
  return files.map((name, i) => {
    const meta = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {
      published: string;
      language: string;
      outlet: string;
      title: string;
      kind: string;
    };
    const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
    return {
      id: name,
      published: meta.published,
      captured: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`,
      outlet: meta.outlet,
      title: meta.title,
      kind: meta.kind,
      extraction: extract(text, { published: meta.published, language: meta.language }),
    };
  });
}

function containing(
  allegations: readonly Allegation[],
  sourceId: string,
  fragment: string,
): Allegation | undefined {
  return allegations.find((a) => a.members.some((m) => m.sourceId === sourceId && m.text.includes(fragment)));
}

describe('sample case', () => {
  const sources = load(join(ROOT, 'samples', 'sample-case'));
  const allegations = clusterCase(sources);
  const brickworks = containing(allegations, 'kestrava-council-statement', 'military trucks');

  it('finds the brickworks allegation independently corroborated, disputed and not confirmed', () => {
    assert.ok(brickworks);
    assert.equal(brickworks.status.level, 'independently_corroborated');
    assert.equal(brickworks.status.disputed, true);
    assert.equal(brickworks.status.notConfirmed, true);
  });

  it('counts the council, its wire relays and the syndicated copy as one origin group', () => {
    assert.ok(brickworks);
    const council = brickworks.members.find(
      (m) => m.sourceId === 'kestrava-council-statement' && m.originGroup !== null,
    );
    assert.ok(council);
    const group = brickworks.groups.find((g) => g.id === council.originGroup);
    assert.ok(group);
    for (const s of [
      'kestrava-council-statement',
      'cpa-wire-council-brickworks',
      'lakeside-herald-brickworks',
    ]) {
      assert.ok(group.sources.includes(s), s);
    }
    assert.ok(group.echoes >= 2);
    assert.ok(
      brickworks.members.filter((m) => m.sourceId === 'lakeside-herald-brickworks').every((m) => m.copy),
    );
  });

  it('has the forensic institute as an independent body with forensic or imagery evidence', () => {
    assert.ok(brickworks);
    const halden = brickworks.groups.find((g) => g.sources.includes('halden-forensic-report'));
    assert.ok(halden);
    assert.equal(halden.investigative, true);
    assert.ok(halden.evidence.some((e) => e === 'forensic' || e === 'imagery'));
  });

  it('counts exactly two origins: the council and the forensic institute, whose wire story joins it through the citation', () => {
    assert.ok(brickworks);
    assert.equal(brickworks.groups.length, 2);
    const halden = brickworks.groups.find((g) => g.sources.includes('halden-forensic-report'));
    assert.ok(halden);
    assert.ok(halden.sources.includes('cpa-wire-forensic-findings'));
    assert.doesNotMatch(halden.label, /\bCPA\b/);
  });

  it('carries a Dravian denial and the monitoring mission not-confirmed statement', () => {
    assert.ok(brickworks);
    assert.ok(
      brickworks.members.some((m) => (m.role === 'deny' || m.general) && /Dravian/.test(m.speaker ?? '')),
    );
    assert.ok(
      brickworks.members.some(
        (m) => m.role === 'not_confirmed' && m.sourceId === 'monitoring-mission-briefing',
      ),
    );
  });

  it('keeps the convoy and the hospital strike out of the brickworks allegation', () => {
    const convoy = containing(allegations, 'aster-relief-convoy-statement', 'convoy of six trucks');
    assert.ok(convoy);
    assert.equal(convoy.eventType, 'obstruction_of_humanitarian_access');
    assert.notEqual(convoy.id, brickworks?.id);
    const hospital = containing(allegations, 'monitoring-mission-briefing', 'maternity wing');
    assert.ok(hospital);
    assert.notEqual(hospital.id, brickworks?.id);
    assert.ok(
      hospital.members.some((m) => m.role === 'deny' && m.sourceId === 'dravian-defence-ministry-statement'),
    );
  });

  it('keeps the town-wide death toll apart, with the mayor and the interior ministry as two origins and both figures', () => {
    const toll = containing(allegations, 'northgate-daily-mayor-interview', 'at least 80 civilians');
    assert.ok(toll);
    assert.notEqual(toll.id, brickworks?.id);
    assert.equal(toll.groups.length, 2);
    const killed = toll.figures.find((c) => c.counts === 'killed');
    assert.ok(killed);
    const mins = new Set(killed.figures.map((f) => f.min));
    assert.ok(mins.has(120) && mins.has(80));
    assert.deepEqual(killed.range, { min: 80, max: null });
  });

  it('rates the hospital strike independently corroborated by the mission imagery, and disputed', () => {
    const hospital = containing(allegations, 'monitoring-mission-briefing', 'maternity wing');
    assert.ok(hospital);
    assert.equal(hospital.status.level, 'independently_corroborated');
    assert.equal(hospital.status.disputed, true);
    assert.ok(hospital.groups.some((g) => g.investigative && g.evidence.includes('imagery')));
  });

  it("puts the director's fourteen dead and the health department's nine in the hospital allegation", () => {
    const hospital = containing(allegations, 'monitoring-mission-briefing', 'maternity wing');
    assert.ok(hospital);
    const counted = hospital.figures.flatMap((c) => c.figures.map((f) => f.min));
    assert.ok(counted.includes(14), 'fourteen bodies');
    assert.ok(counted.includes(9), 'nine people killed');
    assert.ok(hospital.members.some((m) => m.text.includes('nine people had been killed')));
  });

  it('keeps the convoy statement in one allegation and the forensic findings in the brickworks one', () => {
    const convoy = containing(allegations, 'aster-relief-convoy-statement', 'convoy of six trucks');
    assert.ok(convoy);
    for (const fragment of ['cleared in advance', 'third time since'])
      assert.equal(
        containing(allegations, 'aster-relief-convoy-statement', fragment)?.id,
        convoy.id,
        fragment,
      );
    assert.equal(containing(allegations, 'halden-forensic-report', 'gunshot wounds')?.id, brickworks?.id);
  });

  it('finds at most eight allegations in a case written with four', () => {
    assert.ok(allegations.length <= 8, String(allegations.length));
  });

  it('gives the same allegations attaching the reports one by one in any order', () => {
    const digest = (list: readonly Allegation[]) =>
      list.map((a) => [
        a.id,
        a.status.level,
        a.members.map((m) => `${m.unitId}:${m.role}:${m.originGroup ?? '-'}`).sort(),
      ]);
    const expected = digest(allegations);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(sources, { minLength: sources.length, maxLength: sources.length }),
        (order) => {
          const c = new CaseClusters();
          for (const s of order) c.attach([s]);
          assert.deepEqual(digest(c.allegations()), expected);
        },
      ),
      { numRuns: 8, seed: 11 },
    );
  });
});

describe('reference article', () => {
  const allegations = clusterCase(
    load(join('/', ...ROOT.split('/').slice(0, -1), 'shared', 'corpus', 'seed'), [
      'mariupol-mobile-crematoria',
    ]),
  );
  const crematoria = containing(allegations, 'mariupol-mobile-crematoria', 'crematoria in Mariupol');

  it('finds the mobile crematoria allegation in Mariupol about concealment of evidence', () => {
    assert.ok(crematoria);
    assert.equal(crematoria.eventType, 'concealment_of_evidence');
    assert.ok(crematoria.places.includes('mariupol'));
  });

  it('puts Boychenko and the Mariupol City Council in one origin group, and it is the only one', () => {
    assert.ok(crematoria);
    assert.equal(crematoria.groups.length, 1);
    const speakers = crematoria.members.filter((m) => m.originGroup === 'g1').map((m) => m.speaker);
    assert.ok(speakers.some((s) => /Boychenko/.test(s ?? '')));
    assert.ok(speakers.some((s) => /Mariupol City Council/.test(s ?? '')));
    assert.equal(crematoria.status.level, 'single_origin');
  });

  it('has US defense officials as not confirming and the general Russian denial as disputing context', () => {
    assert.ok(crematoria);
    assert.ok(
      crematoria.members.some(
        (m) => m.role === 'not_confirmed' && /defense officials/i.test(m.speaker ?? ''),
      ),
    );
    const denial = crematoria.members.find((m) => m.general);
    assert.ok(denial);
    assert.equal(denial.role, 'context');
    assert.match(`${denial.speaker ?? ''} ${denial.text}`, /Russia/);
    assert.equal(crematoria.status.disputed, true);
    assert.equal(crematoria.status.notConfirmed, true);
  });

  it('keeps the 2015 Crimea episode out of it', () => {
    assert.ok(crematoria);
    assert.ok(!crematoria.members.some((m) => m.text.includes('Crimea') && m.role !== 'context'));
  });

  it('keeps the Bucha killings and the Mariupol death toll as separate allegations with their figures', () => {
    const bucha = containing(allegations, 'mariupol-mobile-crematoria', 'killed in Bucha');
    assert.ok(bucha);
    assert.notEqual(bucha.id, crematoria?.id);
    const f410 = bucha.figures.flatMap((c) => c.figures).find((f) => f.min === 410);
    assert.ok(f410);
    assert.match(f410.speaker ?? '', /Ukrainian officials/);
    const toll = allegations.find((a) =>
      a.figures.some(
        (c) =>
          c.counts === 'killed' && c.figures.some((f) => f.min !== null && f.min >= 4500 && f.min <= 5500),
      ),
    );
    assert.ok(toll);
    assert.notEqual(toll.id, crematoria?.id);
    assert.notEqual(toll.id, bucha.id);
    assert.ok(toll.places.includes('mariupol'));
  });
});
