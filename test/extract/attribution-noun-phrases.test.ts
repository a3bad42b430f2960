// Repairs of where a speaker's noun phrase ends and its cue begins, and of a participle's source.
// Sentences are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/extract/index.ts';

function summary(text: string): string {
  return JSON.stringify(
    extractAttributions(text).map((a) => [a.source?.text ?? null, a.cue.text, a.content.map((c) => c.text)]),
  );
}

describe('the noun phrase before a cue', () => {
  it('keeps a participle modifier and its noun in the source after a name ("A UN monitoring team said")', () => {
    const found = extractAttributions('A UN monitoring team said it was aware of the reports from Velmora.');
    const said = found.find((a) => a.cue.text === 'said');
    assert.equal(said?.source?.text, 'A UN monitoring team', JSON.stringify(found.map((a) => a.cue.text)));
    assert.equal(said?.content[0]?.text, 'it was aware of the reports from Velmora');
  });

  it('keeps nouns after a name in the source but not an adverb ("Exit polling showed", "Ferrick further alleged")', () => {
    const text =
      'Exit polling showed that turnout in Velmora fell. Ferrick further alleged that the ballots were burned.';
    const found = extractAttributions(text);
    const showed = found.find((a) => a.cue.text === 'showed');
    assert.equal(showed?.source?.text, 'Exit polling', summary(text));
    const alleged = found.find((a) => a.cue.text.endsWith('alleged'));
    assert.equal(alleged?.source?.text, 'Ferrick', summary(text));
  });
});

describe('a source begun inside a name or an "of" phrase', () => {
  it('grows over a name’s capitalised words the lexicon reads as verbs, nouns or adjectives', () => {
    const text =
      'The suit, filed by New York Attorney General Eric Sorrel alleging that the fund had defrauded 5,000 donors, was dismissed.';
    const alleging = extractAttributions(text).find((a) => a.cue.text === 'alleging');
    assert.equal(alleging?.source?.text, 'New York Attorney General Eric Sorrel', summary(text));
  });

  it('takes the whole subject over a possessive and "of" ("The children’s rights office of the United Nations said")', () => {
    const text =
      "The claims could not be independently verified. The children's rights office of the United Nations said it was aware of the reports.";
    const said = extractAttributions(text).find((a) => a.cue.text === 'said');
    assert.equal(said?.source?.text, "The children's rights office of the United Nations", summary(text));
  });
});

describe('a source begun inside a hyphenated compound', () => {
  it('takes the whole compound and its determiner ("One 23-year-[old student] said")', () => {
    const text =
      'Former detainees told Justice Watch that interrogators demanded the names of protest organisers. One 23-year-old student said he was hung from his wrists for hours and given electric shocks.';
    const said = extractAttributions(text).find((a) => a.cue.text === 'said');
    assert.equal(said?.source?.text, 'One 23-year-old student', summary(text));
  });
});

describe('a participle after a reporting clause', () => {
  it('takes the clause’s source, not a span running over the clause’s cue (", citing a source")', () => {
    const text =
      "Local media reported that the prosecutor's office in Velmora had opened a criminal case, citing a source in the office.";
    const citing = extractAttributions(text).find((a) => a.cue.text === 'citing');
    assert.equal(citing?.source?.text, 'Local media', summary(text));
    assert.equal(citing?.content[0]?.text, 'a source in the office');
  });
});

describe('an addressed passive', () => {
  it('takes its "by" agent as the source ("had been told by two survivors that …")', () => {
    const text =
      'Ferrick said investigators had been told by two survivors that the men were taken from their homes at dawn.';
    const told = extractAttributions(text).find((a) => a.cue.text.endsWith('told'));
    assert.equal(told?.source?.text, 'two survivors', summary(text));
    assert.deepEqual(
      told?.content.map((c) => c.text),
      ['that the men were taken from their homes at dawn'],
    );
  });

  it('still has no source without an agent ("had been told to leave")', () => {
    const text =
      'Residents of Velmora had been told to leave their homes before the shelling began, the governor said.';
    const told = extractAttributions(text).find((a) => a.cue.text.endsWith('told'));
    assert.equal(told === undefined || told.source === null, true, summary(text));
  });
});

describe('wire copy', () => {
  it('cuts a dateline whose dash is a spaced hyphen from the content ("SARVAN, Ostmark, June 3 (CPA) - …")', () => {
    const text =
      'SARVAN, Ostmark, June 3 (CPA) - At least 31 people were killed when a missile struck a market in Sarvan on Monday, local health officials said.';
    const said = extractAttributions(text).find((a) => a.cue.text === 'said');
    assert.equal(
      said?.content[0]?.text,
      'At least 31 people were killed when a missile struck a market in Sarvan on Monday',
      summary(text),
    );
  });

  it('ends a source before a relative clause with a cue of its own, after an appositive or a comma', () => {
    const text = [
      '"There were bodies everywhere," said Mira Hask, a vendor who said she survived because she had gone to fetch water.',
      'Residents, who said they saw the convoy, told reporters it had turned back before dawn.',
    ].join('\n\n');
    const found = extractAttributions(text);
    assert.equal(
      found.find((a) => a.content[0]?.text.startsWith('"There'))?.source?.text,
      'Mira Hask, a vendor',
      summary(text),
    );
    const survived = found.find((a) => a.content[0]?.text.startsWith('she survived'));
    assert.equal(survived?.source?.text, 'who', summary(text));
    assert.equal(found.find((a) => a.cue.text === 'told')?.source?.text, 'Residents', summary(text));
  });

  it('ends a relative clause’s content where its main clause resumes ("Two women who said … described …")', () => {
    const text =
      'Two women who said they had been detained at the school described beatings and electric shocks.';
    const found = extractAttributions(text);
    assert.deepEqual(
      found.find((a) => a.source?.text === 'who')?.content.map((c) => c.text),
      ['they had been detained at the school'],
      summary(text),
    );
    assert.equal(found.find((a) => a.cue.text === 'described')?.source?.text, 'Two women', summary(text));
  });

  it('takes a whole subject with a participle and its "by" agent ("Satellite images … reviewed by the Halden Observatory show")', () => {
    const text =
      'Satellite images taken on Tuesday and reviewed by the Halden Observatory show a crater about six metres wide in the middle of the market.';
    const show = extractAttributions(text).find((a) => a.cue.text === 'show');
    assert.equal(
      show?.source?.text,
      'Satellite images taken on Tuesday and reviewed by the Halden Observatory',
      summary(text),
    );
  });

  it('reads a headline passive without "be" as reported, not as its subject reporting ("Dozens reported killed in …")', () => {
    const text = 'Dozens reported killed in Sarvan market strike\n\nThe mayor reported daily to the council.';
    const found = extractAttributions(text);
    const killed = found.find((a) => a.content.some((c) => c.text.includes('killed')));
    assert.ok(killed, summary(text));
    assert.equal(killed.source, null, summary(text));
    assert.ok(
      killed.content.some((c) => c.text === 'Dozens'),
      summary(text),
    );
  });
});

describe('a concession after a report', () => {
  it('ends the report before "…, though X acknowledged …" and "…, although he refused …"', () => {
    const text = [
      'According to figures published by the Kavro Ministry of Social Policy, more than 1,900 children remain unaccounted for across the region, though the ministry acknowledged that the number included children whose families had fled abroad.',
      'He claimed that the convoy had been safe, although he refused to say where it was.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const figures = found.find((a) => a.cue.text === 'According to');
    assert.deepEqual(
      figures?.content.map((c) => c.text),
      ['more than 1,900 children remain unaccounted for across the region'],
      summary(text),
    );
    const claimed = found.find((a) => a.cue.text === 'claimed');
    assert.deepEqual(
      claimed?.content.map((c) => c.text),
      ['that the convoy had been safe'],
      summary(text),
    );
  });
});

describe('a source holding another attribution’s cue', () => {
  it('starts after the cue of the attribution reporting it, and is a participle’s own subject', () => {
    const text = [
      'Prosecutors in Halvern allege that the unit commander, Colonel Ivo Brandt, ordered the attack.',
      'Western officials, citing intelligence assessments, said they believed the gas had been dropped from a helicopter.',
      'Vargas and others seeking asylum in Halvern prefer the term "displaced".',
    ].join('\n\n');
    const found = extractAttributions(text);
    const ordered = found.find((a) => a.cue.text === 'ordered');
    assert.equal(ordered?.source?.text, 'the unit commander, Colonel Ivo Brandt,', summary(text));
    assert.equal(found.find((a) => a.cue.text === 'said')?.source?.text, 'Western officials', summary(text));
    const prefer = found.find((a) => a.cue.text === 'prefer');
    assert.equal(prefer?.source?.text, 'Vargas and others seeking asylum in Halvern', summary(text));
  });
});

describe('words relayed inside a quotation', () => {
  it('are an attribution of their own, nested in the quotation’s, with the speaker opening their clause', () => {
    const text = [
      '"My neighbour ran in and said, \'They are taking the men,\'" she recalled. "I told my husband to hide in the well."',
      '"He was crying. He told me, \'I think they killed them all,\'" the brother-in-law said.',
      '"We use the term \'displaced\' for them," the mayor said.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const neighbour = found.find((a) => a.source?.text === 'My neighbour');
    assert.deepEqual(
      neighbour?.content.map((c) => c.text),
      ["'They are taking the men,'"],
      summary(text),
    );
    const recalled = found.find((a) => a.cue.text === 'recalled');
    assert.equal(neighbour?.parent, recalled?.id);
    const he = found.find((a) => a.source?.text === 'He' && a.cue.text === 'told');
    assert.deepEqual(
      he?.content.map((c) => c.text),
      ["'I think they killed them all,'"],
      summary(text),
    );
    // a noun is no speech verb
    assert.equal(
      found.some((a) => a.cue.text === 'term'),
      false,
      summary(text),
    );
  });
});

describe('a headline', () => {
  it('reports its clause before a final cue without a full stop ("Strike on Velna market kills 12, governor says")', () => {
    const text =
      'Strike on Velna market kills 12, governor says\n\nA missile hit the market on Monday morning.';
    const says = extractAttributions(text).find((a) => a.cue.text === 'says');
    assert.equal(says?.source?.text, 'governor', summary(text));
    assert.deepEqual(
      says?.content.map((c) => c.text),
      ['Strike on Velna market kills 12'],
      summary(text),
    );
  });
});

describe('an opening "According to"', () => {
  it('keeps its source out of the content when a relative clause follows it', () => {
    const text = 'According to the mayor, who cited police figures, 30 bodies were found in the village.';
    const according = extractAttributions(text).find((a) => a.cue.text === 'According to');
    assert.equal(according?.source?.text, 'the mayor', summary(text));
    assert.deepEqual(
      according?.content.map((c) => c.text),
      ['30 bodies were found in the village'],
      summary(text),
    );
  });
});

describe('a cue coordinated with an earlier one', () => {
  it('takes the earlier cue’s source when its own ran over that cue ("… put the death toll at 31, …, and said …")', () => {
    const text =
      'The Ostmark Health Directorate put the death toll at 31, including nine children, and said 74 people had been wounded.';
    const said = extractAttributions(text).find((a) => a.cue.text === 'said');
    assert.equal(said?.source?.text, 'The Ostmark Health Directorate', summary(text));
  });
});

describe('a final cue with a medium after it', () => {
  it('reports the clause before it when the medium has a participle ("…, Justice Watch said in a report released today.")', () => {
    const text =
      "SAN ELIAS, 14 May — Security forces in the Republic of Caldera tortured and ill-treated hundreds of people held in unofficial detention sites during last year's protest crackdown, Justice Watch International said in a report released today.";
    const said = extractAttributions(text).find((a) => a.cue.text.startsWith('said'));
    assert.equal(said?.source?.text, 'Justice Watch International', summary(text));
    assert.match(
      said?.content[0]?.text ?? '',
      /^Security forces in the Republic of Caldera .* crackdown$/,
      summary(text),
    );
  });
});

describe('a nested attribution’s channel', () => {
  it('is none when the channel lies outside its reporter’s content ("told the Gazette by telephone that survivors described …")', () => {
    const text = 'The mayor told the Gazette by telephone that survivors described gunmen arriving at dawn.';
    const found = extractAttributions(text);
    const described = found.find((a) => a.cue.text === 'described');
    assert.ok(described?.parent, summary(text));
    assert.equal(described?.channel, null);
  });
});

describe('an opening question', () => {
  it('ends before the main clause’s speaker ("Asked about …, a military spokesman, Major Tunde Okafor, said …")', () => {
    const text =
      'Asked about reports that an army unit did not respond to calls for help, a military spokesman, Major Tunde Okafor, said the unit had been deployed elsewhere.';
    const asked = extractAttributions(text).find((a) => a.cue.text.startsWith('Asked'));
    assert.deepEqual(
      asked?.content.map((c) => c.text),
      ['reports that an army unit did not respond to calls for help'],
      summary(text),
    );
    assert.equal(asked?.stance, 'hedge');
  });
});
