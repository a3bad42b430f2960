// The reference article is a real news report (../shared/corpus/seed); the other texts are fictional.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractAttributions } from '../../src/extract/attributions.ts';
import { extract, EXTRACTOR_VERSION } from '../../src/extract/index.ts';
import { summary } from '../helpers/attribution.ts';
import type { Attribution } from '../../src/extract/types.ts';

const REFERENCE = readFileSync(
  new URL('../../../shared/corpus/seed/mariupol-mobile-crematoria.txt', import.meta.url),
  'utf8',
);
const found = extractAttributions(REFERENCE);

function find(source: RegExp, content: RegExp): Attribution {
  const a = found.find(
    (x) => source.test(x.source?.text ?? '') && x.content.some((c) => content.test(c.text)),
  );
  assert.ok(a, `no attribution from ${source} with content ${content}`);
  return a;
}

/** Source, cue and contents of each attribution, for an assertion's message. */

describe('extractAttributions on the reference article', () => {
  it('keeps offsets and texts consistent', () => {
    for (const a of found) {
      for (const s of [a.cue, ...a.content, ...(a.source === null ? [] : [a.source])]) {
        assert.equal(REFERENCE.slice(s.start, s.end), s.text);
      }
    }
  });

  it('finds the mayor alleging mobile crematoria on eyewitness accounts', () => {
    const a = find(/^Mariupol Mayor Vadym Boychenko$/, /eyewitness accounts/);
    assert.equal(a.stance, 'allege');
    assert.ok(a.basis.includes('eyewitness'));
  });

  it('finds the mayor’s estimate of about 5,000 killed as a hedged statement', () => {
    const a = found.find(
      (x) => /estimated/.test(x.cue.text) && x.content.some((c) => /5,000 people/.test(c.text)),
    );
    assert.ok(a);
    assert.equal(a.stance, 'hedge');
    // "Boychenko said … and estimated that …": the coordinated cue shares its subject
    assert.equal(a.source?.text, 'Boychenko');
  });

  it('finds the city council statement on Facebook about witnesses', () => {
    const a = find(/Mariupol City Council/, /witnesses have seen evidence/);
    assert.equal(a.channel, 'a statement released on its Facebook account');
    assert.ok(a.basis.includes('eyewitness'));
    assert.equal(a.quote, 'direct');
  });

  it('finds US defense officials not confirming, told ABC News', () => {
    const a = find(/U\.S\. defense officials/, /have not confirmed the allegations/);
    assert.equal(a.stance, 'not_confirmed');
    assert.equal(a.channel, 'told ABC News');
  });

  it('finds Moulton’s statements, including the credible sources about Crimea', () => {
    const moulton = found.filter((x) => /Moulton/.test(x.source?.text ?? ''));
    assert.ok(moulton.length >= 4);
    const crimea = find(/Moulton/, /credible sources/);
    assert.ok(crimea.basis.includes('credible_sources'));
  });

  it('finds Zelenskyy alleging, in an interview with Turkish media, that soldiers were cleaning up', () => {
    const a = find(/Zelenskyy/, /cleaning up/);
    assert.equal(a.stance, 'allege');
    assert.equal(a.channel, 'an interview with Turkish media this week');
    assert.equal(a.quote, 'mixed');
  });

  it('finds Ukrainian officials reporting at least 410 civilians killed in Bucha', () => {
    find(/^Ukrainian officials$/, /at least 410 civilians were killed in Bucha/);
  });

  it('finds Amnesty International’s report claiming war crimes, resting on interviews', () => {
    const a = find(/Amnesty International/, /war crimes/);
    assert.equal(a.cue.text, 'claims');
    assert.equal(a.stance, 'allege');
    assert.ok(a.basis.includes('interviews'));
  });

  it('finds the organization’s interviews with more than 20 people', () => {
    const a = find(/The organization/, /interviewed more than 20 people/);
    assert.ok(a.basis.includes('interviews'));
  });

  it('finds Russia denying atrocities', () => {
    const a = find(/^Russia$/, /committing atrocities/);
    assert.equal(a.stance, 'deny');
  });

  it('resolves pronoun sources as their own spans ("He said")', () => {
    const a = find(/^He$/, /the sources told him/);
    assert.equal(a.cue.text, 'said');
  });

  it('nests an attribution inside the content of the one that reports it', () => {
    const inner = find(/^the sources$/, /Russia was using the devices/);
    const outer = find(/^He$/, /the sources told him/);
    assert.equal(inner.parent, outer.id);
  });
});

describe('extractAttributions on fictional sentences', () => {
  it('handles inverted and split direct quotes', () => {
    const text = '“The dam will hold,” said Mayor Tomas Kreel of Ostrava Vale. “We checked it twice.”';
    const [a] = extractAttributions(text);
    assert.ok(a);
    assert.equal(a.cue.text, 'said');
    assert.equal(a.source?.text, 'Mayor Tomas Kreel of Ostrava Vale');
    assert.equal(a.quote, 'direct');
  });

  it('keeps both halves of a quotation split by its cue and source', () => {
    const text =
      'The council met on Monday. “Nobody has been paid since March,” Halden said, “and the shelters are full.” The next session is in May.';
    const [a] = extractAttributions(text);
    assert.ok(a);
    assert.equal(a.source?.text, 'Halden');
    assert.deepEqual(
      a.content.map((c) => c.text),
      ['“Nobody has been paid since March,”', '“and the shelters are full.”'],
    );
    assert.equal(a.quote, 'direct');
  });

  it('handles "according to"', () => {
    const text = 'Forty homes were flooded in Lindmoor, according to the regional fire service.';
    const [a] = extractAttributions(text);
    assert.ok(a);
    assert.equal(a.cue.text, 'according to');
    assert.equal(a.source?.text, 'the regional fire service');
  });

  it('gives a cue coordinated with an earlier one the same source, as a sibling', () => {
    const text =
      'Governor Ilse Varro said the bridge at Kettering Ford was destroyed overnight and estimated that forty families had lost their homes.';
    const found = extractAttributions(text);
    const estimate = found.find((a) => a.cue.text === 'estimated');
    assert.ok(estimate, 'no attribution for "estimated"');
    assert.equal(estimate.source?.text, 'Governor Ilse Varro');
    // siblings, not one reporting the other: the first content ends before "and"
    const said = found.find((a) => a.cue.text === 'said');
    assert.deepEqual(said?.content.map((c) => c.text), ['the bridge at Kettering Ford was destroyed overnight']);
    assert.equal(estimate.parent, null);
    // a cue of the next sentence keeps its own subject
    const next = extractAttributions(
      'Governor Ilse Varro said the bridge at Kettering Ford was destroyed. But engineers estimated that it could be rebuilt by May.',
    ).find((a) => a.cue.text === 'estimated');
    assert.equal(next?.source?.text, 'engineers');
  });

  it('repairs sources: a wire dateline, a time phrase, a trailing relative pronoun', () => {
    const text = [
      'VELMARA, Ostland (NWA) — Flood wardens said on Monday that the levee at Orrin had failed twice.',
      'The Ostland Water Board, which last week called the reports "alarmist," said its engineers would inspect the levee.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const sources = found.map((a) => a.source?.text ?? null);
    assert.ok(sources.includes('Flood wardens'), `sources: ${JSON.stringify(sources)}`);
    assert.ok(!sources.some((s) => s !== null && /—|^last week$|, which$/.test(s)), `sources: ${JSON.stringify(sources)}`);
  });

  it('keeps a cue’s prepositional object out of the content and ends the channel before "that"', () => {
    const text =
      'The Orrin Survey Institute said in a report published on its website that 14 of the 20 houses had been flooded.';
    const [a] = extractAttributions(text);
    assert.ok(a);
    assert.deepEqual(a.content.map((c) => c.text), ['that 14 of the 20 houses had been flooded']);
    assert.equal(a.channel, 'a report published on its website');
  });

  it('gives the clause before "…, the board said" whole to that cue, with the cue inside it nested', () => {
    const text = 'Gauge records showed the river rose between May 1 and May 4, the board said.';
    const found = extractAttributions(text);
    const said = found.find((a) => a.cue.text === 'said');
    assert.ok(said);
    assert.deepEqual(said.content.map((c) => c.text), ['Gauge records showed the river rose between May 1 and May 4']);
    const showed = found.find((a) => a.cue.text === 'showed');
    if (showed !== undefined) assert.equal(showed.parent, said.id);
  });

  it('gives a reported attribution the noun phrase before its cue as source, and no channel of its own', () => {
    const text =
      'In a statement on its website, the Orrin Valley council said that farmers of the upper valley have seen soldiers digging trenches behind the mill.';
    const found = extractAttributions(text);
    const said = found.find((a) => a.cue.text === 'said');
    const seen = found.find((a) => a.cue.text === 'have seen');
    assert.ok(said && seen);
    assert.equal(said.channel, 'a statement on its website');
    assert.equal(seen.parent, said.id);
    assert.equal(seen.source?.text, 'farmers of the upper valley');
    assert.equal(seen.channel, null);
    assert.deepEqual(seen.content.map((c) => c.text), ['soldiers digging trenches behind the mill']);
  });

  it('gives "…, he said." the clause before it, not the next sentence’s quotation', () => {
    const text =
      'Jonas Varro briefed reporters. A team of inspectors tried to reach the northern district of the town last week, but was stopped at a checkpoint and refused access, he said. "We have looked into these reports and we take them seriously," Varro said.';
    const found = extractAttributions(text);
    const he = found.find((a) => a.source?.text === 'he');
    assert.ok(he);
    assert.deepEqual(he.content.map((c) => c.text), [
      'A team of inspectors tried to reach the northern district of the town last week, but was stopped at a checkpoint and refused access',
    ]);
  });

  it('reads "VELMARA — …, the town’s fire chief said, as …": cue at the verb, clause without the dateline', () => {
    const text =
      'VELMARA, Ostland — At least nine people were hurt when a footbridge collapsed on Sunday, the town\'s fire chief said, as rescuers searched the river.';
    const [a] = extractAttributions(text);
    assert.ok(a);
    assert.equal(a.cue.text, 'said');
    assert.equal(a.source?.text, "the town's fire chief");
    assert.deepEqual(a.content.map((c) => c.text), ['At least nine people were hurt when a footbridge collapsed on Sunday']);
  });

  it('ends a relative clause’s content at the comma where the main clause resumes', () => {
    const text =
      'The Ostland Water Board, which last week called the reports "alarmist," did not respond to a request for comment on Friday.';
    const called = extractAttributions(text).find((a) => a.cue.text === 'called');
    assert.ok(called, 'no attribution for "called"');
    assert.deepEqual(called.content.map((c) => c.text), ['the reports "alarmist,"']);
  });

  it('gives a cue coordinated with a reported clause that clause’s subject, not the reporter', () => {
    const text =
      'He said the commission had received letters from farmers that matched the survey and had asked the Ostland army for access to the dam on two occasions.';
    const asked = extractAttributions(text).find((a) => /asked/.test(a.cue.text));
    assert.ok(asked, 'no attribution for "had asked"');
    assert.equal(asked.source?.text, 'the commission');
    assert.match(asked.content[0]?.text ?? '', /^the Ostland army for access/);
  });

  it('starts sources and contents at the start of their noun phrase', () => {
    const text = 'Access to the northern district has been refused to relief agencies, and the Ostland garrison has asked the Velmara council for maps.';
    const found = extractAttributions(text);
    for (const a of found) {
      for (const s of [a.source, ...a.content]) {
        if (s === null) continue;
        assert.doesNotMatch(s.text, /^(?:northern|district|garrison|Ostland garrison|Velmara council|council)\b/, summary(found));
      }
    }
  });

  it('gives a quotation its speaker’s next quoted sentence when no other cue claims it', () => {
    const text =
      '“It is finished,” she said of the vote in Orrin, in which she was sure the council would fail and more and more people would at last see the truth. “In my head, anyway.”';
    const said = extractAttributions(text).find((a) => a.cue.text === 'said');
    assert.deepEqual(said?.content.map((c) => c.text), ['“It is finished,”', '“In my head, anyway.”']);
    const other = extractAttributions('“The levee will hold,” the warden said on Monday. “It will not,” a farmer said.');
    assert.deepEqual(other.find((a) => a.source?.text === 'the warden')?.content.map((c) => c.text), ['“The levee will hold,”']);
  });

  it('does not read "…, according to X" as a participle sharing the clause’s subject', () => {
    const text =
      'A ministry spokeswoman, Ana Velt, said on Wednesday that at least 80 civilians had been killed in Orrin since the flood began, according to cases registered by the ministry’s investigators.';
    const found = extractAttributions(text);
    const according = found.find((a) => a.cue.text === 'according to');
    assert.notEqual(according?.source?.text, 'A ministry spokeswoman, Ana Velt,', summary(found));
    assert.equal(found.find((a) => a.cue.text === 'said')?.parent ?? null, null);
  });

  it('takes no cue inside a noun phrase after an article', () => {
    const text =
      'The Ostland Ministry of Water rejects the reports. These accusations are a staged provocation intended to disrupt negotiations. The Ministry also denies that its engineers opened the dam on Sunday.';
    const found = extractAttributions(text);
    assert.deepEqual(
      found.map((a) => a.cue.text),
      ['rejects', 'also denies'],
    );
  });

  it('keeps a wire dateline out of a content that begins the story', () => {
    const text =
      'VELMARA, Ostland (NWA) — Police in the Ostland city of Velmara detained at least 40 people after a protest outside the regional administration on Saturday, according to a local rights group, which said several of those held had been beaten.';
    const found = extractAttributions(text);
    for (const a of found) for (const c of a.content) assert.doesNotMatch(c.text, /NWA|—/, summary(found));
    assert.ok(found.some((a) => a.content.some((c) => c.text.startsWith('Police in the Ostland city'))));
  });

  it('reads a colon after a cue as part of that cue’s attribution and ends contents before a comma', () => {
    const text = [
      'GENEVA — The Ostland rights office said on Tuesday it was "deeply alarmed" by reports that at least 12 men had been executed in the village of Orrin, and called for an independent investigation.',
      'Spokeswoman Lena Marsh told a briefing in Geneva: "We have received credible reports, including from eyewitnesses, that the men were separated from their families, taken to a field and shot."',
    ].join('\n\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    assert.ok(!found.some((a) => a.cue.text === ':'), shape);
    for (const a of found) for (const c of a.content) assert.doesNotMatch(c.text, /,$/, shape);
  });

  it('reads "…, two people said, speaking on condition of anonymity" as reporting the clause before', () => {
    const text = [
      'The garrison’s commander ordered the detentions himself, two people familiar with the matter said, speaking on condition of anonymity because they feared reprisals.',
      '"We have seen the marks on their bodies," said Dr. Halina Weiss, who treated four of the detainees.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const two = found.find((a) => a.source?.text === 'two people familiar with the matter');
    assert.deepEqual(two?.content.map((c) => c.text), ['The garrison’s commander ordered the detentions himself'], summary(found));
  });

  it('gives a coordinated cue the earlier cue’s whole source and keeps the channel out of the content', () => {
    const text = [
      'A prosecutor in the neighbouring region, Jan Mott, said his office had opened a case into "possible torture" but declined to give details.',
      'The militia denied the accusations in a post on social media on Thursday.',
    ].join(' ');
    const found = extractAttributions(text);
    const declined = found.find((a) => a.cue.text === 'declined');
    assert.equal(declined?.source?.text, 'A prosecutor in the neighbouring region, Jan Mott,');
    const denied = found.find((a) => a.cue.text === 'denied');
    assert.deepEqual(denied?.content.map((c) => c.text), ['the accusations']);
  });

  it('reads a participle after a quotation closed by a comma, and an appositive subject, whole', () => {
    const text = [
      'An Ostland defence official, who spoke on condition of anonymity, said the army "does not use cluster munitions," adding that the allegations were part of an information campaign.',
      'The report, based on photographs of munition remnants, satellite images and interviews with 14 staff members, concluded that the strike was deliberate.',
    ].join(' ');
    const found = extractAttributions(text);
    const shape = summary(found);
    assert.equal(found.find((a) => a.cue.text === 'adding')?.source?.text, 'An Ostland defence official, who spoke on condition of anonymity,', shape);
    assert.match(found.find((a) => a.cue.text === 'concluded')?.source?.text ?? '', /^The report, based on photographs/, shape);
  });

  it('takes a participle inside a source’s appositive for part of the source, not a cue', () => {
    const text =
      'The Ostland Ministry of the Interior did not answer questions about the 14 missing people.\n\nA former detainee, identified only as K., told the group: "They kept us in the dark for weeks. When they brought food, they shouted our numbers, never our names."';
    const found = extractAttributions(text);
    assert.ok(!found.some((a) => a.cue.text.startsWith('identified')), summary(found));
    assert.equal(found.find((a) => a.cue.text === 'told')?.source?.text, 'A former detainee, identified only as K.,');
  });

  it('takes auxiliaries and negation into the cue, and gives a reported clause its own subject', () => {
    const text = [
      'Ostland Relief Fund — Interim findings: Velmara river crossings',
      '',
      'The Orrin Water Board is reportedly preparing a second report. She said residents could not independently verify the reports.',
    ].join('\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    // what is reported without a source: the subject is in the content
    const reportedly = found.find((a) => a.cue.text.endsWith('reportedly'));
    assert.equal(reportedly?.cue.text, 'is reportedly', shape);
    assert.equal(reportedly?.source, null, shape);
    assert.equal(reportedly?.content[0]?.text, 'The Orrin Water Board', shape);
    const verify = found.find((a) => a.cue.text.endsWith('verify'));
    assert.equal(verify?.cue.text, 'could not independently verify', shape);
    assert.equal(verify?.source?.text, 'residents', shape);
  });

  it('reads no attribution in a title label or in "spoke to X by phone"', () => {
    const text = [
      'Ostland Relief Fund — Interim findings: Velmara river crossings',
      '',
      'Ilse Varro, the mayor of the occupied town of Velmara, spoke to the Northgate Courier by satellite phone from a cellar on Friday. She said the bridge was closed.',
    ].join('\n');
    const found = extractAttributions(text);
    assert.deepEqual(
      found.map((a) => a.cue.text),
      ['said'],
      summary(found),
    );
  });

  it('reads "…, a prosecutor told the tribunal on Tuesday." as reporting the clause before, with its cue nested', () => {
    const found = extractAttributions(
      'A former district commander ordered the shelling of a crowded market in Oskel in March 2031, a prosecutor told the Ostland tribunal on Tuesday.',
    );
    const told = found.find((a) => a.cue.text === 'told');
    assert.equal(told?.source?.text, 'a prosecutor', summary(found));
    assert.deepEqual(told?.content.map((c) => c.text), ['A former district commander ordered the shelling of a crowded market in Oskel in March 2031']);
  });

  it('takes a noun phrase after an inverted cue for its source, not a second content fragment', () => {
    const found = extractAttributions('The warehouse fire in Velmara was started deliberately, said three residents who escaped the blaze.');
    const said = found.find((a) => a.cue.text === 'said');
    assert.equal(said?.source?.text, 'three residents who escaped the blaze', summary(found));
    assert.deepEqual(said?.content.map((c) => c.text), ['The warehouse fire in Velmara was started deliberately']);
  });

  it('gives no source to "X is said to …" or "It was reported that …", and the speaker to "X was quoted by Y as saying"', () => {
    const text = [
      'The mayor of Velmara, Dagmar Fell, is said to have ordered an inspection of the dam.',
      'It was reported on Sunday that police had detained a suspect.',
      'Stanek was quoted by the Orvant Courier as saying that investigators had found traces of fuel.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    const said = found.find((a) => a.cue.text.endsWith('said'));
    assert.equal(said?.source, null, shape);
    assert.match(said?.content[0]?.text ?? '', /^The mayor of Velmara/, shape);
    assert.equal(found.find((a) => a.cue.text.endsWith('reported'))?.source, null, shape);
    const quoted = found.find((a) => a.cue.text.startsWith('was quoted'));
    assert.equal(quoted?.cue.text, 'was quoted by the Orvant Courier as saying', shape);
    assert.equal(quoted?.source?.text, 'Stanek', shape);
  });

  it('gives "…, the Courier reported." the whole clause before it, with the cue inside nested and ended there', () => {
    const found = extractAttributions('Governor Ilse Varro told investigators in July that she had used a private phone, the Courier reported.');
    const shape = summary(found);
    const reported = found.find((a) => a.cue.text === 'reported');
    assert.equal(reported?.source?.text, 'the Courier', shape);
    assert.deepEqual(reported?.content.map((c) => c.text), ['Governor Ilse Varro told investigators in July that she had used a private phone'], shape);
    const told = found.find((a) => a.cue.text === 'told');
    assert.deepEqual(told?.content.map((c) => c.text), ['that she had used a private phone'], shape);
    assert.equal(told?.parent, reported?.id, shape);
  });

  it('gives a source-less cue the noun phrase opening its sentence', () => {
    const found = extractAttributions(
      "Six residents of Velmara have been missing since March. The regional prosecutor's office said it had opened an inquiry into the disappearances.",
    );
    assert.equal(found.find((a) => a.cue.text === 'said')?.source?.text, "The regional prosecutor's office", summary(found));
  });

  it('reads each turn of a transcript as one attribution to its speaker label, and no label of a genre', () => {
    const text = [
      'HOST (Mara Lind): Dr. Orvel, what did your team find at the well?',
      'ORVEL: We examined six bodies. All of them had been shot at close range. In my opinion they were executed.',
      'CORRECTION: An earlier version of this transcript misspelled the name of the village.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    const turn = found.find((a) => a.source?.text === 'ORVEL');
    assert.equal(turn?.cue.text, ':', shape);
    assert.deepEqual(turn?.content.map((c) => c.text), ['We examined six bodies. All of them had been shot at close range. In my opinion they were executed'], shape);
    assert.equal(found.find((a) => a.source?.text === 'HOST (Mara Lind)')?.content[0]?.text, 'Dr. Orvel, what did your team find at the well?', shape);
    assert.ok(!found.some((a) => a.source?.text === 'CORRECTION'), shape);
  });

  it('drops a genre label before a colon, and finds the subject of a coordinated cue and after a semicolon', () => {
    const text = [
      'Fact check: Video does not show a mass grave near Orvel',
      'Welt later deleted the post but told this outlet he still believed that killings had taken place in the area.',
      "Claims of a second grave remain unverified; the regional ombudsman's office said it was seeking access to the town.",
    ].join('\n\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    assert.ok(!found.some((a) => a.source?.text.startsWith('Fact check')), shape);
    assert.equal(found.find((a) => a.cue.text === 'told')?.source?.text, 'Welt', shape);
    assert.equal(found.find((a) => a.cue.text === 'said')?.source?.text, "the regional ombudsman's office", shape);
  });

  it('starts a cue begun on the last word of a name at its verb, and keeps a subject out of the widened clause', () => {
    const found = extractAttributions(
      "Independent analysts at the Orvel Open Source Collective said the burning vehicle in the army's video appeared to be a military truck, not a bus.",
    );
    const shape = summary(found);
    const said = found.find((a) => a.cue.text === 'said');
    assert.equal(said?.source?.text, 'Independent analysts at the Orvel Open Source Collective', shape);
    assert.match(said?.content[0]?.text ?? '', /^the burning vehicle/, shape);
  });

  it('gives no source to the addressee of "was told", "and said" its sentence\'s speaker, and a subject across a relative clause', () => {
    const text = [
      'The spokesperson confirmed that a patrol leader had been told to turn back "or face the consequences," and said the mission had raised the incident with the liaison officer.',
      'The mayor said the village was quiet. A farmer who lives at the edge of the village told the priest that soldiers had taken his two sons.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    const told = found.find((a) => a.cue.text.endsWith('been told'));
    assert.ok(told !== undefined, shape);
    assert.equal(told.source, null, shape);
    assert.equal(found.find((a) => a.cue.text === 'said' && a.content[0]?.text.startsWith('the mission'))?.source?.text, 'The spokesperson', shape);
    assert.equal(found.find((a) => a.cue.text === 'told')?.source?.text, 'A farmer who lives at the edge of the village', shape);
  });

  it('reads the clause after "told us" when the tagger gives none, and an inverted source before a quotation', () => {
    const text = [
      'Relatives of six men on the list told us they had identified the bodies of their sons or brothers at the city morgue.',
      'VELMARA — The fire that destroyed a shelter in Velmara on Saturday night was started deliberately, said three residents who escaped the blaze.',
      '"They poured something on the door and ran," said Ilse Varro, 54, who has lived at the shelter since last year.',
    ].join('\n\n');
    const found = extractAttributions(text);
    const shape = summary(found);
    assert.deepEqual(
      found.find((a) => a.cue.text === 'told')?.content.map((c) => c.text),
      ['they had identified the bodies of their sons or brothers at the city morgue'],
      shape,
    );
    const fire = found.find((a) => a.content.some((c) => c.text.includes('started deliberately')));
    assert.equal(fire?.source?.text, 'three residents who escaped the blaze', shape);
  });

  it('takes the whole subject when the tagger began the source inside its place phrase', () => {
    const found = extractAttributions(
      'Our analysis of 40 videos filmed in and around Velmara Hill between 12 and 15 March shows that soldiers of the 44th Brigade detained at least 19 unarmed men on Kerem Street.',
    );
    assert.equal(found.find((a) => a.cue.text === 'shows')?.source?.text, 'Our analysis of 40 videos filmed in and around Velmara Hill between 12 and 15 March', summary(found));
  });

  it('returns nothing for text without attributions', () => {
    assert.deepEqual(extractAttributions('The river rose overnight. Roads were closed.'), []);
  });
});

describe('extract', () => {
  it('returns the whole contract with the extractor version and a content hash', () => {
    const x = extract('The mayor said the bridge at Dornholt was closed.', { published: '2031-05-02' });
    assert.equal(x.extractor, EXTRACTOR_VERSION);
    assert.equal(x.document.published, '2031-05-02');
    assert.match(x.document.sha256, /^[0-9a-f]{64}$/);
    assert.equal(x.attributions.length, 1);
    for (const key of ['actors', 'places', 'dates', 'figures', 'events'] as const)
      assert.ok(Array.isArray(x[key]));
  });

  it('links a relative pronoun source to the phrase its clause hangs on', () => {
    const text = [
      'The count is lower than the toll given by the mayor of Velmara, Ilse Varro, who has said at least 40 residents were killed.',
      'The Ostland Water Board, which last week called the reports "alarmist," did not respond to a request for comment.',
    ].join(' ');
    const x = extract(text, { published: '2031-05-02' });
    const nameOf = (source: string): string | undefined => {
      const a = x.attributions.find((y) => y.source?.text === source);
      return x.actors.find((actor) => actor.id === a?.source?.actor)?.name;
    };
    assert.equal(nameOf('who'), 'Ilse Varro');
    assert.equal(nameOf('which'), 'Ostland Water Board');
  });

  it('does not take a place after "inside" for a person because a reporting verb follows', () => {
    const x = extract('The Orrin Relief Fund said its staff inside Velmara reported that the clinic had run out of insulin.', {
      published: '2031-05-02',
    });
    assert.ok(!x.actors.some((a) => a.name === 'Velmara' && a.type === 'person'), JSON.stringify(x.actors));
  });

  it('links sources to actors from fact extraction', () => {
    const x = extract(REFERENCE, { published: '2022-04-08' });
    const boy = x.attributions.find((a) => a.source?.text === 'Mariupol Mayor Vadym Boychenko');
    assert.ok(boy?.source?.actor);
    const actor = x.actors.find((a) => a.id === boy.source?.actor);
    assert.equal(actor?.name, 'Vadym Boychenko');
    const pronoun = x.attributions.find((a) => a.source?.text === 'He');
    assert.equal(x.actors.find((a) => a.id === pronoun?.source?.actor)?.name, 'Seth Moulton');
  });
});
