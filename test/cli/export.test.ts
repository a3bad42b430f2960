// `corroborate export` in-process on a temp SQLite database (fictional report).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportCommand } from '../../src/cli/commands/export.ts';
import { isCorroborateError } from '../../src/errors.ts';
import type { Dossier, PlacesGeoJson } from '../../src/export/index.ts';
import { createCheckpoint } from '../../src/store/custody.ts';
import { openStore } from '../../src/store/database.ts';
import { saveExtraction } from '../../src/store/extractions.ts';
import { tempDir } from '../helpers/temp.ts';
import { buildReportExtraction, FICTIONAL_REPORT, insertSource, runCommand } from '../pipeline/fixtures.ts';

async function setup(): Promise<{ db: string; home: string; cwd: string }> {
  const dir = tempDir();
  const env = { db: join(dir, 'db.sqlite'), home: join(dir, 'home'), cwd: dir };
  const store = await openStore({ url: env.db });
  try {
    const { sourceId } = await insertSource(store, { caseName: 'Doravel', text: FICTIONAL_REPORT });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    await createCheckpoint(store, env.home);
  } finally {
    await store.close();
  }
  return env;
}

describe('corroborate export', () => {
  it('prints each format to standard output', async () => {
    const env = await setup();
    const csv = await runCommand(exportCommand, ['--case', 'Doravel', '--format', 'csv'], env);
    assert.equal(csv.stdout.trim().split('\r\n').length, 5);
    const geo = JSON.parse(
      (await runCommand(exportCommand, ['--case', 'Doravel', '--format', 'geojson'], env)).stdout,
    ) as PlacesGeoJson;
    assert.equal(geo.features[0]?.properties.name, 'Doravel');
    const dossier = JSON.parse(
      (await runCommand(exportCommand, ['--case', 'Doravel', '--format', 'dossier'], env)).stdout,
    ) as Dossier;
    assert.equal(dossier.summary.attributions, 4);
    assert.ok(dossier.provenance.checkpoint !== null);
    const md = await runCommand(exportCommand, ['--case', 'Doravel', '--format', 'dossier-md'], env);
    assert.match(md.stdout, /^# Dossier: Doravel/);
    const json = await runCommand(exportCommand, ['--case', 'Doravel', '--format', 'json'], env);
    assert.equal((JSON.parse(json.stdout) as { format: string }).format, 'corroborate-case-bundle/v1');
  });

  it('writes to --out relative to the working folder and reports it on stderr', async () => {
    const env = await setup();
    const run = await runCommand(
      exportCommand,
      ['--case', 'Doravel', '--format', 'geojson', '--out', 'places.geojson'],
      env,
    );
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /wrote geojson export of case 'Doravel'/);
    assert.equal(
      (JSON.parse(readFileSync(join(env.cwd, 'places.geojson'), 'utf8')) as PlacesGeoJson).type,
      'FeatureCollection',
    );
  });

  it('names a missing or unknown format and an unknown case', async () => {
    const env = await setup();
    await assert.rejects(
      runCommand(exportCommand, ['--case', 'Doravel'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('--format'),
    );
    await assert.rejects(
      runCommand(exportCommand, ['--case', 'Doravel', '--format', 'xml'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('xml'),
    );
    await assert.rejects(runCommand(exportCommand, ['--case', 'Nowhere', '--format', 'csv'], env), (e) =>
      isCorroborateError(e, 'not_found'),
    );
  });
});
