// Custody log benchmark (not a test): appends N entries to a fresh SQLite database, one transaction
// each as ingest does, then times a checkpoint, an inclusion proof and a full verify. Prints one JSON
// object. Usage: npm run bench:custody [-- ENTRIES]   (default 10000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendCustody, createCheckpoint, inclusionProofFor, verifyStore } from '../src/store/custody.ts';
import { openStore } from '../src/store/index.ts';

const entries = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-custody-'));
try {
  const store = await openStore({ url: join(dir, 'bench.sqlite') });
  const home = join(dir, 'home');
  const t0 = performance.now();
  for (let i = 0; i < entries; i++) {
    await store.db.transaction().execute((trx) =>
      appendCustody(trx, store.dialect, {
        actor: 'bench',
        action: 'capture',
        objectType: 'source',
        objectId: `src-${i}`,
        caseId: 'bench',
        payload: {
          sha256: 'ab'.repeat(32),
          textSha256: 'cd'.repeat(32),
          origin: `file-${i}.txt`,
          size: 5120,
        },
      }),
    );
  }
  const t1 = performance.now();
  await createCheckpoint(store, home);
  const t2 = performance.now();
  await inclusionProofFor(store, Math.floor(entries / 2), home);
  const t3 = performance.now();
  const report = await verifyStore(store, home);
  const t4 = performance.now();
  await store.close();
  const round = (x: number): number => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      benchmark: 'custody',
      dialect: 'sqlite',
      entries,
      appendsPerSecond: Math.round(entries / ((t1 - t0) / 1000)),
      checkpointMs: round(t2 - t1),
      proofMs: round(t3 - t2),
      verifyMs: round(t4 - t3),
      verifyEntriesPerSecond: Math.round(entries / ((t4 - t3) / 1000)),
      verifyOk: report.ok,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
