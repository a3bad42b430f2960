// Custody log repository, run as one contract on SQLite (always) and PostgreSQL. The sources inserted
// here are fictional one-line reports about a fictional town, made up for these tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import {
  appendCustody,
  consistencyProofFor,
  createCheckpoint,
  findCaptureEntry,
  inclusionProofFor,
  latestCheckpoint,
  listCustody,
  verifyStore,
} from '../../src/store/custody.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Database } from '../../src/store/schema.ts';
import { readSigningKey, verifyConsistency } from '../../src/custody/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

const VERIFIER = fileURLToPath(new URL('../custody/independent_verify.py', import.meta.url));
const NOW = '2026-01-01T00:00:00.000Z';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Inserts one fictional source the way a capture does: blob, source, capture and log entry in one transaction. */
async function captureSource(
  store: Store,
  i: number,
): Promise<{ id: string; sha256: string; bytes: Buffer }> {
  const bytes = Buffer.from(
    `Fictional report ${i}: the Ostrel Courier says the bridge at Varnholm was shelled.\n`,
  );
  const text = bytes.toString('utf8').trim();
  const hash = sha256(bytes);
  const id = `src-${i}`;
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('blobs')
      .values({ sha256: hash, size: bytes.length, media_type: 'text/plain', bytes, created_at: NOW })
      .execute();
    await trx
      .insertInto('sources')
      .values({
        id,
        case_id: 'case-1',
        sha256: hash,
        kind: 'article',
        media_type: 'text/plain',
        title: null,
        outlet: 'Ostrel Courier',
        byline: null,
        url: null,
        canonical_url: null,
        published: null,
        language: 'en',
        text,
        text_sha256: sha256(text),
        pages: null,
        metadata: '{}',
        copy_of: null,
        created_at: NOW,
      })
      .execute();
    await trx
      .insertInto('captures')
      .values({
        id: `cap-${i}`,
        source_id: id,
        captured_at: NOW,
        actor: 'test',
        origin: `r${i}.txt`,
        method: 'file',
        redirects: null,
        metadata: '{}',
      })
      .execute();
    await appendCustody(trx, store.dialect, {
      actor: 'cli:test',
      action: 'capture',
      objectType: 'source',
      objectId: id,
      caseId: 'case-1',
      payload: { source_id: id, capture_id: `cap-${i}`, sha256: hash, text_sha256: sha256(text) },
    });
  });
  return { id, sha256: hash, bytes };
}

/** A case with three captured sources, a checkpoint after the second, one review entry and a final checkpoint. */
async function seed(store: Store, home: string): Promise<{ originals: Buffer[] }> {
  await store.db
    .insertInto('cases')
    .values({ id: 'case-1', name: 'Varnholm (fictional)', description: null, region: null, created_at: NOW })
    .execute();
  const originals: Buffer[] = [];
  for (let i = 0; i < 3; i++) {
    originals.push((await captureSource(store, i)).bytes);
    if (i === 1) await createCheckpoint(store, home);
  }
  await appendCustody(store.db, store.dialect, {
    actor: 'cli:test',
    action: 'review',
    objectType: 'source',
    objectId: 'src-0',
    caseId: 'case-1',
    payload: { note: 'checked by a second reader' },
  });
  await createCheckpoint(store, home);
  return { originals };
}

async function problemsOf(store: Store, home: string): Promise<string[]> {
  const report = await verifyStore(store, home);
  assert.equal(report.ok, report.problems.length === 0);
  return report.problems.map((p) => p.message);
}

async function swapRows(db: Kysely<Database>, a: number, b: number): Promise<void> {
  const rowA = await db
    .selectFrom('custody_entries')
    .selectAll()
    .where('seq', '=', a)
    .executeTakeFirstOrThrow();
  const rowB = await db
    .selectFrom('custody_entries')
    .selectAll()
    .where('seq', '=', b)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('custody_entries')
    .set({ ...rowB, seq: a })
    .where('seq', '=', a)
    .execute();
  await db
    .updateTable('custody_entries')
    .set({ ...rowA, seq: b })
    .where('seq', '=', b)
    .execute();
}

function runIndependentVerifier(
  dir: string,
  proof: unknown,
  publicKey: string,
  original?: Buffer,
): { status: number | null; out: string } {
  const proofPath = join(dir, `proof-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(proofPath, JSON.stringify(proof));
  const args = [VERIFIER, proofPath, publicKey];
  if (original !== undefined) {
    const originalPath = `${proofPath}.original`;
    writeFileSync(originalPath, original);
    args.push(originalPath);
  }
  const result = spawnSync('python3', args, { encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

function runCustodyContract(name: string, createStore: () => Promise<Store>): void {
  describe(`custody log (${name})`, () => {
    const dir = tempDir();
    let homes = 0;
    const newHome = (): string => join(dir, `home${homes++}`);

    async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
      const store = await createStore();
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    }

    it('appends entries with dense seq, canonical payload and the documented leaf hash', () =>
      withStore(async (store) => {
        const first = await appendCustody(store.db, store.dialect, {
          actor: 'cli:test',
          action: 'capture',
          objectType: 'source',
          objectId: 's1',
          caseId: null,
          payload: { z: 1, a: 'é' },
        });
        const second = await appendCustody(store.db, store.dialect, {
          actor: 'cli:test',
          action: 'update',
          objectType: 'source',
          objectId: 's1',
          caseId: 'c',
          payload: [1, 2],
        });
        assert.deepEqual([first.seq, second.seq], [0, 1]);
        const rows = await store.db.selectFrom('custody_entries').selectAll().orderBy('seq').execute();
        const row = rows[0];
        assert.ok(row !== undefined);
        assert.equal(row.payload, '{"a":"é","z":1}');
        assert.equal(row.payload_sha256, sha256('{"a":"é","z":1}'));
        const leafText = `{"action":"capture","actor":"cli:test","at":"${row.at}","case_id":null,"object_id":"s1","object_type":"source","payload_sha256":"${row.payload_sha256}","seq":0}`;
        const expected = createHash('sha256')
          .update(Buffer.concat([Buffer.of(0), Buffer.from(leafText)]))
          .digest('hex');
        assert.equal(row.leaf_hash, expected);
        assert.equal(first.leafHash, expected);
      }));

    it('keeps seq dense when many transactions append at once', () =>
      withStore(async (store) => {
        await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            store.db.transaction().execute((trx) =>
              appendCustody(trx, store.dialect, {
                actor: 'a',
                action: 'x',
                objectType: 'o',
                objectId: `o${i}`,
                caseId: null,
                payload: i,
              }),
            ),
          ),
        );
        const seqs = (await listCustody(store.db, { limit: 100 })).map((e) => e.seq);
        assert.deepEqual(
          seqs,
          Array.from({ length: 30 }, (_, i) => i),
        );
      }));

    it('leaves no entry behind when the caller’s transaction rolls back', () =>
      withStore(async (store) => {
        await assert.rejects(
          store.db.transaction().execute(async (trx) => {
            await appendCustody(trx, store.dialect, {
              actor: 'a',
              action: 'x',
              objectType: 'o',
              objectId: 'o',
              caseId: null,
              payload: null,
            });
            throw new Error('caller failed');
          }),
          /caller failed/,
        );
        assert.deepEqual(await listCustody(store.db, { limit: 10 }), []);
        const next = await appendCustody(store.db, store.dialect, {
          actor: 'a',
          action: 'x',
          objectType: 'o',
          objectId: 'o',
          caseId: null,
          payload: null,
        });
        assert.equal(next.seq, 0);
      }));

    it('refuses an entry without an actor or a JSON payload', () =>
      withStore(async (store) => {
        await assert.rejects(
          appendCustody(store.db, store.dialect, {
            actor: '',
            action: 'x',
            objectType: 'o',
            objectId: 'o',
            caseId: null,
            payload: 1,
          }),
          /actor must be a non-empty string/,
        );
        await assert.rejects(
          appendCustody(store.db, store.dialect, {
            actor: 'a',
            action: 'x',
            objectType: 'o',
            objectId: 'o',
            caseId: null,
            payload: { n: Number.NaN },
          }),
          /\$\.n is NaN/,
        );
      }));

    it('lists entries by object, case and page', () =>
      withStore(async (store) => {
        for (let i = 0; i < 6; i++) {
          await appendCustody(store.db, store.dialect, {
            actor: 'a',
            action: 'x',
            objectType: i % 2 === 0 ? 'source' : 'allegation',
            objectId: `o${i % 3}`,
            caseId: i < 3 ? 'c1' : 'c2',
            payload: { i },
          });
        }
        assert.deepEqual(
          (await listCustody(store.db, { limit: 2 })).map((e) => e.seq),
          [0, 1],
        );
        assert.deepEqual(
          (await listCustody(store.db, { limit: 2, afterSeq: 1 })).map((e) => e.seq),
          [2, 3],
        );
        assert.deepEqual(
          (await listCustody(store.db, { limit: 10, objectType: 'source' })).map((e) => e.seq),
          [0, 2, 4],
        );
        assert.deepEqual(
          (await listCustody(store.db, { limit: 10, objectId: 'o1' })).map((e) => e.seq),
          [1, 4],
        );
        assert.deepEqual(
          (await listCustody(store.db, { limit: 10, caseId: 'c2' })).map((e) => e.seq),
          [3, 4, 5],
        );
        const [entry] = await listCustody(store.db, { limit: 1, afterSeq: 4 });
        assert.deepEqual(entry?.payload, { i: 5 });
        await assert.rejects(listCustody(store.db, { limit: 0 }), /limit 0 is not between 1 and 10000/);
      }));

    it('signs checkpoints and returns the latest without re-signing an unchanged log', () =>
      withStore(async (store) => {
        const home = newHome();
        assert.equal(await latestCheckpoint(store.db), undefined);
        await appendCustody(store.db, store.dialect, {
          actor: 'a',
          action: 'x',
          objectType: 'o',
          objectId: 'o',
          caseId: null,
          payload: 1,
        });
        const first = await createCheckpoint(store, home);
        assert.equal(first.treeSize, 1);
        assert.equal(first.keyId, readSigningKey(home)?.keyId);
        assert.deepEqual(await createCheckpoint(store, home), first);
        await appendCustody(store.db, store.dialect, {
          actor: 'a',
          action: 'x',
          objectType: 'o',
          objectId: 'o',
          caseId: null,
          payload: 2,
        });
        const second = await createCheckpoint(store, home);
        assert.equal(second.treeSize, 2);
        assert.deepEqual(await latestCheckpoint(store.db), second);
      }));

    it('refuses to sign a checkpoint over a log that no longer extends the newest one', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        await swapRows(store.db, 1, 2);
        await appendCustody(store.db, store.dialect, {
          actor: 'a',
          action: 'x',
          objectType: 'o',
          objectId: 'o',
          caseId: null,
          payload: 1,
        });
        await assert.rejects(
          createCheckpoint(store, home),
          /the log no longer matches checkpoint cp-4-\w+; refusing/,
        );
      }));

    it('proves an older checkpoint consistent with the newest', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const [older, newer] = await store.db
          .selectFrom('checkpoints')
          .selectAll()
          .orderBy('tree_size')
          .execute();
        const proof = await consistencyProofFor(store, 2);
        assert.equal(proof.old_root, older?.root_hash);
        assert.equal(proof.new_root, newer?.root_hash);
        assert.equal(proof.new_size, 4);
        const hex = (h: string): Buffer => Buffer.from(h, 'hex');
        assert.ok(verifyConsistency(2, 4, hex(proof.old_root), hex(proof.new_root), proof.proof.map(hex)));
        await assert.rejects(
          consistencyProofFor(store, 5),
          /cannot prove tree size 5 consistent with size 4/,
        );
      }));

    it('verifies an untouched store', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const report = await verifyStore(store, home);
        assert.deepEqual(report.problems, []);
        assert.equal(report.ok, true);
        assert.deepEqual(report.counts, { originals: 3, sources: 3, entries: 4, checkpoints: 2 });
        assert.equal(report.unsigned, 0);
      }));

    it('names the source whose stored original had one byte flipped', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const blob = await store.db
          .selectFrom('blobs')
          .innerJoin('sources', 'sources.sha256', 'blobs.sha256')
          .select(['blobs.sha256', 'blobs.bytes'])
          .where('sources.id', '=', 'src-1')
          .executeTakeFirstOrThrow();
        const bytes = Buffer.from(blob.bytes);
        bytes[5] = (bytes[5] ?? 0) ^ 0x01;
        await store.db.updateTable('blobs').set({ bytes }).where('sha256', '=', blob.sha256).execute();
        const problems = await problemsOf(store, home);
        assert.equal(problems.length, 1);
        assert.match(problems[0] ?? '', /^source src-1: stored original no longer matches its SHA-256/);
      }));

    it('names the source whose stored text was edited', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        await store.db
          .updateTable('sources')
          .set({ text: 'The bridge at Varnholm was never shelled.' })
          .where('id', '=', 'src-2')
          .execute();
        const problems = await problemsOf(store, home);
        assert.deepEqual(problems.length, 1);
        assert.match(problems[0] ?? '', /^source src-2: stored text no longer matches its text_sha256/);
      }));

    it('names a source whose original and text were replaced together with matching hashes', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const bytes = Buffer.from('Fictional forgery: the bridge at Varnholm stands untouched.');
        const text = bytes.toString('utf8');
        await store.db
          .insertInto('blobs')
          .values({
            sha256: sha256(bytes),
            size: bytes.length,
            media_type: 'text/plain',
            bytes,
            created_at: NOW,
          })
          .execute();
        await store.db
          .updateTable('sources')
          .set({ sha256: sha256(bytes), text, text_sha256: sha256(text) })
          .where('id', '=', 'src-1')
          .execute();
        const problems = await problemsOf(store, home);
        assert.equal(problems.length, 2);
        assert.match(
          problems[0] ?? '',
          /^source src-1: its original [0-9a-f]{64} is not the one custody entry 1 recorded/,
        );
        assert.match(
          problems[1] ?? '',
          /^source src-1: its text_sha256 [0-9a-f]{64} is not the one custody entry 1 recorded/,
        );
      }));

    it('names a source that has no capture entry in the log', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const source = await store.db
          .selectFrom('sources')
          .selectAll()
          .where('id', '=', 'src-0')
          .executeTakeFirstOrThrow();
        await store.db
          .insertInto('cases')
          .values({
            id: 'case-2',
            name: 'Other (fictional)',
            description: null,
            region: null,
            created_at: NOW,
          })
          .execute();
        await store.db
          .insertInto('sources')
          .values({ ...source, id: 'src-planted', case_id: 'case-2' })
          .execute();
        assert.deepEqual(await problemsOf(store, home), [
          'source src-planted: has no capture entry in the custody log',
        ]);
      }));

    it('names the missing entry when a log row is deleted', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        await store.db.deleteFrom('custody_entries').where('seq', '=', 1).execute();
        const problems = await problemsOf(store, home);
        assert.match(problems.join('\n'), /custody entry 1 is missing: the log jumps to seq 2/);
        assert.match(
          problems.join('\n'),
          /checkpoint cp-2-\w+ \(tree size 2\) cannot be matched: custody entry 1 is missing/,
        );
      }));

    it('names the checkpoint and the unlogged source when rows are deleted from the end of the log', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        await store.db.deleteFrom('custody_entries').where('seq', '>=', 2).execute();
        const problems = await problemsOf(store, home);
        assert.equal(problems.length, 2);
        assert.equal(problems[0], 'source src-2: has no capture entry in the custody log');
        assert.match(problems[1] ?? '', /^checkpoint cp-4-\w+ covers 4 entries but the log ends at 2/);
      }));

    it('names both entries when two log rows swap contents', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        await swapRows(store.db, 1, 2);
        const problems = (await problemsOf(store, home)).join('\n');
        assert.match(problems, /custody entry 1 contents do not match its leaf hash/);
        assert.match(problems, /custody entry 2 contents do not match its leaf hash/);
        assert.match(problems, /checkpoint cp-2-\w+ root hash does not match the log at tree size 2/);
      }));

    it('names the entry and the checkpoint when a payload is edited and its hashes recomputed', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const row = await store.db
          .selectFrom('custody_entries')
          .selectAll()
          .where('seq', '=', 0)
          .executeTakeFirstOrThrow();
        const payload = '{"note":"rewritten"}';
        const leafText = `{"action":"${row.action}","actor":"${row.actor}","at":"${row.at}","case_id":"case-1","object_id":"${row.object_id}","object_type":"${row.object_type}","payload_sha256":"${sha256(payload)}","seq":0}`;
        const leafHash = createHash('sha256')
          .update(Buffer.concat([Buffer.of(0), Buffer.from(leafText)]))
          .digest('hex');
        await store.db
          .updateTable('custody_entries')
          .set({ payload, payload_sha256: sha256(payload), leaf_hash: leafHash })
          .where('seq', '=', 0)
          .execute();
        const problems = await problemsOf(store, home);
        assert.equal(problems.length, 2);
        assert.match(
          problems[0] ?? '',
          /^checkpoint cp-2-\w+ root hash does not match the log at tree size 2/,
        );
        assert.match(
          problems[1] ?? '',
          /^checkpoint cp-4-\w+ root hash does not match the log at tree size 4/,
        );
      }));

    it('names both checkpoints when their signatures are swapped', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const cps = await store.db
          .selectFrom('checkpoints')
          .select(['id', 'signature'])
          .orderBy('tree_size')
          .execute();
        const [a, b] = cps;
        assert.ok(a !== undefined && b !== undefined);
        await store.db
          .updateTable('checkpoints')
          .set({ signature: b.signature })
          .where('id', '=', a.id)
          .execute();
        await store.db
          .updateTable('checkpoints')
          .set({ signature: a.signature })
          .where('id', '=', b.id)
          .execute();
        const problems = await problemsOf(store, home);
        assert.deepEqual(problems, [
          `checkpoint ${a.id} signature does not match its contents (tree size 2, key ${readSigningKey(home)?.keyId ?? ''})`,
          `checkpoint ${b.id} signature does not match its contents (tree size 4, key ${readSigningKey(home)?.keyId ?? ''})`,
        ]);
      }));

    it('reports checkpoints signed by a key it does not hold', () =>
      withStore(async (store) => {
        await seed(store, newHome());
        const problems = await problemsOf(store, newHome());
        assert.equal(problems.length, 2);
        assert.match(
          problems[0] ?? '',
          /^checkpoint cp-2-\w+ is signed by key [0-9a-f]{16}, which is not a trusted key/,
        );
      }));

    it('builds inclusion proofs that the independent Python verifier accepts', () =>
      withStore(async (store) => {
        const home = newHome();
        const { originals } = await seed(store, home);
        const publicKey = readSigningKey(home)?.publicKeyBase64 ?? '';
        for (let i = 0; i < 3; i++) {
          const entry = await findCaptureEntry(store.db, i === 2 ? sha256(originals[2] ?? '') : `src-${i}`);
          assert.equal(entry.seq, i);
          const proof = await inclusionProofFor(store, entry.seq, home);
          assert.equal(proof.checkpoint.public_key, publicKey);
          assert.equal(proof.tree_size, 4);
          const result = runIndependentVerifier(dir, proof, publicKey, originals[i]);
          assert.equal(result.status, 0, result.out);
          assert.match(result.out, new RegExp(`^OK entry ${i} is in the log of 4 entries`));
        }
      }));

    it('refuses a proof for an entry no checkpoint covers yet', () =>
      withStore(async (store) => {
        const home = newHome();
        await seed(store, home);
        const { seq } = await appendCustody(store.db, store.dialect, {
          actor: 'a',
          action: 'x',
          objectType: 'o',
          objectId: 'o',
          caseId: null,
          payload: 1,
        });
        await assert.rejects(
          inclusionProofFor(store, seq, home),
          /custody entry 4 is not covered by a checkpoint yet/,
        );
        await assert.rejects(findCaptureEntry(store.db, 'nope'), /no source with id or SHA-256 nope/);
        const report = await verifyStore(store, home);
        assert.equal(report.ok, true);
        assert.equal(report.unsigned, 1);
      }));
  });
}

const sqliteDir = tempDir();
let n = 0;
runCustodyContract('sqlite', () => openStore({ url: join(sqliteDir, `db${n++}.sqlite`) }));

const pg = await createTestDatabase();
after(() => pg.drop());
runCustodyContract('postgres', async () => {
  const store = await openStore({ url: pg.url, poolSize: 12 });
  for (const table of ['checkpoints', 'custody_entries', 'captures', 'sources', 'blobs', 'cases'] as const) {
    await store.db.deleteFrom(table).execute();
  }
  return store;
});

describe('appendCustody (sqlite, several processes)', () => {
  it('keeps seq dense when separate processes append to one database', async () => {
    const url = join(sqliteDir, 'multi.sqlite');
    await (await openStore({ url })).close();
    const script = `
      import { openStore } from ${JSON.stringify(new URL('../../src/store/index.ts', import.meta.url).href)};
      import { appendCustody } from ${JSON.stringify(new URL('../../src/store/custody.ts', import.meta.url).href)};
      const store = await openStore({ url: ${JSON.stringify(url)} });
      for (let i = 0; i < 25; i++) {
        await store.db.transaction().execute((trx) => appendCustody(trx, 'sqlite', { actor: 'p' + process.pid, action: 'x', objectType: 'o', objectId: String(i), caseId: null, payload: i }));
      }
      await store.close();
    `;
    const codes = await Promise.all(
      Array.from({ length: 3 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          stdio: 'inherit',
        });
        return new Promise<number | null>((resolve) => child.on('exit', resolve));
      }),
    );
    assert.deepEqual(codes, [0, 0, 0]);
    const store = await openStore({ url });
    try {
      const seqs = (await listCustody(store.db, { limit: 1000 })).map((e) => e.seq);
      assert.deepEqual(
        seqs,
        Array.from({ length: 75 }, (_, i) => i),
      );
      assert.equal((await verifyStore(store, join(sqliteDir, 'nokey'))).ok, true);
    } finally {
      await store.close();
    }
  });
});

describe('inclusionProofFor (against the independent verifier)', () => {
  async function withSqlite(fn: (store: Store, home: string) => Promise<void>): Promise<void> {
    const store = await openStore({ url: join(sqliteDir, 'altered.sqlite') });
    try {
      await fn(store, join(sqliteDir, 'altered-home'));
    } finally {
      await store.close();
    }
  }
  const dir = sqliteDir;

  it('builds proofs that the independent verifier rejects once altered', () =>
    withSqlite(async (store, home) => {
      const { originals } = await seed(store, home);
      const publicKey = readSigningKey(home)?.publicKeyBase64 ?? '';
      const proof = await inclusionProofFor(store, 1, home);
      const otherKey = Buffer.alloc(32, 7).toString('base64');
      const cases: [string, unknown, string, Buffer | undefined][] = [
        ['payload', { ...proof, payload: proof.payload.replace('src-1', 'src-9') }, publicKey, undefined],
        ['original', proof, publicKey, originals[0]],
        ['leaf', { ...proof, leaf: { ...proof.leaf, actor: 'someone else' } }, publicKey, undefined],
        ['path', { ...proof, audit_path: [...proof.audit_path].reverse() }, publicKey, undefined],
        [
          'root',
          { ...proof, checkpoint: { ...proof.checkpoint, root_hash: '00'.repeat(32) } },
          publicKey,
          undefined,
        ],
        ['time', { ...proof, checkpoint: { ...proof.checkpoint, at: NOW } }, publicKey, undefined],
        ['key', proof, otherKey, undefined],
      ];
      for (const [what, altered, key, original] of cases) {
        const result = runIndependentVerifier(dir, altered, key, original);
        assert.equal(result.status, 1, `${what}: ${result.out}`);
        assert.match(result.out, /^FAIL: /, what);
      }
    }));
});
