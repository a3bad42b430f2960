// The bundled sample case (samples/sample-case: a fictional town, people and outlets) and the reference
// article, run through the real extractor and the allegations stage: the five allegations the case
// contains, their origin groups, statuses and figures (samples/sample-case/README.md).
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
  const toll = containing(allegations, 'northgate-daily-mayor-interview', 'at least 80 civilians');
  const hospital = containing(allegations, 'monitoring-mission-briefing', 'maternity wing');
  const convoy = containing(allegations, 'aster-relief-convoy-statement', 'convoy of six trucks');
  const monitors = containing(allegations, 'monitoring-mission-briefing', 'A team of monitors');
  const groupSources = (a: Allegation | undefined) => (a?.groups ?? []).map((g) => [...g.sources].sort());

  it('finds exactly the five allegations the case contains', () => {
    assert.equal(allegations.length, 5);
    for (const a of [brickworks, toll, hospital, convoy, monitors]) assert.ok(a);
    assert.equal(new Set([brickworks?.id, toll?.id, hospital?.id, convoy?.id, monitors?.id]).size, 5);
  });

  it("keeps the mission's monitors turned back apart from the convoy: another event, one origin", () => {
    assert.ok(monitors);
    assert.equal(monitors.eventType, 'obstruction_of_humanitarian_access');
    assert.deepEqual(groupSources(monitors), [['monitoring-mission-briefing']]);
    assert.ok(monitors.members.every((m) => m.sourceId === 'monitoring-mission-briefing'));
  });

  it('states each allegation from one of its own claims, on its topic', () => {
    assert.ok(brickworks && toll && hospital && convoy);
    assert.match(brickworks.statement, /brickworks|trenches|burying|buried/);
    assert.ok(['killing_of_civilians', 'concealment_of_evidence'].includes(brickworks.eventType ?? ''));
    assert.match(toll.statement, /at least (?:80|120) (?:civilians|residents)/);
    assert.equal(toll.eventType, 'killing_of_civilians');
    assert.match(hospital.statement, /hospital|maternity wing|shells/);
    assert.equal(hospital.eventType, 'attack_on_civilians');
    assert.match(convoy.statement, /convoy/);
    assert.equal(convoy.eventType, 'obstruction_of_humanitarian_access');
  });

  it('gives the brickworks two origins: the council with its echoes, and the forensic institute', () => {
    assert.ok(brickworks);
    assert.deepEqual(groupSources(brickworks), [
      [
        'cpa-wire-council-brickworks',
        'kestrava-council-statement',
        'lakeside-herald-brickworks',
        'northgate-daily-mayor-interview',
      ],
      ['cpa-wire-forensic-findings', 'halden-forensic-report'],
    ]);
    assert.equal(brickworks.summary, '2 independent origins, 4 echoes');
    const [council, halden] = brickworks.groups;
    assert.match(council?.label ?? '', /Kestrava Town Council/);
    assert.equal(council?.investigative, false);
    assert.equal(halden?.investigative, true);
    assert.ok(halden?.evidence.includes('forensic'));
    assert.doesNotMatch(halden?.label ?? '', /\bCPA\b/);
    assert.ok(
      brickworks.members.filter((m) => m.sourceId === 'lakeside-herald-brickworks').every((m) => m.copy),
    );
  });

  it('rates the brickworks independently corroborated, disputed by Dravia and not confirmed by the mission', () => {
    assert.ok(brickworks);
    assert.equal(brickworks.status.level, 'independently_corroborated');
    assert.equal(brickworks.status.disputed, true);
    assert.equal(brickworks.status.notConfirmed, true);
    assert.ok(
      brickworks.members.some((m) => (m.role === 'deny' || m.general) && /Dravian/.test(m.speaker ?? '')),
    );
    assert.ok(
      brickworks.members.some(
        (m) => m.role === 'not_confirmed' && m.sourceId === 'monitoring-mission-briefing',
      ),
    );
  });

  it("attaches the interview's headline to the allegation it summarises, as context", () => {
    assert.ok(brickworks);
    const headline = brickworks.members.find((m) => m.text.includes('burying its dead in secret'));
    assert.ok(headline);
    assert.equal(headline.role, 'context');
  });

  it('keeps the town-wide death toll apart: the mayor and the interior ministry are two origins, 80 upwards', () => {
    assert.ok(toll);
    assert.equal(toll.status.level, 'multiple_origins');
    assert.equal(toll.groups.length, 2);
    const [mayor, ministry] = toll.groups;
    assert.ok(mayor?.sources.includes('kestrava-council-statement'));
    assert.match(mayor?.label ?? '', /Ardelyan/);
    assert.deepEqual(ministry?.sources, ['northgate-daily-mayor-interview']);
    assert.match(ministry?.label ?? '', /Kovrin/);
    const deaths = toll.figures.find((c) => c.counts === 'deaths');
    assert.ok(deaths);
    const mins = new Set(deaths.figures.map((f) => f.min));
    assert.ok(mins.has(120) && mins.has(80));
    assert.deepEqual(deaths.range, { min: 80, max: null });
    assert.deepEqual(deaths.contradictions, []);
  });

  it('rates the hospital strike independently corroborated by the mission imagery, and disputed', () => {
    assert.ok(hospital);
    assert.equal(hospital.status.level, 'independently_corroborated');
    assert.equal(hospital.status.disputed, true);
    assert.equal(hospital.status.notConfirmed, false);
    assert.equal(hospital.groups.length, 3);
    const [director, department, mission] = hospital.groups;
    assert.match(director?.label ?? '', /Oskarsen/);
    assert.match(department?.label ?? '', /Health Department/);
    assert.match(mission?.label ?? '', /Feldhaven|Monitoring Mission/);
    assert.ok(hospital.groups[2]?.investigative && hospital.groups[2].evidence.includes('imagery'));
    assert.ok(
      hospital.members.some((m) => m.role === 'deny' && m.sourceId === 'dravian-defence-ministry-statement'),
    );
  });

  it("flags the director's fourteen dead against the health department's nine as contradicting", () => {
    assert.ok(hospital);
    const deaths = hospital.figures.find((c) => c.counts === 'deaths');
    assert.ok(deaths);
    const pairs = deaths.contradictions.map(([i, j]) => [deaths.figures[i]?.min, deaths.figures[j]?.min]);
    assert.ok(pairs.some(([a, b]) => a === 14 && b === 9));
    assert.ok(deaths.figures.some((f) => f.text === 'fourteen bodies'));
    assert.ok(hospital.members.some((m) => m.text.includes('its own count of the dead')));
    assert.ok(hospital.status.reasons.some((r) => r.code === 'figures_conflict'));
    const injuries = hospital.figures.find((c) => c.counts === 'injuries');
    assert.deepEqual(
      injuries?.figures.map((f) => f.min),
      [22],
    );
  });

  it('keeps the convoy a single-origin claim of the Aster Relief Network, with all its statements', () => {
    assert.ok(convoy);
    assert.equal(convoy.status.level, 'single_origin');
    assert.deepEqual(groupSources(convoy), [['aster-relief-convoy-statement']]);
    assert.match(convoy.groups[0]?.label ?? '', /Aster Relief Network/);
    for (const fragment of ['cleared in advance', 'third time since'])
      assert.equal(
        containing(allegations, 'aster-relief-convoy-statement', fragment)?.id,
        convoy.id,
        fragment,
      );
    assert.equal(containing(allegations, 'halden-forensic-report', 'gunshot wounds')?.id, brickworks?.id);
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
          c.counts === 'deaths' && c.figures.some((f) => f.min !== null && f.min >= 4500 && f.min <= 5500),
      ),
    );
    assert.ok(toll);
    assert.notEqual(toll.id, crematoria?.id);
    assert.notEqual(toll.id, bucha.id);
    assert.ok(toll.places.includes('mariupol'));
  });
});
