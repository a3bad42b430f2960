// Fictional sentences (invented places, people and organisations) for the eighth pass's repair rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/extract/attributions.ts';
import { shape, summary } from '../helpers/attribution.ts';

describe('extractAttributions (eighth pass)', () => {
  it('reads a figure put at a value and a statement disputed after its subject as cues', () => {
    const toll = extractAttributions('The regional health ministry put the death toll at 41 on Tuesday.');
    assert.deepEqual(shape(toll, 'put'), ['The regional health ministry', 'put', ['the death toll at 41 on Tuesday']], summary(toll));
    const account = extractAttributions('Three soldiers said the unit had fired only at armed men. A fourth soldier disputed this account.');
    assert.deepEqual(shape(account, 'disputed'), ['A fourth soldier', 'disputed', ['this account']], summary(account));
    // not a figure reported: "put a number on it"
    assert.equal(shape(extractAttributions('I will put a number on it to give it more meat.'), 'put'), undefined);
  });

  it('takes a coordinated list of noun phrases and the infinitive after it into the content', () => {
    const found = extractAttributions('The group calls on the army, the police and the courts to investigate the killings.');
    assert.deepEqual(shape(found, 'calls on')?.[2], ['the army, the police and the courts to investigate the killings'], summary(found));
    const possessive = extractAttributions(
      "Relatives of the dead called on the assembly, the courts and the prosecutor's office to open criminal proceedings.",
    );
    assert.deepEqual(
      shape(possessive, 'called on')?.[2],
      ["the assembly, the courts and the prosecutor's office to open criminal proceedings"],
      summary(possessive),
    );
    // ", and" after one noun phrase coordinates clauses, not a list
    const clause = extractAttributions('The council called on the governor, and the mayor said nothing.');
    assert.deepEqual(shape(clause, 'called on')?.[2], ['the governor'], summary(clause));
  });

  it('ends a noun cue\'s "that" clause opening the sentence before the main predicate', () => {
    const found = extractAttributions('Claims that the convoy was shelled remain unverified.');
    assert.deepEqual(shape(found, 'Claims'), [null, 'Claims', ['that the convoy was shelled']], summary(found));
    // a clause reported inside the "that" clause keeps its verb ("said the soldiers were drunk")
    const inner = extractAttributions('Remarks that the general said the soldiers were drunk are false.');
    assert.deepEqual(shape(inner, 'Remarks')?.[2], ['that the general said the soldiers were drunk'], summary(inner));
  });

  it('gives "according to" between a subject and its predicate the clause around it', () => {
    const found = extractAttributions(
      'A spokesman for the Interior Ministry, according to the ministry\'s press office, rejected claims of police involvement as «speculation».',
    );
    assert.deepEqual(
      shape(found, 'according to'),
      ["the ministry's press office", 'according to', ['A spokesman for the Interior Ministry', 'rejected claims of police involvement as «speculation»']],
      summary(found),
    );
    // at the sentence's end it reports the clause before it, as before
    const final = extractAttributions('Nine men were taken from their homes, according to residents.');
    assert.deepEqual(shape(final, 'according to')?.[2], ['Nine men were taken from their homes'], summary(final));
  });

  it('reads guillemets as quotation marks: a split quotation with its inverted source', () => {
    const found = extractAttributions('«They came at four in the morning,» says Marta Kovel, 61, «and they took my son without shoes.»');
    assert.deepEqual(
      shape(found, 'says'),
      ['Marta Kovel, 61,', 'says', ['«They came at four in the morning,»', '«and they took my son without shoes.»']],
      summary(found),
    );
  });

  it('reads "has reasonable grounds to believe" as one cue', () => {
    const found = extractAttributions(
      'The Commission has reasonable grounds to believe that the Seventh Armoured Brigade deliberately targeted the hospital.',
    );
    assert.deepEqual(
      shape(found, 'has reasonable grounds to believe'),
      ['The Commission', 'has reasonable grounds to believe', ['that the Seventh Armoured Brigade deliberately targeted the hospital']],
      summary(found),
    );
  });

  it('gives a participle after a clause that clause\'s subject, and no cue a lone "that" of another verb', () => {
    const found = extractAttributions(
      'The tribunal acquitted Volsky on one count of pillage, finding that the prosecution had not proved that he knew of the looting.',
    );
    assert.equal(found.find((a) => a.cue.text === 'finding')?.source?.text, 'The tribunal', summary(found));
    const noting = extractAttributions(
      'The judges said they found the insiders credible, noting that their accounts were corroborated by forensic evidence from three mass graves.',
    );
    assert.equal(shape(noting, 'were corroborated'), undefined, summary(noting));
  });

  it('takes a subject with its relative clause whole, and drops a participle inside an "according to" source', () => {
    const hague = extractAttributions('Survivors who travelled to The Hague welcomed the ruling.');
    assert.equal(shape(hague, 'welcomed')?.[0], 'Survivors who travelled to The Hague', summary(hague));
    const farmer = extractAttributions('A farmer who lives at the edge of the village told reporters the soldiers came at night.');
    assert.deepEqual(
      shape(farmer, 'told'),
      ['A farmer who lives at the edge of the village', 'told', ['the soldiers came at night']],
      summary(farmer),
    );
    const police = extractAttributions(
      'The regional police, according to a statement published on its website, «did not conduct any operation in Vessa».',
    );
    assert.equal(shape(police, 'published on'), undefined, summary(police));
  });

  it('leaves a headline\'s "How" out of the source, and reads "added to …" with nothing said as no cue', () => {
    const how = extractAttributions('How a video from Teller Road shows soldiers executing bound men');
    assert.equal(shape(how, 'shows')?.[0], 'a video from Teller Road', summary(how));
    const added = extractAttributions('Human rights groups said the footage added to mounting evidence of summary executions in the region.');
    assert.equal(shape(added, 'added'), undefined, summary(added));
  });

  it('reads a contesting verb coordinated with an earlier cue as a sibling cue sharing its source', () => {
    const found = extractAttributions(
      "The government of Kessaria said it respected the independence of the court but disputed the tribunal's findings.",
    );
    assert.deepEqual(shape(found, 'disputed'), ['The government of Kessaria', 'disputed', ["the tribunal's findings"]], summary(found));
    assert.deepEqual(shape(found, 'said')?.[2], ['it respected the independence of the court'], summary(found));
  });

  it('reads "…, as X claimed." as X reporting the clause before "as"', () => {
    const found = extractAttributions('The video was filmed in Branovac, not in the neighbouring region as pro-government accounts claimed.');
    assert.deepEqual(
      shape(found, 'claimed'),
      ['pro-government accounts', 'claimed', ['The video was filmed in Branovac, not in the neighbouring region']],
      summary(found),
    );
    const mayor = extractAttributions('The city was largely destroyed, as the mayor said on Monday.');
    assert.deepEqual(shape(mayor, 'said'), ['the mayor', 'said', ['The city was largely destroyed']], summary(mayor));
  });

  it('gives a parenthetical "…, the mayor says, …" the clause\'s words after it too', () => {
    const found = extractAttributions('The men were detained, the mayor says, by soldiers from the garrison.');
    assert.deepEqual(shape(found, 'says')?.[2], ['The men were detained', 'by soldiers from the garrison'], summary(found));
    const channel = extractAttributions('The family had been travelling together, wrote Osman Lebel, their nephew, on Facebook.');
    assert.ok(!summary(channel).includes('"on Facebook"'), summary(channel));
  });

  it('takes a name and title set off by commas before a source-less "told" as its source, out of the reported content', () => {
    const found = extractAttributions(
      'The mission has reasonable grounds to believe that at least 40 detainees died in custody, its chair, Leontine Abara, told a news conference.',
    );
    assert.deepEqual(
      shape(found, 'told'),
      ['its chair, Leontine Abara', 'told', ['The mission has reasonable grounds to believe that at least 40 detainees died in custody']],
      summary(found),
    );
    assert.deepEqual(shape(found, 'has reasonable grounds to believe')?.[2], ['that at least 40 detainees died in custody'], summary(found));
  });
});
