// Unit tests of the rules applied to each attribution (stance, quote kind, channel, basis, nesting).
// Sentences are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stanceOf } from '../../src/extract/stance.ts';
import { channelOf } from '../../src/extract/channel.ts';
import { basisOf } from '../../src/extract/basis.ts';
import { quoteKindOf } from '../../src/extract/attribution-quote.ts';
import { nest } from '../../src/extract/nesting.ts';
import { at } from '../helpers/spans.ts';
import { attributionOf } from '../helpers/attribution.ts';
import type { Attribution } from '../../src/extract/types.ts';

describe('stanceOf', () => {
  const cases: readonly (readonly [string, string, string, string])[] = [
    ['The ministry denied that troops entered Velka.', 'denied', 'that troops entered Velka', 'deny'],
    ['Officials have not confirmed the reports.', 'confirmed', 'the reports', 'not_confirmed'],
    ['Officials told Radio Vale they have not confirmed the reports.', 'told', 'they have not confirmed the reports', 'not_confirmed'],
    ['The coroner confirmed that four people died.', 'confirmed', 'that four people died', 'confirm'],
    ['The group alleged that shelters were shelled.', 'alleged', 'that shelters were shelled', 'allege'],
    ['The mayor made the charge on Monday, saying he saw trucks.', 'saying', 'he saw trucks', 'allege'],
    ['Analysts suggested the dam may have failed.', 'suggested', 'the dam may have failed', 'hedge'],
    ['The mayor said the bridge was closed.', 'said', 'the bridge was closed', 'assert'],
    ['The mission said that it had not been able to confirm the reports.', 'said', 'that it had not been able to confirm the reports', 'not_confirmed'],
    ['The agency said it was unable to verify the account.', 'said', 'it was unable to verify the account', 'not_confirmed'],
  ];
  for (const [text, cue, content, stance] of cases) {
    it(`reads "${cue}" in "${text}" as ${stance}`, () => {
      const { ctx, a } = at(text, cue, content);
      assert.equal(stanceOf(ctx, a), stance);
    });
  }
});

describe('quoteKindOf', () => {
  it('tells direct, indirect and mixed content apart', () => {
    const direct = at('“We will rebuild,” said the mayor.', 'said', '“We will rebuild,”');
    assert.equal(quoteKindOf(direct.ctx, direct.a), 'direct');
    const indirect = at('The mayor said they would rebuild.', 'said', 'they would rebuild');
    assert.equal(quoteKindOf(indirect.ctx, indirect.a), 'indirect');
    const mixed = at('The mayor said the town was “cleaning up” before the visit.', 'said', 'the town was “cleaning up” before the visit');
    assert.equal(quoteKindOf(mixed.ctx, mixed.a), 'mixed');
  });
});

describe('channelOf', () => {
  it('finds statements, interviews, platforms and "told OUTLET" outside the content', () => {
    const s = at('In a statement released on its Telegram channel, the council said roads were cut.', 'said', 'roads were cut');
    assert.equal(channelOf(s.ctx, s.a), 'a statement released on its Telegram channel');
    const i = at('In an interview with Lindmoor radio, the governor said aid was blocked.', 'said', 'aid was blocked');
    assert.equal(channelOf(i.ctx, i.a), 'an interview with Lindmoor radio');
    const t = at('Two officers told Radio Vale on Friday that the depot burned.', 'told', 'that the depot burned');
    assert.equal(channelOf(t.ctx, t.a), 'told Radio Vale');
    const none = at('The mayor said the bridge was closed.', 'said', 'the bridge was closed');
    assert.equal(channelOf(none.ctx, none.a), null);
  });

  it('finds a prepositional channel whatever its case, multi-word medium or modifiers', () => {
    const upper = at('IN A PRESS RELEASE, the ministry said the crossing was shut.', 'said', 'the crossing was shut');
    assert.equal(channelOf(upper.ctx, upper.a), 'A PRESS RELEASE');
    const modified = at('During a televised news conference on Monday, the minister said troops had left.', 'said', 'troops had left');
    assert.equal(channelOf(modified.ctx, modified.a), 'a televised news conference on Monday');
    const noMedium = at('In the morning, the council said water was running again.', 'said', 'water was running again');
    assert.equal(channelOf(noMedium.ctx, noMedium.a), null);
  });
});

describe('basisOf', () => {
  it('finds stated bases in the sentence and content', () => {
    const e = at('The mayor said he heard eyewitness accounts of trucks.', 'said', 'he heard eyewitness accounts of trucks');
    assert.deepEqual(basisOf(e.ctx, e.a), ['eyewitness']);
    const c = at('The senator said “credible sources” told him so.', 'said', '“credible sources” told him so');
    assert.deepEqual(basisOf(c.ctx, c.a), ['credible_sources']);
    const f = at('The report says satellite images and autopsy results show burns.', 'says', 'satellite images and autopsy results show burns');
    assert.deepEqual(basisOf(f.ctx, f.a), ['imagery', 'forensic']);
  });

  it('reads the next sentence when it continues with the same speaker', () => {
    const text = 'A report by Kestrel Watch claims abuses took place. The organization said it interviewed more than 30 people.';
    const { ctx, a } = at(text, 'claims', 'abuses took place');
    assert.deepEqual(basisOf(ctx, a), ['interviews']);
  });
});

describe('nest', () => {
  const span = (start: number, end: number): { start: number; end: number; text: string } => ({ start, end, text: '' });
  const build = (id: string, cue: [number, number], content: [number, number]): Attribution =>
    attributionOf(id, { source: null, cue: span(...cue), content: [span(...content)] });

  it('links an attribution to the innermost content containing its cue', () => {
    const outer = build('a1', [0, 4], [5, 100]);
    const middle = build('a2', [10, 14], [15, 90]);
    const inner = build('a3', [20, 24], [25, 80]);
    const result = nest([outer, middle, inner]);
    assert.deepEqual(result.map((a) => a.parent), [null, 'a1', 'a2']);
  });

  it('never lets attributions report each other', () => {
    // each content holds the other's cue: the first loses its parent, the second keeps it
    const a = build('a1', [0, 4], [5, 60]);
    const b = build('a2', [30, 34], [0, 29]);
    const result = nest([a, b]);
    assert.deepEqual(result.map((x) => x.parent), [null, 'a1']);
  });
});
