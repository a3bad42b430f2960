// Fictional sentences (invented places, people and organisations) for helper D's span repairs (eighth pass).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/extract/attributions.ts';
import { shape, summary } from '../helpers/attribution.ts';

describe('extractAttributions (eighth pass, helper D)', () => {
  it('gives a noun cue opened by an evaluative adjective no source', () => {
    const found = extractAttributions('Unconfirmed reports that the bridge was mined circulated on Telegram.');
    assert.deepEqual(shape(found, 'reports'), [null, 'reports', ['that the bridge was mined']], summary(found));
  });

  it('reads no cue in a trial\'s idioms: closing arguments, reasonable doubt', () => {
    const closing = extractAttributions('The prosecutor of Dunmere said in closing arguments that the defendant ordered the killings.');
    assert.equal(shape(closing, 'arguments'), undefined, summary(closing));
    const doubt = extractAttributions('The court found the commander guilty beyond reasonable doubt of ordering the attack on Keshet.');
    assert.equal(shape(doubt, 'doubt of ordering'), undefined, summary(doubt));
    assert.equal(shape(doubt, 'doubt'), undefined, summary(doubt));
    const emotion = extractAttributions('The defendant from Dunmere showed no emotion as the verdict was read.');
    assert.equal(shape(emotion, 'showed'), undefined, summary(emotion));
  });

  it('reads no denial in a thing withheld ("were denied medical care")', () => {
    const passive = extractAttributions('Detainees at the Orvel camp were denied medical care for weeks, the report said.');
    assert.equal(shape(passive, 'were denied'), undefined, summary(passive));
    const active = extractAttributions('Guards denied the prisoners access to lawyers, the commission found.');
    assert.equal(shape(active, 'denied'), undefined, summary(active));
    // a claim denied stays a denial
    const claim = extractAttributions('The ministry denied that its troops entered Orvel.');
    assert.deepEqual(shape(claim, 'denied'), ['The ministry', 'denied', ['that its troops entered Orvel']], summary(claim));
  });

  it('gives a cue the subject before a relative clause set off by commas, not a pronoun inside the clause', () => {
    const found = extractAttributions(
      'A resident of the village, who spoke on condition of anonymity because he feared reprisals, told the Harrow Courier that soldiers burned three houses.',
    );
    assert.equal(shape(found, 'told')?.[0], 'A resident of the village, who spoke on condition of anonymity because he feared reprisals', summary(found));
    const teacher = extractAttributions(
      'A teacher in the town, who spoke on condition of anonymity because she feared arrest, told the Courier that the militia shot two boys.',
    );
    assert.equal(shape(teacher, 'told')?.[0], 'A teacher in the town, who spoke on condition of anonymity because she feared arrest', summary(teacher));
  });

  it('starts the words before a speech verb set off by commas after a dash ("— but not, he says, by the police")', () => {
    const found = extractAttributions('Three houses in Orvel were burned — but not, he says, by the soldiers.');
    assert.deepEqual(shape(found, 'says'), ['he', 'says', ['but not', 'by the soldiers']], summary(found));
  });
});
