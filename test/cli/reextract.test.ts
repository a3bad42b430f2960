// `corroborate reextract` in-process on a temp SQLite database, over the fictional sample case.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { reextractCommand } from '../../src/cli/commands/reextract.ts';
import { isCorroborateError, type ItemResult } from '../../src/errors.ts';
import { EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { openStore } from '../../src/store/database.ts';
import { listExtractionRuns, saveExtraction } from '../../src/store/extractions.ts';
import { tempDir } from '../helpers/temp.ts';
import { buildReportExtraction, FICTIONAL_REPORT, insertSource, runCommand } from '../pipeline/fixtures.ts';

const SAMPLE = join(
  import.meta.dirname,
  '..',
  '..',
  'samples',
  'sample-case',
  'kestrava-council-statement.txt',
);

async function setup(): Promise<{ env: { db: string; home: string }; fresh: string; stale: string }> {
  const dir = tempDir();
  const env = { db: join(dir, 'db.sqlite'), home: join(dir, 'home') };
  const store = await openStore({ url: env.db });
  try {
    const fresh = await insertSource(store, { caseName: 'Doravel', text: readFileSync(SAMPLE, 'utf8') });
    const stale = await insertSource(store, { caseName: 'Doravel', text: FICTIONAL_REPORT });
    await saveExtraction(store, stale.sourceId, buildReportExtraction(), 'corroborate-extract/0.0.1');
    await insertSource(store, { caseName: 'Elsewhere', text: FICTIONAL_REPORT });
    return { env, fresh: fresh.sourceId, stale: stale.sourceId };
  } finally {
    await store.close();
  }
}

describe('corroborate reextract', () => {
  it('re-extracts the sources with no run or an older extractor version, one line each', async () => {
    const { env, fresh, stale } = await setup();
    const run = await runCommand(reextractCommand, ['--case', 'Doravel'], env);
    assert.equal(run.code, 0);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines.some((l) => l.startsWith('ok') && l.includes(fresh)));
    assert.ok(lines.some((l) => l.startsWith('ok') && l.includes(stale)));
    assert.match(lines[2]!, /2 re-extracted, 0 skipped, 0 failed/);
    const store = await openStore({ url: env.db });
    try {
      const runs = await listExtractionRuns(store.db, stale);
      assert.deepEqual(
        runs.map((r) => [r.extractorVersion, r.current]).sort(),
        [
          ['corroborate-extract/0.0.1', false],
          [EXTRACTOR_VERSION, true],
        ].sort(),
      );
    } finally {
      await store.close();
    }
  });

  it('does nothing the second time and says so', async () => {
    const { env } = await setup();
    await runCommand(reextractCommand, ['--case', 'Doravel'], env);
    const again = await runCommand(reextractCommand, ['--case', 'Doravel'], env);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /Nothing to re-extract/);
  });

  it('re-extracts everything with --all and prints JSON results with --json', async () => {
    const { env } = await setup();
    await runCommand(reextractCommand, [], env);
    const run = await runCommand(reextractCommand, ['--all', '--json', '--case', 'Doravel'], env);
    const results = JSON.parse(run.stdout) as ItemResult<{ runId: string; extractorVersion: string }>[];
    assert.equal(results.length, 2);
    assert.ok(results.every((r) => r.status === 'ok' && r.value?.extractorVersion === EXTRACTOR_VERSION));
  });

  it('covers every case without --case', async () => {
    const { env } = await setup();
    const run = await runCommand(reextractCommand, ['--json'], env);
    assert.equal((JSON.parse(run.stdout) as unknown[]).length, 3);
  });

  it('names an unknown case', async () => {
    const { env } = await setup();
    await assert.rejects(
      runCommand(reextractCommand, ['--case', 'Nowhere'], env),
      (e) => isCorroborateError(e, 'not_found') && e.message.includes('Nowhere'),
    );
  });
});
