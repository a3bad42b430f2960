import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ANY_CUE_SHARES_BOUNDARY, EVENT_CUES, classifyContent, extractEvents } from '../../src/extract/events.ts';
import type { Attribution } from '../../src/extract/types.ts';

function buildAttribution(id: string, content: string): Attribution {
  return { id, source: null, cue: { start: 0, end: 0, text: '' }, content: [{ start: 0, end: content.length, text: content }], stance: 'assert', quote: 'indirect', channel: null, basis: [], parent: null, confidence: 1 };
}

describe('classifyContent', () => {
  it('scans for every cue at once with their shared word boundary', () => {
    assert.equal(ANY_CUE_SHARES_BOUNDARY, true);
  });

  it('types a content exactly as testing each cue on its own would', () => {
    const samples = [
      'Dozens of civilians were killed in the shelling of the market.',
      'The skilled workers were unbombed and overexecuted, in words only.',
      'Prisoners said they were tortured and beaten; others were deported.',
      'An unrelated statement about the economy and trade.',
      'ExTrAjUdIcIaL killings and MASS GRAVES were reported near the town.',
      'Aid convoys were blocked at the checkpoint for days.',
      'x'.repeat(200) + ' hostages ' + 'y'.repeat(200),
    ];
    for (const content of samples) {
      const expected: string[] = [];
      const scored: [string, number][] = [];
      for (const [type, cues] of Object.entries(EVENT_CUES)) {
        let score = 0;
        for (const [re, w] of cues) if (re.test(content)) score += w;
        if (score >= 1) scored.push([type, score]);
      }
      for (const [t] of scored.sort((a, b) => b[1] - a[1])) expected.push(t);
      assert.deepEqual(classifyContent(content), expected.length === 0 ? ['other'] : expected, content);
    }
  });

  it('types a content with every event it describes', () => {
    const types = classifyContent('Russia is operating mobile crematoria in Mariupol, burning the bodies of dead civilians and covering up evidence of war crimes');
    assert.ok(types.includes('concealment_of_evidence'));
    assert.ok(types.includes('killing_of_civilians'));
  });

  it('recognises each type of the taxonomy', () => {
    assert.equal(classifyContent('they were shot in the head with their hands tied behind their backs')[0], 'execution');
    assert.equal(classifyContent('detainees were tortured with electric shocks')[0], 'torture_ill_treatment');
    assert.equal(classifyContent('soldiers raped women in the village')[0], 'sexual_violence');
    assert.equal(classifyContent('men were abducted and held incommunicado')[0], 'enforced_disappearance_detention');
    assert.equal(classifyContent('children were deported to Russia')[0], 'deportation_forced_transfer');
    assert.equal(classifyContent('artillery shelling hit a residential block')[0], 'attack_on_civilians');
    assert.equal(classifyContent('the town has been completely decimated')[0], 'destruction_of_property');
    assert.equal(classifyContent('barring the Red Cross from entering the city with humanitarian aid')[0], 'obstruction_of_humanitarian_access');
  });

  it('falls back to other when nothing matches', () => {
    assert.deepEqual(classifyContent('he is not surprised by the reports'), ['other']);
  });
});

describe('extractEvents', () => {
  it('groups attribution ids by event type', () => {
    const events = extractEvents([buildAttribution('a1', 'at least 410 civilians were killed'), buildAttribution('a2', 'around 5,000 people have been killed'), buildAttribution('a3', 'nothing new')]);
    assert.deepEqual(events.find((e) => e.type === 'killing_of_civilians')?.attributions, ['a1', 'a2']);
    assert.deepEqual(events.find((e) => e.type === 'other')?.attributions, ['a3']);
  });
});
