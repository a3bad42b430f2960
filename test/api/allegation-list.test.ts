// The allegations board listing on a real loopback server, SQLite and PostgreSQL: per-card summary
// (top reason, counts, actors, figure spread), server-side filters, sorts and cursor pagination.
// Reports, places and people here are fictional.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FigureComparison } from '../../src/allegations/index.ts';
import { setMembership } from '../../src/store/accounts.ts';
import { figureSpreadOf } from '../../src/store/allegation-summaries.ts';
import { startTestServer, type TestServer } from './harness.ts';

const REPORTS = [
  {
    title: 'Dalbrook report one',
    published: '2031-05-02',
    text: 'Fictional report one. The mayor of Dalbrook, Ivan Petrenko, said on Tuesday that soldiers shot 12 civilians in the Dalbrook market. "They fired at people buying bread," Petrenko told the Harbour Courier.',
  },
  {
    title: 'Dalbrook report two',
    published: '2031-05-03',
    text: 'Fictional report two. The Dalbrook Medical Association said in a statement that 30 civilians were shot in the Dalbrook market by soldiers on Tuesday. The defence ministry denied that soldiers shot civilians in the Dalbrook market. Regional officials have not confirmed the account.',
  },
  {
    title: 'Orlen report',
    published: '2031-06-10',
    text: 'Fictional report three. Farmers in Orlen said drones destroyed the grain silo near Orlen on Friday, according to the village head, Marta Kos.',
  },
];

interface Item {
  id: string;
  statement: string;
  status: string;
  topReason: { code: string; text: string } | null;
  independentOrigins: number;
  echoes: number;
  denials: number;
  notConfirming: number;
  actors: { id: string | null; name: string }[];
  figures: { min: number | null; max: number | null; spread: number | null } | null;
  places: string[];
  lastActivity: string;
  decision: string | null;
}
interface ItemPage {
  items: Item[];
  nextCursor: string | null;
}

async function seed(server: TestServer): Promise<void> {
  for (const r of REPORTS) {
    const res = await server.request('analyst', 'POST', `/api/cases/${server.ownCase}/ingest/text`, { body: r });
    const body = (await res.json()) as { items: { status: string; error?: string }[] };
    assert.equal(body.items[0]?.status, 'ok', body.items[0]?.error);
  }
}

describe('figure spread', () => {
  const figure = (min: number | null, max: number | null) => ({
    sourceId: 's',
    span: { sourceId: 's', start: 0, end: 1 },
    text: 'x',
    min,
    max,
    approx: false,
    qualifier: null,
    speaker: null,
    date: null,
    copy: false,
  });
  const comparison = (counts: string, figures: ReturnType<typeof figure>[]): FigureComparison => ({
    counts,
    place: null,
    period: null,
    figures,
    range: { min: null, max: null },
    latest: 0,
    contradictions: [],
  });

  it('is the largest minus the smallest figure of the most disputed comparison; a lone figure spreads 0', () => {
    assert.deepEqual(figureSpreadOf({ figures: [comparison('deaths', [figure(4500, 5500)])] }), { counts: 'deaths', min: 5000, max: 5000, spread: 0 });
    assert.deepEqual(
      figureSpreadOf({ figures: [comparison('injured', [figure(3, 3), figure(5, 5)]), comparison('deaths', [figure(410, null), figure(12, 12), figure(null, 100)])] }),
      { counts: 'deaths', min: 12, max: 410, spread: 398 },
    );
    assert.equal(figureSpreadOf({ figures: [] }), null);
  });
});

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`allegations list (${dialect})`, async () => {
    const server = await startTestServer({ dialect });
    const base = `/api/cases/${server.ownCase}`;
    await seed(server);
    const get = async (path: string): Promise<ItemPage> => {
      const res = await server.request('viewer', 'GET', path);
      assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
      return (await res.json()) as ItemPage;
    };

    const all = (await get(`${base}/allegations?limit=500`)).items;
    const market = all.find((a) => a.statement.includes('Dalbrook market'));
    const silo = all.find((a) => a.statement.includes('grain silo'));

    it('gives each card its top reason, counts, actors and figure spread', () => {
      assert.ok(market !== undefined && silo !== undefined, JSON.stringify(all));
      assert.equal(market.independentOrigins, 2);
      assert.equal(market.topReason?.code, 'origins');
      assert.match(market.topReason?.text ?? '', /2 independent origins support it/);
      assert.ok(market.denials >= 1, 'the ministry denial counts');
      assert.equal(market.echoes, 0);
      assert.deepEqual(market.figures && [market.figures.min, market.figures.max, market.figures.spread], [12, 30, 18]);
      const names = market.actors.map((a) => a.name);
      assert.ok(names.includes('Ivan Petrenko'), names.join(', '));
      assert.ok(market.actors.every((a) => a.id === null || a.id.startsWith('actor')));
      assert.equal(silo.figures, null);
      assert.equal(silo.denials, 0);
      assert.equal(silo.topReason?.code, 'origins');
    });

    it('filters by actor id, name or alias, not by statement words', async () => {
      const petrenko = market?.actors.find((a) => a.name === 'Ivan Petrenko');
      assert.ok(petrenko?.id);
      const byId = await get(`${base}/allegations?actor=${encodeURIComponent(petrenko.id)}`);
      assert.deepEqual(byId.items.map((a) => a.id), [market?.id]);
      const byName = await get(`${base}/allegations?actor=${encodeURIComponent('ivan petrenko')}`);
      assert.deepEqual(byName.items.map((a) => a.id), [market?.id]);
      const bySurname = await get(`${base}/allegations?actor=Petrenko`);
      assert.deepEqual(bySurname.items.map((a) => a.id), [market?.id], 'the registry knows the surname as an alias');
      // "soldiers" and "Orlen" are words of statements, not speakers.
      assert.equal((await get(`${base}/allegations?actor=soldiers`)).items.length, 0);
      const farmers = await get(`${base}/allegations?actor=${encodeURIComponent('Farmers in Orlen')}`);
      assert.deepEqual(farmers.items.map((a) => a.id), [silo?.id]);
    });

    it('filters by status, event type, period and decision', async () => {
      const multiple = await get(`${base}/allegations?status=multiple-origins`);
      assert.deepEqual(multiple.items.map((a) => a.id), [market?.id]);
      const disputed = await get(`${base}/allegations?status=disputed`);
      assert.deepEqual(disputed.items.map((a) => a.id), [market?.id]);
      const killing = await get(`${base}/allegations?event=killing_of_civilians`);
      assert.deepEqual(killing.items.map((a) => a.id), [market?.id]);
      const june = await get(`${base}/allegations?from=2031-06-01&to=2031-06-30`);
      assert.deepEqual(june.items.map((a) => a.id), [silo?.id]);
      const bad = await server.request('viewer', 'GET', `${base}/allegations?status=glorious`);
      assert.equal(bad.status, 400);
    });

    it('sorts by figure spread, independent origins and last activity', async () => {
      const spread = await get(`${base}/allegations?sort=spread`);
      assert.deepEqual(spread.items.map((a) => a.id), [market?.id, silo?.id]);
      const origins = await get(`${base}/allegations?sort=origins`);
      assert.deepEqual(origins.items.map((a) => a.id), [market?.id, silo?.id]);
      const decided = await server.request('lead', 'POST', `${base}/allegations/${silo?.id ?? ''}/decision`, {
        body: { decision: 'needs_more_evidence', rationale: 'one village head only (fictional)' },
      });
      assert.equal(decided.status, 200, await decided.clone().text());
      const activity = await get(`${base}/allegations?sort=activity`);
      assert.deepEqual(activity.items.map((a) => a.id), [silo?.id, market?.id]);
      assert.equal(activity.items[0]?.decision, 'needs_more_evidence');
      assert.ok((activity.items[0]?.lastActivity ?? '') > (silo?.lastActivity ?? ''));
      const pending = await get(`${base}/allegations?decision=none`);
      assert.deepEqual(pending.items.map((a) => a.id), [market?.id]);
    });

    it('pages every sort with a cursor, each allegation once, in order', async () => {
      // Synthetic rows (no attributions behind them) written straight into the allegations table.
      const rows = Array.from({ length: 230 }, (_, i) => ({
        id: `al-synthetic-${String(i).padStart(4, '0')}`,
        case_id: server.ownCase,
        first_unit: `synthetic#${i}`,
        first_ord: `2030-01-01|${String(i).padStart(6, '0')}`,
        statement: `Synthetic fictional allegation ${i}`,
        event_type: 'shelling',
        places: JSON.stringify([`Fictional Place ${i % 5}`]),
        window_start: null,
        window_end: null,
        level: 'single_origin',
        disputed: 0,
        not_confirmed: 0,
        origin_count: i % 7,
        echo_count: 0,
        source_count: 1,
        summary: '',
        detail: '{}',
        updated_at: `2030-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
      }));
      for (let i = 0; i < rows.length; i += 50) await server.store.db.insertInto('allegations').values(rows.slice(i, i + 50)).execute();
      for (const sort of ['first', 'origins', 'activity', 'spread'] as const) {
        const seen: Item[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: ItemPage = await get(`${base}/allegations?sort=${sort}&limit=40${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
          seen.push(...page.items);
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== null && pages < 50);
        assert.equal(seen.length, 232, sort);
        assert.equal(new Set(seen.map((a) => a.id)).size, 232, sort);
        for (let i = 1; i < seen.length; i++) {
          const [a, b] = [seen[i - 1] as Item, seen[i] as Item];
          if (sort === 'origins') assert.ok(a.independentOrigins >= b.independentOrigins, `${sort} at ${i}`);
          if (sort === 'activity') assert.ok(a.lastActivity >= b.lastActivity, `${sort} at ${i}`);
          if (sort === 'spread') assert.ok((a.figures?.spread ?? -1) >= (b.figures?.spread ?? -1), `${sort} at ${i}`);
        }
      }
      const place = await get(`${base}/allegations?place=${encodeURIComponent('fictional place 3')}&limit=500`);
      assert.equal(place.items.length, 46);
      assert.ok(place.items.every((a) => a.places.includes('Fictional Place 3')));
      const other = await get(`${base}/allegations?sort=origins&limit=40`);
      const mixed = await server.request('viewer', 'GET', `${base}/allegations?sort=spread&cursor=${encodeURIComponent(other.nextCursor ?? '')}`);
      assert.equal(mixed.status, 400, 'a cursor belongs to its sort');
    });

    it('keeps a protected name out of reach of an uncleared actor filter, and out of the cards', async () => {
      const sources = (await (await server.request('viewer', 'GET', `${base}/sources?limit=50`)).json()) as { items: { id: string; title: string | null }[] };
      const one = sources.items.find((x) => x.title === 'Dalbrook report one');
      assert.ok(one !== undefined);
      const text = ((await (await server.request('viewer', 'GET', `${base}/sources/${one.id}`)).json()) as { text: string }).text;
      const at = text.indexOf('Ivan Petrenko');
      const protect = await server.request('analyst', 'POST', `${base}/protections`, {
        body: { kind: 'span', objectId: one.id, span: { start: at, end: at + 'Ivan Petrenko'.length }, reason: 'source at risk (fictional)', terms: ['Petrenko'] },
      });
      assert.equal(protect.status, 201, await protect.clone().text());
      const probe = await server.request('viewer', 'GET', `${base}/allegations?actor=Petrenko`);
      assert.equal(probe.status, 200);
      assert.deepEqual(((await probe.json()) as ItemPage).items, []);
      const listed = await (await server.request('viewer', 'GET', `${base}/allegations?limit=500`)).text();
      assert.ok(!listed.includes('Petrenko'), 'the name is redacted from reasons and actors');
      await setMembership(server.store.db, { caseId: server.ownCase, userId: server.users.lead.id, role: 'lead', cleared: true });
      const cleared = await server.request('lead', 'GET', `${base}/allegations?actor=Petrenko`);
      assert.deepEqual(((await cleared.json()) as ItemPage).items.map((a) => a.id), [market?.id]);
    });
  });
}
