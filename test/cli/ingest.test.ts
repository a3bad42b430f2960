// The ingest, cases, sources and demo commands, run in-process against temp databases (and once
// through the real binary). Every report written here is fictional (fictional towns and outlets).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliDeps } from '../../src/cli/command.ts';
import { casesCommand } from '../../src/cli/commands/cases.ts';
import { demoCommand } from '../../src/cli/commands/demo.ts';
import { ingestCommand } from '../../src/cli/commands/ingest.ts';
import { sourcesCommand } from '../../src/cli/commands/sources.ts';
import { loadConfig } from '../../src/config.ts';
import type { ItemResult } from '../../src/errors.ts';
import { verifyStore } from '../../src/store/custody.ts';
import { countSources, openStore } from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
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

interface Harness {
  readonly deps: CliDeps;
  readonly out: Collect;
  readonly err: Collect;
  readonly db: string;
  readonly home: string;
  readonly cwd: string;
}

function harness(db?: string): Harness {
  const cwd = tempDir();
  const dbUrl = db ?? join(cwd, 'c.sqlite');
  const home = join(cwd, 'home');
  const out = new Collect();
  const err = new Collect();
  const config = loadConfig({ CORROBORATE_DB: dbUrl, CORROBORATE_HOME: home, CORROBORATE_ACTOR: 'cli:test' });
  const deps: CliDeps = {
    config,
    stdout: out,
    stderr: err,
    cwd,
    openStore: (override) => openStore({ url: override ?? config.db }),
  };
  return { deps, out, err, db: dbUrl, home, cwd };
}

function writeReports(cwd: string): void {
  mkdirSync(join(cwd, 'reports', 'more'), { recursive: true });
  writeFileSync(
    join(cwd, 'reports', 'council.txt'),
    'FICTIONAL. The Hollin town council said on Monday that the grain store had burned overnight.',
  );
  writeFileSync(
    join(cwd, 'reports', 'council.json'),
    JSON.stringify({ kind: 'statement', outlet: 'Hollin Town Council', title: 'Council statement', published: '2025-05-05' }),
  );
  writeFileSync(
    join(cwd, 'reports', 'more', 'radio.txt'),
    'FICTIONAL. Radio Pellan reported that officials in Hollin have not confirmed the fire at the grain store.',
  );
  writeFileSync(join(cwd, 'empty.txt'), '');
  writeFileSync(join(cwd, 'latin1.txt'), Buffer.from('Caf\xe9 fictional', 'latin1'));
}

describe('ingest command', () => {
  it('captures good items, fails bad ones one line each, prints a summary and exits 1', async () => {
    const h = harness();
    writeReports(h.cwd);
    const code = await ingestCommand.run(['reports', 'empty.txt', 'latin1.txt', 'reports/council.txt', '--case', 'hollin', '--capture-only'], h.deps);
    assert.equal(code, 1);
    const lines = h.out.text.trim().split('\n');
    assert.match(lines[0] ?? '', /^captured {3}reports\/council\.txt → src_\w+ "Council statement" \(en, 2025-05-05, Hollin Town Council\)$/);
    assert.match(lines[1] ?? '', /^captured {3}reports\/more\/radio\.txt → src_\w+/);
    assert.match(lines.at(-1) ?? '', /^Ingested 5 items into case 'hollin' \(.*\): 2 new, 0 already captured, 3 failed in \d+\.\d s$/);
    assert.deepEqual(h.err.text.trim().split('\n'), [
      'failed     empty.txt: empty file',
      'failed     latin1.txt: not valid UTF-8',
      'failed     reports/council.txt: duplicate path (already given as reports/council.txt)',
    ]);
    const store = await openStore({ url: h.db });
    try {
      assert.equal(await countSources(store.db), 2);
      const report = await verifyStore(store, h.home);
      assert.deepEqual(report.problems, []);
      assert.equal(report.unsigned, 0);
    } finally {
      await store.close();
    }
  });

  it('records a second ingest of the same files as new captures of the same sources', async () => {
    const h = harness();
    writeReports(h.cwd);
    assert.equal(await ingestCommand.run(['reports', '--capture-only'], h.deps), 0);
    h.out.text = '';
    assert.equal(await ingestCommand.run(['reports', '--json', '--capture-only'], h.deps), 0);
    const results = JSON.parse(h.out.text) as ItemResult<{ duplicate: boolean; sourceId: string }>[];
    assert.deepEqual(
      results.map((r) => [r.id, r.status, r.value?.duplicate]),
      [
        ['reports/council.txt', 'ok', true],
        ['reports/more/radio.txt', 'ok', true],
      ],
    );
    assert.match(h.err.text, /0 new, 2 already captured, 0 failed/);
    const store = await openStore({ url: h.db });
    try {
      assert.equal(await countSources(store.db), 2);
      const captures = await store.db.selectFrom('captures').select('id').execute();
      assert.equal(captures.length, 4);
    } finally {
      await store.close();
    }
  });

  it('applies metadata flags to every item and refuses bad flag values', async () => {
    const h = harness();
    writeReports(h.cwd);
    await ingestCommand.run(
      ['reports/more/radio.txt', '--outlet', 'Radio Pellan', '--published', '2025-05-06', '--kind', 'transcript', '--title', 'Evening bulletin', '--url', 'https://radio-pellan.example/b', '--json', '--capture-only'],
      h.deps,
    );
    const [result] = JSON.parse(h.out.text) as ItemResult<{ outlet: string; published: string; kind: string; title: string }>[];
    assert.deepEqual(
      [result?.value?.outlet, result?.value?.published, result?.value?.kind, result?.value?.title],
      ['Radio Pellan', '2025-05-06', 'transcript', 'Evening bulletin'],
    );
    await assert.rejects(ingestCommand.run(['x.txt', '--kind', 'rumour'], h.deps), /--kind rumour: must be one of/);
    await assert.rejects(ingestCommand.run(['x.txt', '--published', 'yesterday'], h.deps), /--published yesterday: not a date/);
    await assert.rejects(ingestCommand.run([], h.deps), /nothing to ingest/);
    await assert.rejects(ingestCommand.run(['x.txt', '--bogus'], h.deps), /Unknown option '--bogus'/);
  });

  it('refuses a loopback URL without --allow-private as one failed item', async () => {
    const h = harness();
    writeReports(h.cwd);
    const code = await ingestCommand.run(['http://127.0.0.1:9/report', 'reports/council.txt', '--capture-only'], h.deps);
    assert.equal(code, 1);
    assert.match(h.err.text, /^failed {5}http:\/\/127\.0\.0\.1:9\/report: refused: loopback address 127\.0\.0\.1/);
    assert.match(h.out.text, /1 new, 0 already captured, 1 failed/);
  });

  it('captures a URL with --allow-private and keeps its redirect chain on the capture', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/story' }).end();
      else
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<html><head><title>Fictional story</title></head><body><p>FICTIONAL. The Hollin ferry stopped running on Friday.</p></body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    after(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const h = harness();
    assert.equal(await ingestCommand.run([`${url}/old`, '--allow-private', '--json', '--capture-only'], h.deps), 0);
    const [result] = JSON.parse(h.out.text) as ItemResult<{ sourceId: string; captureId: string; title: string }>[];
    assert.equal(result?.value?.title, 'Fictional story');
    const store = await openStore({ url: h.db });
    try {
      const capture = await store.db.selectFrom('captures').selectAll().executeTakeFirstOrThrow();
      assert.equal(capture.method, 'url');
      assert.equal(capture.origin, `${url}/old`);
      assert.deepEqual(JSON.parse(capture.redirects ?? 'null'), [{ from: `${url}/old`, to: `${url}/story`, status: 301 }]);
      const source = await store.db.selectFrom('sources').selectAll().executeTakeFirstOrThrow();
      assert.equal(source.url, `${url}/story`);
      assert.equal(source.text, 'FICTIONAL. The Hollin ferry stopped running on Friday.');
    } finally {
      await store.close();
    }
  });

  it('runs extraction on what it captured unless --capture-only is given', async () => {
    const h = harness();
    writeReports(h.cwd);
    assert.equal(await ingestCommand.run(['reports/council.txt'], h.deps), 0);
    assert.match(h.out.text, /Extracting and clustering 1 source…/);
    assert.match(h.out.text, /1 new, 0 already captured, 0 failed; extracted 1 \(\d+ attributions\)/);
    const store = await openStore({ url: h.db });
    try {
      assert.deepEqual((await verifyStore(store, h.home)).problems, []);
    } finally {
      await store.close();
    }
  });

  it('stores into PostgreSQL the same way', async () => {
    const pg = await createTestDatabase();
    after(() => pg.drop());
    const h = harness(pg.url);
    writeReports(h.cwd);
    assert.equal(await ingestCommand.run(['reports', '--capture-only'], h.deps), 0);
    assert.equal(await ingestCommand.run(['reports', '--capture-only'], h.deps), 0);
    const store = await openStore({ url: pg.url });
    try {
      assert.equal(await countSources(store.db), 2);
      assert.deepEqual((await verifyStore(store, h.home)).problems, []);
    } finally {
      await store.close();
    }
  });

  it('prints plain lines and exits non-zero through the real binary when not on a TTY', () => {
    const h = harness();
    writeReports(h.cwd);
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/corroborate.js'), 'ingest', 'reports', 'empty.txt', '--capture-only'], {
      cwd: h.cwd,
      env: { ...process.env, CORROBORATE_DB: h.db, CORROBORATE_HOME: h.home },
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    assert.equal((run.stdout + run.stderr).includes('\u001b['), false, 'no terminal escape codes');
    assert.match(run.stdout, /2 new, 0 already captured, 1 failed/);
    assert.match(run.stderr, /failed {5}empty\.txt: empty file/);
  });
});

describe('cases and sources commands', () => {
  it('list cases with counts and sources in capture order', async () => {
    const h = harness();
    writeReports(h.cwd);
    await ingestCommand.run(['reports', '--case', 'hollin', '--capture-only'], h.deps);
    h.out.text = '';
    assert.equal(await casesCommand.run([], h.deps), 0);
    assert.match(h.out.text, /^CASE {4}SOURCES {2}CREATED\nhollin {8}2 {2}\d{4}-\d{2}-\d{2}\n$/);
    h.out.text = '';
    assert.equal(await sourcesCommand.run(['--case', 'hollin'], h.deps), 0);
    const lines = h.out.text.trim().split('\n');
    assert.match(lines[0] ?? '', /^src_\w+ {2}en {2}2025-05-05 {2}statement {2}Hollin Town Council — Council statement$/);
    assert.equal(lines.at(-1), '2 sources');
    await assert.rejects(sourcesCommand.run(['--case', 'nowhere'], h.deps), /no case named "nowhere"/);
  });
});

describe('demo command', () => {
  it('captures the bundled sample case into case sample and says what it captured', async () => {
    const h = harness();
    assert.equal(await demoCommand.run([], h.deps), 0);
    assert.match(h.out.text, /captured {3}.*kestrava-council-statement\.txt → src_/);
    assert.match(h.out.text, /into case 'sample'/);
    const store = await openStore({ url: h.db });
    try {
      assert.ok((await countSources(store.db)) >= 11);
      assert.deepEqual((await verifyStore(store, h.home)).problems, []);
    } finally {
      await store.close();
    }
  });
});
