// The custody CLI commands, run as a user would: `node bin/corroborate.js …` against a temp database and
// key folder. The reports written here are fictional (fictional outlets and town), made up for the test.
// Every CLI start costs seconds, so one ingest is shared and each test works on its own copy of it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { tempDir } from '../helpers/temp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/corroborate.js');
const VERIFIER = join(ROOT, 'test/custody/independent_verify.py');

interface Env {
  readonly db: string;
  readonly home: string;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function corroborate(env: Env, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      CORROBORATE_DB: env.db,
      CORROBORATE_HOME: env.home,
      CORROBORATE_ACTOR: 'cli:test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const REPORTS = [
  'FICTIONAL. The Lowmere Gazette reports that the grain store in Hollin was burned on Tuesday.',
  'FICTIONAL. Radio Pellan says officials in Hollin have not confirmed that the grain store burned.',
  'FICTIONAL. The Hollin district office denies that any grain store was burned this week.',
];

const dir = tempDir();
const base: Env = { db: join(dir, 'base.sqlite'), home: join(dir, 'home') };
const files = REPORTS.map((_, i) => join(dir, 'reports', `report-${i}.txt`));
let copies = 0;

/** A private copy of the ingested database, sharing the key folder. */
function copyOfBase(): Env {
  const db = join(dir, `copy${copies++}.sqlite`);
  copyFileSync(base.db, db);
  if (existsSync(`${base.db}-wal`)) copyFileSync(`${base.db}-wal`, `${db}-wal`);
  return { db, home: base.home };
}

function sql(db: string, statement: string, ...params: unknown[]): unknown {
  const sqlite = new SQLite(db);
  try {
    const prepared = sqlite.prepare(statement);
    return prepared.reader ? prepared.get(...params) : prepared.run(...params);
  } finally {
    sqlite.close();
  }
}

function sourceIdOf(db: string, file: string): string {
  const row = sql(
    db,
    'select source_id from captures where origin like ?',
    `%${file.split('/').pop() ?? ''}`,
  );
  assert.ok(row !== undefined, `no capture of ${file}`);
  return (row as { source_id: string }).source_id;
}

function independentlyVerify(proofJson: string, publicKey: string, original: string): string {
  const proofPath = join(dir, `proof${copies++}.json`);
  writeFileSync(proofPath, proofJson);
  const check = spawnSync('python3', [VERIFIER, proofPath, publicKey, original], { encoding: 'utf8' });
  assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  return check.stdout;
}

before(async () => {
  mkdirSync(join(dir, 'reports'));
  REPORTS.forEach((text, i) => writeFileSync(files[i] ?? '', `${text}\n`));
  const run = await corroborate(base, 'ingest', '--capture-only', '--case', 'hollin', join(dir, 'reports'));
  assert.equal(run.status, 0, run.stderr);
});

describe('custody commands', { concurrency: true }, () => {
  it('key prints the public key of the 0600 key file that ingest created', async () => {
    assert.equal(statSync(join(base.home, 'custody.key')).mode & 0o777, 0o600);
    const run = await corroborate(copyOfBase(), 'key', '--json');
    assert.equal(run.status, 0, run.stderr);
    const key = JSON.parse(run.stdout) as { publicKey: string; keyId: string; pem: string };
    assert.equal(Buffer.from(key.publicKey, 'base64').length, 32);
    assert.match(key.keyId, /^[0-9a-f]{16}$/);
    assert.match(key.pem, /^-----BEGIN PUBLIC KEY-----/);
    assert.ok(!run.stdout.includes('PRIVATE'));
  });

  it('verify prints OK with counts for an untouched store', async () => {
    const run = await corroborate(copyOfBase(), 'verify');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'OK: 3 originals, 3 sources, 3 log entries, 1 checkpoints verified\n');
  });

  it('verify exits non-zero with one line naming each tampered source, log entry and checkpoint', async () => {
    const env = copyOfBase();
    const flipped = sourceIdOf(env.db, files[1] ?? '');
    const edited = sourceIdOf(env.db, files[2] ?? '');
    sql(
      env.db,
      `update blobs set bytes = cast(replace(cast(bytes as text), 'Radio Pellan', 'Radio Pellam') as blob)
       where sha256 = (select sha256 from sources where id = ?)`,
      flipped,
    );
    sql(env.db, `update sources set text = 'The grain store was never burned.' where id = ?`, edited);
    sql(env.db, 'delete from custody_entries where seq = 1');
    const run = await corroborate(env, 'verify');
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5, run.stdout);
    assert.match(
      run.stdout,
      new RegExp(`^source ${flipped}: stored original no longer matches its SHA-256`, 'm'),
    );
    assert.match(
      run.stdout,
      new RegExp(`^source ${edited}: stored text no longer matches its text_sha256`, 'm'),
    );
    assert.match(run.stdout, /^custody entry 1 is missing: the log jumps to seq 2/m);
    assert.match(run.stdout, /^source \S+: has no capture entry in the custody log$/m);
    assert.match(
      run.stdout,
      /^checkpoint cp-3-\w+ \(tree size 3\) cannot be matched: custody entry 1 is missing/m,
    );
    assert.match(run.stderr, /^verify: 5 problem\(s\) found/);
  });

  it('proof prints, for a source id, a proof the independent verifier accepts', async () => {
    const env = copyOfBase();
    const run = await corroborate(env, 'proof', sourceIdOf(env.db, files[2] ?? ''));
    assert.equal(run.status, 0, run.stderr);
    const proof = JSON.parse(run.stdout) as {
      leaf_index: number;
      tree_size: number;
      checkpoint: { public_key: string };
    };
    assert.equal(proof.tree_size, 3);
    const out = independentlyVerify(run.stdout, proof.checkpoint.public_key, files[2] ?? '');
    assert.match(out, new RegExp(`^OK entry ${proof.leaf_index} is in the log of 3 entries`));
  });

  it('proof finds a source by the SHA-256 of its original and signs a checkpoint when none covers it', async () => {
    const env = copyOfBase();
    sql(env.db, 'delete from checkpoints');
    const sha = createHash('sha256')
      .update(`${REPORTS[0] ?? ''}\n`)
      .digest('hex');
    const run = await corroborate(env, 'proof', sha);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^signed checkpoint cp-3-\w+ covering 3 entries/);
    const proof = JSON.parse(run.stdout) as { payload: string; checkpoint: { public_key: string } };
    assert.equal((JSON.parse(proof.payload) as { sha256: string }).sha256, sha);
    independentlyVerify(run.stdout, proof.checkpoint.public_key, files[0] ?? '');
  });

  it('proof answers one line naming the source it cannot find', async () => {
    const run = await corroborate(copyOfBase(), 'proof', 'src_missing');
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'corroborate proof: no source with id or SHA-256 src_missing\n');
  });

  it('log lists a case’s entries as text, pages them as JSON and refuses a bad limit', async () => {
    const env = copyOfBase();
    const [text, paged, bad] = await Promise.all([
      corroborate(env, 'log', '--case', 'hollin'),
      corroborate(env, 'log', '--after', '1', '--json'),
      corroborate(env, 'log', '--limit', 'many'),
    ]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^(\d\t\S+\tcli:test\tcapture\tsource \S+\t[0-9a-f]{16}\n){3}$/);
    const entries = paged.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; payload: { sha256: string } });
    assert.deepEqual(
      entries.map((e) => e.seq),
      [2],
    );
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'corroborate log: --limit many is not a whole number\n');
  });

  it('checkpoint returns the existing checkpoint while the log has not grown', async () => {
    const env = copyOfBase();
    const run = await corroborate(env, 'checkpoint', '--json');
    assert.equal(run.status, 0, run.stderr);
    const checkpoint = JSON.parse(run.stdout) as { id: string; treeSize: number };
    assert.equal(checkpoint.treeSize, 3);
    assert.deepEqual(sql(env.db, 'select count(*) as n from checkpoints'), { n: 1 });
  });
});
