// `corroborate review` and `corroborate actors` in-process on a temp SQLite database (fictional report).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { actorsCommand } from '../../src/cli/commands/actors.ts';
import { parseSpan, reviewCommand } from '../../src/cli/commands/review.ts';
import { isCorroborateError } from '../../src/errors.ts';
import { openStore } from '../../src/store/database.ts';
import { getAttribution, listAttributions, saveExtraction } from '../../src/store/extractions.ts';
import type { StoredAttribution } from '../../src/store/extractions.ts';
import type { CaseActor } from '../../src/store/actors.ts';
import { tempDir } from '../helpers/temp.ts';
import {
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runCommand,
  spanOf,
} from '../pipeline/fixtures.ts';

async function setup(): Promise<{ env: { db: string; home: string }; ids: Map<string, string> }> {
  const dir = tempDir();
  const env = { db: join(dir, 'db.sqlite'), home: join(dir, 'home') };
  const store = await openStore({ url: env.db });
  try {
    const { caseId, sourceId } = await insertSource(store, { caseName: 'default', text: FICTIONAL_REPORT });
    await saveExtraction(store, sourceId, buildReportExtraction(), 'v1');
    const page = await listAttributions(store.db, { caseId });
    return { env, ids: new Map(page.items.map((a) => [a.localId, a.id])) };
  } finally {
    await store.close();
  }
}

async function stored(db: string, id: string): Promise<StoredAttribution> {
  const store = await openStore({ url: db });
  try {
    return (await getAttribution(store.db, id))!;
  } finally {
    await store.close();
  }
}

describe('parseSpan', () => {
  it('reads START-END and names the flag when it cannot', () => {
    assert.deepEqual(parseSpan('cue', '12-40'), { start: 12, end: 40 });
    assert.throws(
      () => parseSpan('cue', '12..40'),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('--cue'),
    );
  });
});

describe('corroborate review', () => {
  it('rejects an attribution with a rationale and shows it in the history', async () => {
    const { env, ids } = await setup();
    const id = ids.get('a3')!;
    const run = await runCommand(
      reviewCommand,
      [id, 'reject', '--rationale', 'not a denial of this event'],
      env,
    );
    assert.equal(run.code, 0);
    assert.match(run.stdout, /is now rejected/);
    const show = await runCommand(reviewCommand, [id, 'show'], env);
    assert.match(show.stdout, /reject by cli:test: not a denial of this event/);
  });

  it('edits the content span by offsets and keeps the original', async () => {
    const { env, ids } = await setup();
    const id = ids.get('a1')!;
    const span = spanOf(FICTIONAL_REPORT, 'witnesses had seen trucks');
    const run = await runCommand(
      reviewCommand,
      [id, 'edit', '--content', `${span.start}-${span.end}`, '--stance', 'assert', '--json'],
      env,
    );
    const out = JSON.parse(run.stdout) as { attribution: StoredAttribution; allegations: string };
    assert.equal(out.allegations, 'updated');
    assert.equal(out.attribution.content[0]?.text, 'witnesses had seen trucks');
    assert.equal(out.attribution.stance, 'assert');
    assert.equal(out.attribution.extracted.stance, 'allege');
    assert.equal((await stored(env.db, id)).reviewStatus, 'edited');
  });

  it('reattributes to a case actor named by alias', async () => {
    const { env, ids } = await setup();
    const id = ids.get('a4')!;
    const run = await runCommand(reviewCommand, [id, 'reattribute', '--speaker', 'Northern Ministry'], env);
    assert.equal(run.code, 0);
    const after = await stored(env.db, id);
    const list = await runCommand(actorsCommand, ['show', 'Northern Ministry', '--json'], env);
    const { actor } = JSON.parse(list.stdout) as { actor: CaseActor };
    assert.equal(after.caseActorId, actor.id);
  });

  it('refuses unknown actions, missing ids and empty edits with a clear message', async () => {
    const { env, ids } = await setup();
    const id = ids.get('a1')!;
    await assert.rejects(
      runCommand(reviewCommand, [id, 'approve'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('approve'),
    );
    await assert.rejects(runCommand(reviewCommand, [id, 'edit'], env), (e) =>
      isCorroborateError(e, 'bad_request'),
    );
    await assert.rejects(
      runCommand(reviewCommand, ['att_missing', 'accept'], env),
      (e) => isCorroborateError(e, 'not_found') && e.message.includes('att_missing'),
    );
    await assert.rejects(
      runCommand(reviewCommand, [id, 'edit', '--cue', '5-99999'], env),
      (e) => isCorroborateError(e, 'invalid_input') && e.message.includes(id),
    );
  });
});

describe('corroborate review list', () => {
  it('lists pending attributions, then only the rejected one after a rejection', async () => {
    const { env, ids } = await setup();
    const pending = await runCommand(reviewCommand, ['list', '--json'], env);
    assert.equal((JSON.parse(pending.stdout) as unknown[]).length, 4);
    await runCommand(reviewCommand, [ids.get('a3')!, 'reject'], env);
    const rejected = await runCommand(reviewCommand, ['list', '--status', 'rejected'], env);
    assert.match(rejected.stdout, new RegExp(ids.get('a3')!));
    assert.match(rejected.stdout, /1 attribution \(rejected\) in case 'default'/);
    await assert.rejects(
      runCommand(reviewCommand, ['list', '--status', 'maybe'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('maybe'),
    );
  });
});

describe('corroborate actors', () => {
  it('lists, renames, merges and splits actors of the case', async () => {
    const { env } = await setup();
    const list = await runCommand(actorsCommand, [], env);
    assert.match(list.stdout, /Ilsa Varenko \(person, Mayor, Doravel\) {2}2 attributions, 1 mentions/);
    const renamed = await runCommand(
      actorsCommand,
      ['rename', 'Lantern Watch', 'Lantern Watch Monitors', '--rationale', 'full name'],
      env,
    );
    assert.match(renamed.stdout, /Lantern Watch → Lantern Watch Monitors/);
    const merged = await runCommand(
      actorsCommand,
      ['merge', 'Northern Ministry', 'lantern watch', '--json'],
      env,
    );
    const actor = JSON.parse(merged.stdout) as CaseActor;
    assert.ok(actor.aliases.includes('Lantern Watch Monitors'));
    const after = await runCommand(actorsCommand, ['--json'], env);
    assert.equal((JSON.parse(after.stdout) as unknown[]).length, 2);
    await assert.rejects(
      runCommand(actorsCommand, ['split', 'Ilsa Varenko'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('--mentions'),
    );
    await assert.rejects(
      runCommand(actorsCommand, ['frobnicate'], env),
      (e) => isCorroborateError(e, 'bad_request') && e.message.includes('frobnicate'),
    );
  });
});
