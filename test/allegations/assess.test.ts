import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessAllegation, buildUnits, clusterCase, type Allegation } from '../../src/allegations/index.ts';
import { buildSource, fictionalCase } from './factories.ts';

const noCopies = { copyOf: () => null, outletOf: () => null };

function tannery(): Allegation {
  const found = clusterCase(fictionalCase()).find((a) => a.members.some((m) => m.unitId === 's1-council#a1'));
  assert.ok(found);
  return found;
}

describe('assessAllegation', () => {
  it('counts a mayor, her council, the residents they relay and a syndicated copy as one origin', () => {
    const a = tannery();
    const council = a.groups.find((g) => g.members.includes('s1-council#a1'));
    assert.ok(council);
    assert.deepEqual([...council.members].sort(), [
      's1-council#a1',
      's1-council#a2',
      's2-wire#a1',
      's2-wire#a2',
      's3-reprint#a1',
      's3-reprint#a2',
    ]);
    assert.equal(council.echoes, 2);
    assert.equal(a.groups.length, 2);
    assert.equal(a.summary, '2 independent origins, 2 echoes');
  });

  it('rates a claim backed by an independent forensic body as independently corroborated, disputed and not confirmed', () => {
    const a = tannery();
    assert.equal(a.status.level, 'independently_corroborated');
    assert.equal(a.status.label, 'independently corroborated');
    assert.equal(a.status.disputed, true);
    assert.equal(a.status.notConfirmed, true);
    const codes = a.status.reasons.map((r) => r.code);
    for (const code of ['origins', 'echoes', 'independent_body', 'denied', 'not_confirmed'] as const)
      assert.ok(codes.includes(code), code);
  });

  it('links every reason to spans inside the sources it names', () => {
    const sources = new Map(fictionalCase().map((s) => [s.id, s.extraction.document.text]));
    for (const r of tannery().status.reasons) {
      assert.ok(r.spans.length > 0, r.code);
      for (const s of r.spans) {
        const text = sources.get(s.sourceId);
        assert.ok(
          text !== undefined && s.start >= 0 && s.end <= text.length && s.start < s.end,
          `${r.code} ${JSON.stringify(s)}`,
        );
      }
    }
  });

  it('gives a single-origin claim when only one organisation speaks, however often', () => {
    const s = buildSource({
      id: 'c1',
      attributions: [
        {
          speaker: 'Relief Lantern',
          content: 'its aid convoy was turned back at a checkpoint',
          types: ['obstruction_of_humanitarian_access'],
        },
        {
          speaker: 'Relief Lantern',
          content: 'its aid convoy was turned back at the checkpoint again',
          types: ['obstruction_of_humanitarian_access'],
        },
      ],
    });
    const a = assessAllegation('al-x', buildUnits(s), [], noCopies);
    assert.equal(a.status.level, 'single_origin');
    assert.equal(a.status.disputed, false);
    assert.equal(a.groups.length, 1);
  });

  it('keeps two separate organisations without evidence at multiple independent origins', () => {
    const s = buildSource({
      id: 'c2',
      attributions: [
        {
          speaker: 'Valdmoor Town Council',
          content: 'shells struck the school in Valdmoor',
          types: ['attack_on_civilians'],
        },
        {
          speaker: 'Korvin Teachers Union',
          content: 'shells struck the school in Valdmoor on Monday',
          types: ['attack_on_civilians'],
        },
      ],
    });
    const a = assessAllegation('al-y', buildUnits(s), [], noCopies);
    assert.equal(a.status.level, 'multiple_origins');
  });

  it('treats a person reporting their own observation as a separate origin from their institution', () => {
    const s = buildSource({
      id: 'c3',
      attributions: [
        {
          speaker: 'Valdmoor Town Council',
          content: 'shells struck the hospital in Valdmoor',
          types: ['attack_on_civilians'],
          basis: ['documents'],
        },
        {
          speaker: 'Mayor Irena Kosk',
          speakerType: 'person',
          role: 'Mayor',
          affiliation: 'Valdmoor',
          content: 'I saw shells strike the hospital in Valdmoor',
          types: ['attack_on_civilians'],
        },
      ],
    });
    const a = assessAllegation('al-z', buildUnits(s), [], noCopies);
    assert.equal(a.groups.length, 2);
  });

  it('shows a general denial from the same source as disputing context', () => {
    const s = buildSource({
      id: 'c4',
      attributions: [
        {
          speaker: 'Valdmoor Town Council',
          content: 'soldiers burned bodies in mobile crematoria in Valdmoor',
          types: ['concealment_of_evidence'],
          places: ['Valdmoor'],
        },
        { speaker: 'Korlandia', stance: 'deny', content: 'committing atrocities and targeting civilians' },
      ],
    });
    const [allegation] = clusterCase([s]);
    assert.ok(allegation);
    const denial = allegation.members.find((m) => m.unitId === 'c4#a2');
    assert.ok(denial);
    assert.equal(denial.role, 'context');
    assert.equal(denial.general, true);
    assert.equal(allegation.status.disputed, true);
    assert.ok(allegation.status.reasons.some((r) => r.code === 'general_denial'));
  });
  it('joins a wire story quoting the outlet and unnamed investigators to the institute it also cites', () => {
    const report = buildSource({
      id: 'c5-report',
      published: '2025-03-18',
      outlet: 'Ormund Forensic Institute',
      kind: 'report',
      attributions: [
        {
          speaker: 'Ormund Forensic Institute',
          content: 'soldiers buried the bodies of civilians in trenches behind the tannery in Valdmoor',
          types: ['concealment_of_evidence'],
          basis: ['forensic'],
          places: ['Valdmoor'],
        },
      ],
    });
    const wire = buildSource({
      id: 'c5-wire',
      published: '2025-03-19',
      outlet: 'Northwind Press Service',
      attributions: [
        {
          speaker: 'NPS',
          content: 'soldiers buried the bodies of civilians in trenches behind the tannery in Valdmoor',
          types: ['concealment_of_evidence'],
          places: ['Valdmoor'],
        },
        {
          speaker: 'Ormund Forensic Institute',
          content: 'the bodies in the trenches behind the tannery were those of civilians',
        },
      ],
    });
    const council = buildSource({
      id: 'c5-council',
      published: '2025-03-10',
      outlet: 'Valdmoor Town Council',
      kind: 'statement',
      attributions: [
        {
          speaker: 'Valdmoor Town Council',
          content:
            'residents saw soldiers bury the bodies of civilians in trenches behind the tannery in Valdmoor',
          types: ['concealment_of_evidence'],
          places: ['Valdmoor'],
        },
      ],
    });
    const allegation = clusterCase([council, report, wire]).find((a) =>
      a.members.some((m) => m.unitId === 'c5-wire#a1'),
    );
    assert.ok(allegation);
    assert.equal(allegation.groups.length, 2);
    const institute = allegation.groups.find((g) => g.sources.includes('c5-report'));
    assert.ok(institute);
    assert.ok(institute.sources.includes('c5-wire'));
    assert.doesNotMatch(institute.label, /NPS/);
  });
});
