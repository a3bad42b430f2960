import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCorroborateError } from '../../src/errors.ts';
import type { Extraction } from '../../src/extract/types.ts';
import {
  actorKeys,
  findCaseActor,
  listActorMentions,
  listCaseActors,
  mergeCaseActors,
  normaliseActorName,
  renameCaseActor,
  splitCaseActor,
} from '../../src/store/actors.ts';
import { listAttributions, saveExtraction } from '../../src/store/extractions.ts';
import { reviewAttribution } from '../../src/store/reviews.ts';
import {
  buildActor,
  buildAttribution,
  buildReportExtraction,
  FICTIONAL_REPORT,
  insertSource,
  runOnBackends,
  uniqueCaseName,
} from '../pipeline/fixtures.ts';

describe('normaliseActorName', () => {
  it('ignores case, diacritics, punctuation and a leading "the"', () => {
    assert.equal(normaliseActorName('The  Kremlin.'), 'kremlin');
    assert.equal(normaliseActorName('Ilsa Várenko'), 'ilsa varenko');
    assert.equal(normaliseActorName("Doravel's council"), 'doravel council');
  });
});

describe('actorKeys', () => {
  it('keeps name-like aliases and drops common-noun ones', () => {
    assert.deepEqual(
      actorKeys({ name: 'Ilsa Varenko', aliases: ['Varenko', 'the mayor', 'he', 'The Mayor of Doravel'] }),
      ['ilsa varenko', 'varenko', 'mayor of doravel'],
    );
  });
});

/** A second fictional report naming the mayor by surname only. */
const SECOND =
  'Varenko repeated on Friday that the brickworks had been sealed, the Lantern Watch group said.';

function secondExtraction(): Extraction {
  return {
    document: { sha256: 'x', text: SECOND, published: '2031-03-15', language: 'en' },
    attributions: [
      buildAttribution(SECOND, {
        id: 'a1',
        source: 'Varenko',
        actor: 'act1',
        cue: 'repeated',
        content: ['the brickworks had been sealed'],
      }),
    ],
    actors: [
      buildActor(SECOND, { id: 'act1', name: 'Varenko', type: 'person', role: null, affiliation: null }),
      buildActor(SECOND, {
        id: 'act2',
        name: 'Lantern Watch',
        type: 'ngo',
        role: null,
        affiliation: null,
        aliases: ['the Lantern Watch group'],
      }),
    ],
    places: [],
    dates: [],
    figures: [],
    events: [],
  };
}

runOnBackends('case actor registry', (getStore) => {
  async function twoSources(): Promise<{ caseId: string; first: string; second: string }> {
    const store = getStore();
    const caseName = uniqueCaseName();
    const a = await insertSource(store, { caseName, text: FICTIONAL_REPORT });
    const b = await insertSource(store, { caseName, text: SECOND });
    await saveExtraction(store, a.sourceId, buildReportExtraction(), 'v1');
    await saveExtraction(store, b.sourceId, secondExtraction(), 'v1');
    return { caseId: a.caseId, first: a.sourceId, second: b.sourceId };
  }

  it('merges the same person across sources by surname alias into one case actor', async () => {
    const store = getStore();
    const { caseId } = await twoSources();
    const page = await listCaseActors(store.db, { caseId });
    assert.deepEqual(
      page.items.map((a) => a.name),
      ['Ilsa Varenko', 'Lantern Watch', 'Northern Ministry'],
    );
    const mayor = page.items.find((a) => a.name === 'Ilsa Varenko')!;
    assert.equal(mayor.role, 'Mayor');
    assert.equal(mayor.mentionCount, 2);
    assert.equal(mayor.attributionCount, 3);
  });

  it('finds an actor by id or by any alias', async () => {
    const store = getStore();
    const { caseId } = await twoSources();
    const byAlias = await findCaseActor(store.db, caseId, 'varenko');
    const byId = await findCaseActor(store.db, caseId, byAlias.id);
    assert.equal(byId.name, 'Ilsa Varenko');
    await assert.rejects(findCaseActor(store.db, caseId, 'Nobody Atall'), (e) =>
      isCorroborateError(e, 'not_found'),
    );
  });

  it('merges two actors, moving their attributions and logging the edit', async () => {
    const store = getStore();
    const { caseId } = await twoSources();
    const ministry = await findCaseActor(store.db, caseId, 'Northern Ministry');
    const watch = await findCaseActor(store.db, caseId, 'Lantern Watch');
    const merged = await mergeCaseActors(store, {
      into: ministry.id,
      from: watch.id,
      actor: 'test',
      rationale: 'fixture',
    });
    assert.ok(merged.aliases.includes('Lantern Watch'));
    const after = await listCaseActors(store.db, { caseId });
    assert.equal(after.items.length, 2);
    const spoken = await listAttributions(store.db, { caseId, caseActorId: ministry.id });
    assert.equal(spoken.items.length, 2);
    assert.equal((await findCaseActor(store.db, caseId, 'Lantern Watch')).id, ministry.id);
    const entry = await store.db
      .selectFrom('custody_entries')
      .select(['action', 'object_id'])
      .where('action', '=', 'actor.merged')
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.object_id, ministry.id);
    await assert.rejects(mergeCaseActors(store, { into: ministry.id, from: watch.id, actor: 'test' }), (e) =>
      isCorroborateError(e, 'conflict'),
    );
  });

  it("splits one source's mention off into a new actor with its attributions", async () => {
    const store = getStore();
    const { caseId, second } = await twoSources();
    const mayor = await findCaseActor(store.db, caseId, 'Ilsa Varenko');
    const mentions = await listActorMentions(store.db, mayor.id);
    const fromSecond = mentions.find((m) => m.sourceId === second)!;
    const split = await splitCaseActor(store, {
      actorId: mayor.id,
      mentions: [fromSecond.id],
      name: 'Oren Varenko',
      actor: 'test',
      rationale: 'a different Varenko',
    });
    assert.equal(split.name, 'Oren Varenko');
    const moved = await listAttributions(store.db, { caseId, caseActorId: split.id });
    assert.deepEqual(
      moved.items.map((a) => a.sourceId),
      [second],
    );
    const stayed = await listAttributions(store.db, { caseId, caseActorId: mayor.id });
    assert.equal(stayed.items.length, 2);
    await assert.rejects(
      splitCaseActor(store, { actorId: mayor.id, mentions: ['ea_missing'], actor: 'test' }),
      (e) => isCorroborateError(e, 'invalid_input') && e.message.includes('ea_missing'),
    );
  });

  it('renames an actor and keeps the old name as an alias', async () => {
    const store = getStore();
    const { caseId } = await twoSources();
    const ministry = await findCaseActor(store.db, caseId, 'Northern Ministry');
    const renamed = await renameCaseActor(store, {
      actorId: ministry.id,
      name: 'Northern Ministry of Defence',
      actor: 'test',
    });
    assert.equal(renamed.name, 'Northern Ministry of Defence');
    assert.ok(renamed.aliases.includes('Northern Ministry'));
    assert.equal((await findCaseActor(store.db, caseId, 'northern ministry of defence')).id, ministry.id);
    await assert.rejects(
      renameCaseActor(store, { actorId: ministry.id, name: 'Lantern Watch', actor: 'test' }),
      (e) => isCorroborateError(e, 'conflict'),
    );
  });

  it("links later extractions through a renamed actor's old name", async () => {
    const store = getStore();
    const { caseId } = await twoSources();
    const mayor = await findCaseActor(store.db, caseId, 'Ilsa Varenko');
    await renameCaseActor(store, { actorId: mayor.id, name: 'Ilsa M. Varenko', actor: 'test' });
    const third = await insertSource(store, {
      caseName: (
        await store.db.selectFrom('cases').select('name').where('id', '=', caseId).executeTakeFirstOrThrow()
      ).name,
      text: SECOND,
    });
    await saveExtraction(store, third.sourceId, secondExtraction(), 'v1');
    const spoken = await listAttributions(store.db, { caseId, sourceId: third.sourceId });
    assert.equal(spoken.items[0]?.caseActorId, mayor.id);
  });

  it('creates one case actor when two sources naming it are stored at the same time', async () => {
    const store = getStore();
    const caseName = uniqueCaseName();
    const sources = [];
    for (let i = 0; i < 4; i++) sources.push(await insertSource(store, { caseName, text: SECOND }));
    await Promise.all(sources.map((s) => saveExtraction(store, s.sourceId, secondExtraction(), 'v1')));
    const page = await listCaseActors(store.db, { caseId: sources[0]!.caseId });
    assert.deepEqual(
      page.items.map((a) => [a.name, a.mentionCount]),
      [
        ['Lantern Watch', 4],
        ['Varenko', 4],
      ],
    );
  });

  it('leaves an explicitly reattributed attribution with its reviewer-chosen speaker on split', async () => {
    const store = getStore();
    const { caseId, second } = await twoSources();
    const mayor = await findCaseActor(store.db, caseId, 'Ilsa Varenko');
    const [spoken] = (await listAttributions(store.db, { caseId, sourceId: second })).items;
    await reviewAttribution(store, {
      attributionId: spoken!.id,
      action: 'reattribute',
      caseActorId: mayor.id,
      actor: 'test',
    });
    const mention = (await listActorMentions(store.db, mayor.id)).find((m) => m.sourceId === second)!;
    await splitCaseActor(store, {
      actorId: mayor.id,
      mentions: [mention.id],
      name: 'Oren Varenko',
      actor: 'test',
    });
    const after = (await listAttributions(store.db, { caseId, sourceId: second })).items[0];
    assert.equal(after?.caseActorId, mayor.id);
  });
});
