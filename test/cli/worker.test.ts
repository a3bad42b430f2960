// `ingest --queue`, `worker` and `jobs`, run in-process against a temp SQLite database, with a URL served
// from loopback. Every report here is fictional (fictional towns, outlets and people).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import type { CliDeps } from '../../src/cli/command.ts';
import { ingestCommand } from '../../src/cli/commands/ingest.ts';
import { jobsCommand } from '../../src/cli/commands/jobs.ts';
import { verifyCommand } from '../../src/cli/commands/verify.ts';
import { workerCommand } from '../../src/cli/commands/worker.ts';
import { loadConfig } from '../../src/config.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/temp.ts';

class Collect extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

function harness(): { deps: CliDeps; out: Collect; err: Collect; cwd: string; db: string } {
  const cwd = tempDir();
  const db = join(cwd, 'c.sqlite');
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
    cwd,
    db,
  };
}

describe('worker and jobs commands', () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      'FICTIONAL. Radio Pellan reported that the Dravik council said the bridge was shelled on Friday.',
    );
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('captures files at once, queues their analysis and the URL, and a worker drains the queue', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.txt`;
    const h = harness();
    mkdirSync(join(h.cwd, 'reports'));
    writeFileSync(
      join(h.cwd, 'reports', 'a.txt'),
      'FICTIONAL. The Hollin town council said on Monday that the grain store burned.',
    );
    writeFileSync(
      join(h.cwd, 'reports', 'b.txt'),
      'FICTIONAL. Officials in Hollin have not confirmed the fire at the grain store.',
    );

    assert.equal(
      await ingestCommand.run(['--queue', '--allow-private', 'reports', url], h.deps),
      0,
      h.err.text,
    );
    assert.match(
      h.out.text,
      /2 new, 0 already captured, 0 failed in [\d.]+ s; queued 2 analyses and 1 URL captures for workers/,
    );
    assert.equal(await jobsCommand.run([], h.deps), 0);
    assert.match(h.out.text, /3 queued, 0 running, 0 done, 0 failed/);

    assert.equal(await workerCommand.run(['--once', '--checkpoint'], h.deps), 0, h.err.text);
    assert.match(
      h.err.text,
      /: 4 done, 0 to retry, 0 failed, 0 lost/,
      'two analyses, the URL capture and its analysis',
    );
    assert.match(h.out.text, /checkpoint cp-/);

    h.out.text = '';
    assert.equal(await jobsCommand.run(['--status', 'done', '--kind', 'capture'], h.deps), 0);
    assert.match(h.out.text, /0 queued, 0 running, 4 done, 0 failed/);
    assert.ok(h.out.text.includes(url));

    h.out.text = '';
    assert.equal(await ingestCommand.run(['--queue', 'reports'], h.deps), 0);
    assert.match(h.out.text, /queued 0 analyses \(2 already queued\)/);

    h.out.text = '';
    assert.equal(await verifyCommand.run([], h.deps), 0, h.out.text);
    assert.match(h.out.text, /^OK: 3 originals, 3 sources/);
  });

  it('refuses bad options with a one-line message naming the option', async () => {
    const h = harness();
    await assert.rejects(
      workerCommand.run(['--concurrency', '0'], h.deps),
      /--concurrency 0: must be a positive whole number/,
    );
    await assert.rejects(
      jobsCommand.run(['--status', 'stuck'], h.deps),
      /--status stuck: must be one of queued, running, done, failed/,
    );
    await assert.rejects(jobsCommand.run(['--retry', 'job_none'], h.deps), /job job_none: no such job/);
  });
});
