// Exports of a fictional case (invented town, people and outlets; see test/pipeline/fixtures.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isCorroborateError } from '../../src/errors.ts';
import {
  buildDossier,
  buildPlacesGeoJson,
  type CaseBundle,
  escapeMarkdown,
  exportCase,
  loadCaseBundle,
  renderCsv,
  renderDossierMarkdown,
  safeCell,
} from '../../src/export/index.ts';
import { processSources } from '../../src/pipeline/index.ts';
import { listAllegations } from '../../src/store/allegations.ts';
import { appendCustody, createCheckpoint } from '../../src/store/custody.ts';
import { listAttributions, saveExtraction } from '../../src/store/extractions.ts';
import { reviewAttribution } from '../../src/store/reviews.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { tempDir } from '../helpers/temp.ts';
import {
  buildAttribution,
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runOnBackends,
  spanOf,
  uniqueCaseName,
} from '../pipeline/fixtures.ts';

/** A minimal RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** A case of two sources: the fictional report, and a hostile one full of markup and formulas. */
const HOSTILE =
  '=HYPERLINK("http://evil.example") <script>alert(1)</script>, the fictional Doravel Courier said.';

async function seedCase(
  store: Store,
  keyDir: string,
): Promise<{ caseName: string; caseId: string; report: string; hostile: string }> {
  const caseName = uniqueCaseName('export');
  const a = await insertSource(store, {
    caseName,
    text: FICTIONAL_REPORT,
    title: 'Graves at the brickworks',
  });
  const b = await insertSource(store, { caseName, text: HOSTILE, title: '<b>Hostile</b> report' });
  for (const id of [a.sourceId, b.sourceId]) {
    await appendCustody(store.db, store.dialect, {
      actor: 'test',
      action: 'capture',
      objectType: 'source',
      objectId: id,
      caseId: a.caseId,
      payload: { id },
    });
  }
  await saveExtraction(store, a.sourceId, buildReportExtraction(), 'v1');
  await saveExtraction(
    store,
    b.sourceId,
    {
      document: { sha256: 'x', text: HOSTILE, published: null, language: 'en' },
      attributions: [
        buildAttribution(HOSTILE, {
          id: 'a1',
          source: 'the fictional Doravel Courier',
          cue: 'said',
          content: ['=HYPERLINK("http://evil.example") <script>alert(1)</script>'],
        }),
      ],
      actors: [],
      places: [
        {
          name: 'Doravel',
          lat: 51.5,
          lon: 30.25,
          country: 'XX',
          mentions: [[spanOf(HOSTILE, 'Doravel').start, spanOf(HOSTILE, 'Doravel').end]],
        },
      ],
      dates: [],
      figures: [],
      events: [],
    },
    'v1',
  );
  await createCheckpoint(store, keyDir);
  return { caseName, caseId: a.caseId, report: a.sourceId, hostile: b.sourceId };
}

describe('safeCell', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    assert.equal(safeCell('=1+1'), "'=1+1");
    assert.equal(safeCell('+31 killed'), "'+31 killed");
    assert.equal(safeCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(safeCell('41 killed'), '41 killed');
  });
});

describe('escapeMarkdown', () => {
  it('leaves no raw HTML or link syntax from captured text', () => {
    const out = escapeMarkdown('<script>x</script> [click](http://evil.example) *bold*');
    assert.ok(!out.includes('<script>'));
    assert.ok(!out.includes('[click]'));
    assert.ok(out.includes('&lt;script&gt;'));
  });
});

runOnBackends('exports', (getStore) => {
  const keyDir = tempDir('corroborate-key-');

  it('writes one CSV row per attribution that reads back to the stored values', async () => {
    const store = getStore();
    const { caseName } = await seedCase(store, keyDir);
    const bundle = await loadCaseBundle(store, caseName);
    const rows = parseCsv(renderCsv(bundle));
    const header = rows[0]!;
    assert.equal(rows.length, 1 + 5);
    const col = (name: string): number => header.indexOf(name);
    const hostile = rows.find((r) => r[col('speaker')] === 'the fictional Doravel Courier')!;
    assert.equal(hostile[col('content')], `'=HYPERLINK("http://evil.example") <script>alert(1)</script>`);
    const denial = rows.find((r) => r[col('stance')] === 'deny')!;
    assert.equal(denial[col('case_actor')], 'Northern Ministry');
    assert.equal(denial[col('content')], 'the allegations');
  });

  it('maps places to GeoJSON points in longitude, latitude order, merged across sources', async () => {
    const store = getStore();
    const { caseName, report, hostile } = await seedCase(store, keyDir);
    const geo = buildPlacesGeoJson(await loadCaseBundle(store, caseName));
    assert.equal(geo.type, 'FeatureCollection');
    assert.equal(geo.features.length, 1);
    const feature = geo.features[0]!;
    assert.deepEqual(feature.geometry.coordinates, [30.25, 51.5]);
    assert.deepEqual(feature.properties.sourceIds, [report, hostile].sort());
    assert.equal(feature.properties.mentions, 2);
  });

  it('builds a dossier carrying hashes, capture records, custody seqs, the checkpoint and capture proofs', async () => {
    const store = getStore();
    const { caseName, caseId, report } = await seedCase(store, keyDir);
    const page = await listAttributions(store.db, { caseId, sourceId: report });
    const a1 = page.items.find((a) => a.localId === 'a1')!;
    const narrower = spanOf(FICTIONAL_REPORT, 'witnesses had seen trucks');
    await reviewAttribution(store, {
      attributionId: a1.id,
      action: 'edit',
      edit: { content: [narrower] },
      actor: 'analyst',
      rationale: 'scope',
    });
    const result = await exportCase(store, { caseRef: caseName, format: 'dossier', keyDir });
    const dossier = JSON.parse(result.body) as ReturnType<typeof buildDossier>;
    assert.equal(dossier.format, 'corroborate-dossier/v1');
    const source = dossier.sources.find((s) => s.id === report)!;
    const stored = await store.db
      .selectFrom('sources')
      .select(['sha256', 'text_sha256'])
      .where('id', '=', report)
      .executeTakeFirstOrThrow();
    assert.equal(source.sha256, stored.sha256);
    assert.equal(source.textSha256, stored.text_sha256);
    assert.equal(source.captures.length, 1);
    // Then the allegations' 'cluster' entries from re-attaching the source after the review.
    assert.deepEqual(source.custody.map((c) => c.action).slice(0, 2), ['capture', 'extraction.saved']);
    assert.ok(dossier.provenance.checkpoint !== null);
    assert.equal(source.captureProof?.leaf.object_id, report);
    assert.equal(source.captureProof?.checkpoint.root_hash, dossier.provenance.checkpoint.rootHash);
    const edited = dossier.attributions.find((a) => a.id === a1.id)!;
    assert.equal(edited.reviewStatus, 'edited');
    assert.equal(edited.content[0]?.text, 'witnesses had seen trucks');
    assert.equal(
      edited.extracted?.content[0]?.text,
      'witnesses had seen trucks removing bodies from the brickworks',
    );
    assert.equal(edited.reviews[0]?.rationale, 'scope');
    assert.ok(typeof edited.reviews[0]?.custodySeq === 'number');
  });

  it('restricts a dossier to selected attributions and their sources', async () => {
    const store = getStore();
    const { caseName, caseId, hostile } = await seedCase(store, keyDir);
    const bundle = await loadCaseBundle(store, caseName);
    const page = await listAttributions(store.db, { caseId, sourceId: hostile });
    const dossier = buildDossier(bundle, { label: 'one claim', attributionIds: page.items.map((a) => a.id) });
    assert.deepEqual(
      dossier.sources.map((s) => s.id),
      [hostile],
    );
    assert.equal(dossier.attributions.length, 1);
    assert.equal(dossier.scope.kind, 'selection');
  });

  it('renders the Markdown dossier without executable markup from captured text', async () => {
    const store = getStore();
    const { caseName } = await seedCase(store, keyDir);
    const { body } = await exportCase(store, { caseRef: caseName, format: 'dossier-md', keyDir });
    assert.ok(body.startsWith(`# Dossier: ${caseName}`));
    assert.ok(!body.includes('<script>'));
    assert.ok(!body.includes('<b>'));
    assert.ok(body.includes('Latest checkpoint'));
  });

  it('applies a transform to the bundle before any format renders it', async () => {
    const store = getStore();
    const { caseName } = await seedCase(store, keyDir);
    const redact = (bundle: CaseBundle): CaseBundle => ({
      ...bundle,
      attributions: bundle.attributions.map((a) => ({
        ...a,
        content: a.content.map((s) => ({ ...s, text: '█' })),
      })),
    });
    const { body } = await exportCase(store, { caseRef: caseName, format: 'csv', transform: redact });
    assert.ok(!body.includes('graves'));
  });

  it('includes source texts in the JSON bundle only when asked', async () => {
    const store = getStore();
    const { caseName } = await seedCase(store, keyDir);
    const plain = JSON.parse(
      (await exportCase(store, { caseRef: caseName, format: 'json' })).body,
    ) as CaseBundle;
    assert.equal(plain.sources[0]?.text, undefined);
    assert.equal(plain.attributions.length, 5);
    const withText = JSON.parse(
      (await exportCase(store, { caseRef: caseName, format: 'json', includeText: true })).body,
    ) as CaseBundle;
    assert.ok(withText.sources.every((s) => typeof s.text === 'string' && s.text.length > 0));
  });

  it('refuses an unknown case with not_found', async () => {
    const store = getStore();
    await assert.rejects(exportCase(store, { caseRef: 'no-such-case', format: 'json' }), (e) =>
      isCorroborateError(e, 'not_found'),
    );
  });
});

describe('renderDossierMarkdown', () => {
  it('says when no checkpoint anchors the log yet', () => {
    const bundle: CaseBundle = {
      format: 'corroborate-case-bundle/v1',
      generatedAt: '2031-01-01T00:00:00Z',
      case: {
        id: 'c',
        name: 'Fictional',
        description: null,
        region: null,
        createdAt: '2031-01-01T00:00:00Z',
      },
      sources: [],
      attributions: [],
      actors: [],
      figures: [],
      places: [],
      reviews: [],
      custody: [],
      checkpoint: null,
    };
    assert.match(renderDossierMarkdown(buildDossier(bundle)), /No signed checkpoint exists yet/);
  });
});

describe('exportCase of one allegation', () => {
  const dir = tempDir();

  it('builds the dossier of one allegation from its members, with its assessment', async () => {
    const store = await openStore({ url: join(dir, 'allegation.sqlite') });
    try {
      const samples = join(import.meta.dirname, '..', '..', 'samples', 'sample-case');
      const ids: string[] = [];
      for (const name of [
        'cpa-wire-council-brickworks',
        'kestrava-council-statement',
        'dravian-defence-ministry-statement',
      ]) {
        const published = (
          JSON.parse(readFileSync(join(samples, `${name}.json`), 'utf8')) as { published: string }
        ).published;
        const text = readFileSync(join(samples, `${name}.txt`), 'utf8');
        ids.push((await insertSource(store, { caseName: 'Kestrava', text, published })).sourceId);
      }
      await processSources(store, ids);
      const caseId = (
        await store.db
          .selectFrom('cases')
          .select('id')
          .where('name', '=', 'Kestrava')
          .executeTakeFirstOrThrow()
      ).id;
      const page = await listAllegations(store.db, { caseId, limit: 50 });
      const target = [...page.items].sort((a, b) => b.sources - a.sources)[0]!;
      const { body } = await exportCase(store, {
        caseRef: 'Kestrava',
        format: 'dossier',
        allegationId: target.id,
      });
      const dossier = JSON.parse(body) as ReturnType<typeof buildDossier>;
      assert.equal(dossier.allegation?.id, target.id);
      assert.equal(dossier.scope.kind, 'selection');
      assert.equal(dossier.attributions.length, dossier.allegation?.members.length);
      assert.ok(dossier.sources.every((s) => dossier.allegation?.sources.includes(s.id)));
      const md = await exportCase(store, {
        caseRef: 'Kestrava',
        format: 'dossier-md',
        allegationId: target.id,
      });
      assert.match(md.body, /## Allegation/);
      await assert.rejects(
        exportCase(store, { caseRef: 'Kestrava', format: 'csv', allegationId: target.id }),
        (e) => isCorroborateError(e, 'invalid_input'),
      );
      await assert.rejects(
        exportCase(store, { caseRef: 'Kestrava', format: 'dossier', allegationId: 'alg_none' }),
        (e) => isCorroborateError(e, 'not_found'),
      );
    } finally {
      await store.close();
    }
  });
});
