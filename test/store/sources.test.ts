// Store contract for cases, blobs, sources and captures, run on SQLite and PostgreSQL.
// Every text here is fictional.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildItem, type CapturedItem } from '../../src/capture/index.ts';
import { verifyStore } from '../../src/store/custody.ts';
import {
  captureSource,
  countSources,
  ensureCase,
  getOriginal,
  getSource,
  listCaptures,
  listCases,
  listSources,
  openStore,
  type Store,
} from '../../src/store/index.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/temp.ts';

function buildCapturedItem(text: string, origin = 'report.txt', extra: Partial<CapturedItem> = {}): CapturedItem {
  const item = buildItem({
    origin,
    method: 'file',
    original: new TextEncoder().encode(text),
    mediaType: 'text/plain',
    parsed: { text },
    overrides: [{ title: 'Fictional report', outlet: 'The Fictional Courier', published: '2025-03-02' }],
  });
  return { ...item, ...extra };
}

const TEXT = 'The fictional council of Vellmar said on Tuesday that the bridge had been closed since dawn.';

function runSourcesContract(name: string, createStore: () => Promise<Store>): void {
  describe(`captureSource (${name})`, () => {
    it('stores a new original, a source, a capture and one custody entry', async () => {
      const store = await createStore();
      try {
        const result = await captureSource(store, buildCapturedItem(TEXT), { caseName: 'vellmar', actor: 'test:alice' });
        assert.equal(result.duplicate, false);
        const source = await getSource(store.db, result.sourceId);
        assert.equal(source?.text, TEXT);
        assert.equal(source?.title, 'Fictional report');
        assert.equal(source?.published, '2025-03-02');
        assert.equal(source?.language, 'en');
        const original = await getOriginal(store.db, source?.sha256 ?? '');
        assert.equal(original?.bytes.toString('utf8'), TEXT);
        const captures = await listCaptures(store.db, result.sourceId);
        assert.deepEqual(
          captures.map((c) => [c.id, c.origin, c.actor]),
          [[result.captureId, 'report.txt', 'test:alice']],
        );
        const entries = await store.db.selectFrom('custody_entries').selectAll().execute();
        assert.deepEqual(
          entries.map((e) => [e.action, e.object_id]),
          [['capture', result.sourceId]],
        );
      } finally {
        await store.close();
      }
    });

    it('reuses the source for an identical original and records a new capture', async () => {
      const store = await createStore();
      try {
        const first = await captureSource(store, buildCapturedItem(TEXT, 'a.txt'), { caseName: 'vellmar', actor: 'test' });
        const second = await captureSource(store, buildCapturedItem(TEXT, 'copy/a.txt'), { caseName: 'vellmar', actor: 'test' });
        assert.equal(second.duplicate, true);
        assert.equal(second.sourceId, first.sourceId);
        assert.notEqual(second.captureId, first.captureId);
        assert.equal(await countSources(store.db, first.caseId), 1);
        assert.deepEqual(
          (await listCaptures(store.db, first.sourceId)).map((c) => c.origin),
          ['a.txt', 'copy/a.txt'],
        );
        const actions = await store.db.selectFrom('custody_entries').select('action').orderBy('seq').execute();
        assert.deepEqual(
          actions.map((a) => a.action),
          ['capture', 'recapture'],
        );
      } finally {
        await store.close();
      }
    });

    it('keeps one blob but separate sources when two cases capture the same original', async () => {
      const store = await createStore();
      try {
        const a = await captureSource(store, buildCapturedItem(TEXT), { caseName: 'one', actor: 'test' });
        const b = await captureSource(store, buildCapturedItem(TEXT), { caseName: 'two', actor: 'test' });
        assert.equal(b.duplicate, false);
        assert.notEqual(a.sourceId, b.sourceId);
        const blobs = await store.db.selectFrom('blobs').select('sha256').execute();
        assert.equal(blobs.length, 1);
        assert.deepEqual(
          (await listCases(store.db)).map((c) => [c.name, c.sources]),
          [
            ['one', 1],
            ['two', 1],
          ],
        );
      } finally {
        await store.close();
      }
    });

    it('writes nothing when the transaction fails part-way', async () => {
      const store = await createStore();
      try {
        const bad = buildCapturedItem(TEXT, 'bad.txt', { origin: null as unknown as string });
        await assert.rejects(captureSource(store, bad, { caseName: 'vellmar', actor: 'test' }));
        assert.equal((await store.db.selectFrom('blobs').selectAll().execute()).length, 0);
        assert.equal(await countSources(store.db), 0);
        assert.equal((await store.db.selectFrom('custody_entries').selectAll().execute()).length, 0);
      } finally {
        await store.close();
      }
    });

    it('leaves a store that verifies', async () => {
      const store = await createStore();
      try {
        for (let i = 0; i < 5; i++) {
          await captureSource(store, buildCapturedItem(`${TEXT} Item ${i}.`), { caseName: 'vellmar', actor: 'test' });
        }
        await captureSource(store, buildCapturedItem(`${TEXT} Item 0.`), { caseName: 'vellmar', actor: 'test' });
        const report = await verifyStore(store, tempDir());
        assert.deepEqual(report.problems, []);
        assert.equal(report.counts.entries, 6);
      } finally {
        await store.close();
      }
    });
  });

  describe(`listSources (${name})`, () => {
    it('pages through a case in capture order without repeating or skipping', async () => {
      const store = await createStore();
      try {
        const ids: string[] = [];
        for (let i = 0; i < 7; i++) {
          ids.push((await captureSource(store, buildCapturedItem(`${TEXT} Page ${i}.`), { caseName: 'p', actor: 't' })).sourceId);
        }
        await captureSource(store, buildCapturedItem('Elsewhere entirely, a fictional note.'), { caseName: 'other', actor: 't' });
        const { id: caseId } = await ensureCase(store.db, 'p');
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await listSources(store.db, { caseId, cursor, limit: 3 });
          seen.push(...page.items.map((s) => s.id));
          cursor = page.nextCursor;
        } while (cursor !== null);
        assert.deepEqual(seen, ids);
      } finally {
        await store.close();
      }
    });

    it('refuses a cursor it did not issue', async () => {
      const store = await createStore();
      try {
        await assert.rejects(listSources(store.db, { cursor: 'not-a-cursor' }), /cursor/);
      } finally {
        await store.close();
      }
    });
  });

  describe(`ensureCase (${name})`, () => {
    it('creates a case once and returns it again', async () => {
      const store = await createStore();
      try {
        const a = await ensureCase(store.db, 'Vellmar 2025');
        const b = await ensureCase(store.db, 'Vellmar 2025');
        assert.equal(a.id, b.id);
        await assert.rejects(ensureCase(store.db, ' padded '), /case name/);
      } finally {
        await store.close();
      }
    });
  });
}

const dir = tempDir();
let n = 0;
runSourcesContract('sqlite', () => openStore({ url: join(dir, `db${n++}.sqlite`) }));

const pgDatabases: { drop: () => Promise<void> }[] = [];
after(async () => {
  for (const d of pgDatabases) await d.drop();
});
runSourcesContract('postgres', async () => {
  const created = await createTestDatabase();
  pgDatabases.push(created);
  return openStore({ url: created.url, poolSize: 2 });
});
