// The allegations and allegation commands, in-process against a temp SQLite database holding the
// fictional sample case (samples/sample-case: invented town, people and outlets).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliDeps } from '../../src/cli/command.ts';
import { allegationCommand } from '../../src/cli/commands/allegation.ts';
import { allegationsCommand } from '../../src/cli/commands/allegations.ts';
import { evalCommand } from '../../src/cli/commands/eval.ts';
import { ingestCommand } from '../../src/cli/commands/ingest.ts';
import { loadConfig } from '../../src/config.ts';
import { isCorroborateError } from '../../src/errors.ts';
import type { AllegationDetail, AllegationSummary } from '../../src/store/allegations.ts';
import { listCustody } from '../../src/store/custody.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

class Collect extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

function harness(db: string, cwd: string): { deps: CliDeps; out: Collect; err: Collect } {
  const out = new Collect();
  const err = new Collect();
  const config = loadConfig({
    CORROBORATE_DB: db,
    CORROBORATE_HOME: join(cwd, 'home'),
    CORROBORATE_ACTOR: 'cli:test',
  });
  return {
    deps: { config, stdout: out, stderr: err, cwd, openStore: (o) => openStore({ url: o ?? config.db }) },
    out,
    err,
  };
}

describe('corroborate allegations / allegation', () => {
  const cwd = tempDir();
  const db = join(cwd, 'c.sqlite');
  let listed: AllegationSummary[] = [];

  before(async () => {
    const h = harness(db, cwd);
    const code = await ingestCommand.run([join(ROOT, 'samples', 'sample-case')], h.deps);
    assert.equal(code, 0, h.err.text);
  });

  it('lists the sample case allegations as JSON with their status', async () => {
    const h = harness(db, cwd);
    assert.equal(await allegationsCommand.run(['--json'], h.deps), 0);
    listed = JSON.parse(h.out.text) as AllegationSummary[];
    assert.ok(listed.length >= 3);
    for (const a of listed) {
      assert.match(a.id, /^al-[0-9a-f]{16}$/);
      assert.ok(['single_origin', 'multiple_origins', 'independently_corroborated'].includes(a.status));
      assert.match(a.summary, /^\d+ independent origins?, \d+ echo(es)?$/);
    }
  });

  it('prints one line of status and one of statement per allegation', async () => {
    const h = harness(db, cwd);
    assert.equal(await allegationsCommand.run([], h.deps), 0);
    assert.match(
      h.out.text,
      /\[(single-origin claim|multiple independent origins|independently corroborated)/,
    );
    assert.match(h.out.text, new RegExp(`${listed.length} allegations\\n$`));
  });

  it('filters by status', async () => {
    const h = harness(db, cwd);
    assert.equal(await allegationsCommand.run(['--status', 'disputed', '--json'], h.deps), 0);
    const disputed = JSON.parse(h.out.text) as AllegationSummary[];
    assert.deepEqual(
      disputed.map((a) => a.id),
      listed.filter((a) => a.disputed).map((a) => a.id),
    );
  });

  it('refuses an unknown status with a one-line reason', async () => {
    const h = harness(db, cwd);
    await assert.rejects(
      allegationsCommand.run(['--status', 'probable'], h.deps),
      (e: unknown) => isCorroborateError(e, 'bad_request') && /status probable/.test(e.message),
    );
  });

  it('shows one allegation with reasons, groups and members', async () => {
    const target = listed[0];
    assert.ok(target);
    const h = harness(db, cwd);
    assert.equal(await allegationCommand.run([target.id], h.deps), 0);
    assert.match(h.out.text, /^al-[0-9a-f]{16} /);
    assert.match(h.out.text, /\nWhy:\n {2}- /);
    assert.match(h.out.text, /\nOrigin groups:\n {2}g1 /);
    const j = harness(db, cwd);
    assert.equal(await allegationCommand.run([target.id, '--json'], j.deps), 0);
    const detail = JSON.parse(j.out.text) as AllegationDetail;
    assert.equal(detail.id, target.id);
    assert.ok(detail.status.reasons.length > 0);
  });

  it('records a decision with its rationale in the custody log, and refuses one without', async () => {
    const target = listed[0];
    assert.ok(target);
    const h = harness(db, cwd);
    await assert.rejects(allegationCommand.run([target.id, '--decide', 'verified'], h.deps), /rationale/);
    assert.equal(
      await allegationCommand.run(
        [target.id, '--decide', 'needs_more_evidence', '--rationale', 'Only one origin so far.', '--json'],
        h.deps,
      ),
      0,
    );
    const detail = JSON.parse(h.out.text) as AllegationDetail;
    assert.deepEqual(
      detail.decisions.map((d) => [d.decision, d.actor]),
      [['needs_more_evidence', 'cli:test']],
    );
    assert.equal(detail.status.level, target.status);
    const store = await openStore({ url: db });
    try {
      const entries = await listCustody(store.db, {
        objectType: 'allegation',
        objectId: target.id,
        limit: 10,
      });
      assert.deepEqual(
        entries.map((e) => e.action),
        ['decide'],
      );
    } finally {
      await store.close();
    }
  });

  it('fails with not_found for an unknown allegation', async () => {
    const h = harness(db, cwd);
    await assert.rejects(allegationCommand.run(['al-0000000000000000'], h.deps), (e: unknown) =>
      isCorroborateError(e, 'not_found'),
    );
  });

  it('rebuilds to the same allegations', async () => {
    const h = harness(db, cwd);
    assert.equal(await allegationsCommand.run(['--rebuild', '--json'], h.deps), 0);
    const rebuilt = JSON.parse(h.out.text) as AllegationSummary[];
    assert.deepEqual(
      rebuilt.map((a) => [a.id, a.status, a.disputed, a.notConfirmed, a.summary]),
      listed.map((a) => [a.id, a.status, a.disputed, a.notConfirmed, a.summary]),
    );
  });

  it('scores the clustering dev set through eval clustering', async () => {
    const h = harness(db, cwd);
    assert.equal(
      await evalCommand.run(
        ['clustering', '--dataset', join(ROOT, 'eval-data', 'clustering', 'dev.jsonl'), '--json'],
        h.deps,
      ),
      0,
    );
    const report = JSON.parse(h.out.text) as {
      items: number;
      bcubed: { f1: number };
      pairwise: { f1: number };
    };
    assert.equal(report.items, 65);
    assert.ok(report.bcubed.f1 >= 0.9, `BCubed F1 ${report.bcubed.f1}`);
    assert.ok(report.pairwise.f1 >= 0.85, `pairwise F1 ${report.pairwise.f1}`);
  });
});
