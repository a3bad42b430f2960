// Slow suite (minutes on a busy machine): run with `npm run test:slow`; `npm test` leaves it out.
// Crash safety: `corroborate ingest` of 2,000 small generated (fictional) files is killed with SIGKILL at
// seeded-random moments, at least 20 times in the middle of capturing. After every kill the store must
// verify and hold no half-written source; a final run must complete with every file captured exactly once.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { verifyStore } from '../../src/store/custody.ts';
import { openStore } from '../../src/store/index.ts';
import { tempDir } from '../helpers/temp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/corroborate.js');
const FILES = 2000;
const MIN_KILLS_MID_INGEST = 20;

/** mulberry32: seeded, so every run of this test kills at the same moments. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly captured: number;
}

/**
 * Starts an ingest and kills it with SIGKILL either after `afterNew` newly captured items have been
 * reported (plus `delayMs`, to land inside later transactions too) or, with `afterNew` null, `delayMs`
 * after start — which may be before it has captured anything. Null `delayMs` lets it finish.
 */
function ingest(env: NodeJS.ProcessEnv, cwd: string, afterNew: number | null, delayMs: number | null): Promise<Run> {
  const child = spawn(process.execPath, [BIN, 'ingest', 'corpus', '--case', 'crash', '--capture-only'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let captured = 0;
  let pending = '';
  let armed = false;
  const kill = (): void => {
    if (!armed) {
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs ?? 0);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('captured ')) captured++;
    if (afterNew !== null && delayMs !== null && captured >= afterNew) kill();
  });
  child.stderr.resume();
  if (afterNew === null && delayMs !== null) kill();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, captured }));
  });
}

/** Every source is whole: its original, a capture and its custody entry exist together, or not at all. */
async function assertConsistent(db: string, home: string, label: string): Promise<number> {
  const store = await openStore({ url: db });
  try {
    const report = await verifyStore(store, home);
    assert.deepEqual(report.problems, [], `${label}: verify found problems`);
    const count = async (sql: string): Promise<number> => {
      const { sql: raw } = await import('kysely');
      const result = await raw<{ n: number }>`${raw.raw(sql)}`.execute(store.db);
      return Number(result.rows[0]?.n ?? -1);
    };
    const sources = await count('select count(*) as n from sources');
    assert.equal(await count("select count(*) as n from custody_entries where action = 'capture'"), sources, `${label}: capture entries`);
    assert.equal(await count('select count(*) as n from sources where sha256 not in (select sha256 from blobs)'), 0, `${label}: blobs`);
    assert.equal(
      await count('select count(*) as n from sources s where not exists (select 1 from captures c where c.source_id = s.id)'),
      0,
      `${label}: captures`,
    );
    assert.equal(
      await count("select count(*) as n from custody_entries where action in ('capture', 'recapture')"),
      await count('select count(*) as n from captures'),
      `${label}: one entry per capture`,
    );
    return sources;
  } finally {
    await store.close();
  }
}

describe('ingest under kill -9', () => {
  it('always leaves a verifiable store and finally captures every file exactly once', async () => {
    const dir = tempDir();
    const random = prng(0xc0ffee);
    const shas = new Set<string>();
    for (let i = 0; i < FILES; i++) {
      const sub = join(dir, 'corpus', String(i % 10));
      if (i < 10) mkdirSync(sub, { recursive: true });
      const text = `FICTIONAL NOTE ${i}. A generated test file about the fictional town of Vellmar, number ${i} of ${FILES}.\n`;
      writeFileSync(join(sub, `note-${String(i).padStart(4, '0')}.txt`), text);
      shas.add(createHash('sha256').update(text).digest('hex'));
    }
    const db = join(dir, 'crash.sqlite');
    const home = join(dir, 'home');
    const env = { ...process.env, CORROBORATE_DB: db, CORROBORATE_HOME: home, CORROBORATE_ACTOR: 'cli:crash-test' };

    let midIngestKills = 0;
    let kills = 0;
    let total = 0;
    while (midIngestKills < MIN_KILLS_MID_INGEST) {
      // One run in four is killed at a random time from start (possibly while opening the database);
      // the others a few captures in, with a small random delay to land inside a transaction.
      const early = random() < 0.25;
      const run = early
        ? await ingest(env, dir, null, Math.floor(random() * 1500))
        : await ingest(env, dir, 1 + Math.floor(random() * 40), Math.floor(random() * 15));
      assert.equal(run.signal, 'SIGKILL', `run ${kills} was expected to be killed but ended with ${run.status}`);
      kills++;
      if (run.captured > 0) midIngestKills++;
      const sources = await assertConsistent(db, home, `after kill ${kills}`);
      assert.ok(sources >= total, 'no source is ever lost');
      total = sources;
    }
    assert.ok(total < FILES, 'the kills happened before the ingest could finish');

    const final = await ingest(env, dir, null, null);
    assert.equal(final.status, 0);
    assert.equal(await assertConsistent(db, home, 'after the final run'), FILES);
    const store = await openStore({ url: db });
    try {
      const rows = await store.db.selectFrom('sources').select('sha256').execute();
      assert.equal(new Set(rows.map((r) => r.sha256)).size, FILES);
      assert.deepEqual(new Set(rows.map((r) => r.sha256)), shas);
    } finally {
      await store.close();
    }
    const verify = spawnSync(process.execPath, [BIN, 'verify'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, new RegExp(`^OK: ${FILES} originals, ${FILES} sources`));
  });
});
