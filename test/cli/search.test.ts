// `corroborate search` in-process on a temp SQLite database (fictional report).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { highlight, searchCommand } from '../../src/cli/commands/search.ts';
import { isCorroborateError } from '../../src/errors.ts';
import { openStore } from '../../src/store/database.ts';
import { saveExtraction } from '../../src/store/extractions.ts';
import type { SearchHit } from '../../src/store/search.ts';
import { tempDir } from '../helpers/temp.ts';
import { buildReportExtraction, FICTIONAL_REPORT, insertSource, runCommand } from '../pipeline/fixtures.ts';

async function setup(): Promise<{ db: string; home: string }> {
  const dir = tempDir();
  const env = { db: join(dir, 'db.sqlite'), home: join(dir, 'home') };
  const store = await openStore({ url: env.db });
  try {
    const { sourceId } = await insertSource(store, {
      caseName: 'Doravel',
      text: FICTIONAL_REPORT,
      title: 'Graves at the brickworks',
    });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    await insertSource(store, {
      caseName: 'Other',
      text: 'Trucks were seen in the fictional village of Pell.',
    });
  } finally {
    await store.close();
  }
  return env;
}

describe('highlight', () => {
  it('brackets highlights off a terminal and strips control characters from captured text', () => {
    assert.equal(
      highlight({ snippet: 'saw \u001b[31mtrucks', highlights: [[9, 15]] }, false),
      'saw  [31m[trucks]',
    );
  });
});

describe('corroborate search', () => {
  it('prints sources and attributions with highlighted words', async () => {
    const env = await setup();
    const run = await runCommand(searchCommand, ['trucks', '--case', 'Doravel'], env);
    assert.equal(run.code, 0);
    assert.match(
      run.stdout,
      /attribution {2}att_\w+ {2}Mayor Ilsa Varenko of the fictional town of Doravel — said \[allege, pending\]/,
    );
    assert.match(run.stdout, /\[trucks\]/);
    assert.match(run.stdout, /source {7}src_\w+ {2}Graves at the brickworks/);
  });

  it('searches every case without --case and one kind with --kind', async () => {
    const env = await setup();
    const all = await runCommand(searchCommand, ['trucks', '--kind', 'source', '--json'], env);
    const hits = JSON.parse(all.stdout) as SearchHit[];
    assert.equal(hits.length, 2);
    assert.ok(hits.every((h) => h.kind === 'source'));
  });

  it('says when nothing matches and refuses an empty query', async () => {
    const env = await setup();
    const none = await runCommand(searchCommand, ['zeppelin'], env);
    assert.match(none.stdout, /No matches for "zeppelin"/);
    await assert.rejects(runCommand(searchCommand, [], env), (e) => isCorroborateError(e, 'bad_request'));
    await assert.rejects(
      runCommand(searchCommand, ['x', '--kind', 'actor'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('actor'),
    );
  });
});
